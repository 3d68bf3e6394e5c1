#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <deque>

/// The IP Messenger protocol (IPMsg, iptux, FeiQ): constants, one datagram as bytes, the parser,
/// the builder and the small rules a receiver follows. Everything here is pure and synchronous;
/// IpMsgSession does the networking.
///
/// A datagram is `version:packetNo:user:host:command:extra`; `extra` is the rest of the datagram
/// (it may contain ':' and '\0'-separated parts).
namespace IpMsg {

inline constexpr quint16 DefaultPort = 2425;
/// Largest datagram we send or accept: older clients read into 8 KiB buffers.
inline constexpr qsizetype MaxDatagramSize = 8191;
/// Our version field. The "1_" prefix is what FeiQ requires before it lists a peer; the
/// official client and iptux read the leading "1".
inline constexpr char VersionField[] = "1_udpchat";

// Command modes (low 8 bits).
enum Mode : quint32 {
    NoOperation = 0x00,
    BrEntry = 0x01,
    BrExit = 0x02,
    AnsEntry = 0x03,
    BrAbsence = 0x04,
    SendMsg = 0x20,
    RecvMsg = 0x21,
    ReadMsg = 0x30,
    GetInfo = 0x40,
    SendInfo = 0x41,
};

// Options (high 24 bits). Entry commands and send commands give some bits different meanings.
enum Option : quint32 {
    AbsenceOpt = 0x00000100, // entries
    DialupOpt = 0x00010000, // entries
    SendCheckOpt = 0x00000100, // SENDMSG: please answer RECVMSG
    SecretOpt = 0x00000200,
    BroadcastOpt = 0x00000400, // never acknowledged
    MulticastOpt = 0x00000800,
    AutoRetOpt = 0x00002000, // automatic reply: never acknowledged or answered
    RetryOpt = 0x00004000,
    ReadCheckOpt = 0x00100000, // SENDMSG (sealed): please answer READMSG when it is opened
    NoAddListOpt = 0x00080000,
    Utf8Opt = 0x00800000, // this packet's text is UTF-8
    CapUtf8Opt = 0x01000000, // entries: "I understand UTF8OPT"
};

inline constexpr quint32 modeOf(quint32 command)
{
    return command & 0xFFu;
}
inline constexpr quint32 optionsOf(quint32 command)
{
    return command & 0xFFFFFF00u;
}

/// One datagram's fields, as bytes (the encoding depends on the options and the peer).
struct Packet
{
    QByteArray version = QByteArray(VersionField);
    quint32 packetNo = 0;
    QByteArray user;
    QByteArray host;
    quint32 command = 0;
    QByteArray extra;

    quint32 mode() const { return modeOf(command); }
    quint32 options() const { return optionsOf(command); }
    bool has(quint32 option) const { return (command & option) == option; }
    /// extra split at '\0' (a trailing '\0' does not add an empty part).
    QList<QByteArray> extraParts() const;

    friend bool operator==(const Packet &a, const Packet &b)
    {
        return a.version == b.version && a.packetNo == b.packetNo && a.user == b.user
               && a.host == b.host && a.command == b.command && a.extra == b.extra;
    }
};

enum class ParseError {
    None,
    TooLarge, ///< above MaxDatagramSize
    MissingField, ///< fewer than five ':'
    BadVersion, ///< does not start with "1"
    BadPacketNo, ///< not a decimal number that fits 32 bits
    BadCommand, ///< not a decimal number that fits 32 bits
};

struct ParseResult
{
    Packet packet;
    ParseError error = ParseError::None;
    bool ok() const { return error == ParseError::None; }
};

/// Strict parse of one datagram. Never throws or reads out of bounds; anything else is an error.
ParseResult parse(const QByteArray &datagram);

/// The datagram for @p packet. ':' in version, user and host would break the framing, so it is
/// replaced with ';' there (what the official client does). Any other byte is kept, so
/// parse(build(p)) == p for every packet without ':' in those fields.
QByteArray build(const Packet &packet);

/// Whether a received @p packet from source port @p senderPort must be answered with RECVMSG:
/// SENDMSG with SENDCHECKOPT, but never with BROADCASTOPT or AUTORETOPT, never to port 0.
bool needsAck(const Packet &packet, quint16 senderPort);

/// What an entry packet (BR_ENTRY, ANSENTRY, BR_ABSENCE) says about its sender.
struct EntryInfo
{
    QByteArray nickname; ///< bytes in the legacy (or declared) encoding, or UTF-8 if utf8Block
    QByteArray group;
    bool utf8Block = false; ///< nickname and group came from the UTF-8 block (CAPUTF8OPT)
    QByteArray declaredEncoding; ///< iptux's trailer ("utf-8", "gb18030"), or empty
    bool utf8Capable = false; ///< CAPUTF8OPT or a UTF-8 trailer: send UTF-8 to it
};
EntryInfo parseEntry(const Packet &packet);

/// Extra of an entry packet: nickname \0 group \0, then the UTF-8 block
/// "\nUN:user\nHN:host\nNN:nick\nGN:group\n" (only read by receivers when CAPUTF8OPT is set).
/// @p legacyNickname/@p legacyGroup are the same names in the legacy encoding.
QByteArray entryExtra(const QByteArray &legacyNickname, const QByteArray &legacyGroup,
                      const QString &user, const QString &host, const QString &nickname,
                      const QString &group);

/// The packet number a RECVMSG acknowledges (its extra, decimal, up to the first '\0').
bool ackedPacketNo(const Packet &recvMsg, quint32 *packetNo);

/// Packet numbers unique per sender: seeded from the clock (seconds since the epoch), as the
/// official client does, so a restarted sender does not repeat recent numbers.
class PacketCounter
{
public:
    PacketCounter();
    explicit PacketCounter(quint32 seed) : m_next(seed) { }
    quint32 next() { return m_next++; }

private:
    quint32 m_next;
};

/// Remembers recently seen (sender, packetNo) pairs, at most @p capacity of them (oldest forgotten
/// first), so retransmissions are shown once.
class DuplicateFilter
{
public:
    explicit DuplicateFilter(int capacity = 4096) : m_capacity(qMax(1, capacity)) { }
    /// True if (@p sender, @p packetNo) was seen before; otherwise records it and returns false.
    bool seen(const QString &sender, quint32 packetNo);
    int size() const { return int(m_order.size()); }

private:
    int m_capacity;
    QSet<QString> m_keys;
    std::deque<QString> m_order;
};

/// A token bucket per sender plus one overall: at most @p perSender acknowledgements per second
/// to one address (burst of the same size) and @p overall per second in total, so a flood of
/// SENDCHECKOPT packets (e.g. with a forged source) cannot turn us into an amplifier.
class AckLimiter
{
public:
    explicit AckLimiter(int perSender = 20, int overall = 200)
        : m_perSender(perSender), m_overall(overall)
    { }
    /// Whether an ack to @p sender may go out at @p nowMs (a monotonic clock in ms).
    bool allow(const QString &sender, qint64 nowMs);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 lastMs = 0;
    };
    static bool take(Bucket &bucket, int ratePerSecond, qint64 nowMs, bool fresh);
    int m_perSender;
    int m_overall;
    QHash<QString, Bucket> m_buckets;
    Bucket m_all;
    bool m_allFresh = true;
};

} // namespace IpMsg
