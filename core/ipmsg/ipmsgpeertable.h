#pragma once

#include "core/ipmsg/ipmsgpacket.h"
#include "core/net/udpchannel.h"

#include <QDateTime>
#include <QHash>
#include <QList>

#include <map>

/// One IP Messenger client on the LAN, as its packets describe it.
struct IpMsgPeer
{
    QString key; ///< "user@address:port": one entry per running client
    QString user;
    QString host;
    QString nickname;
    QString group;
    QHostAddress address; ///< normalised (IPv4 shown as IPv4)
    quint16 port = 0;
    QDateTime lastSeen; ///< UTC
    bool utf8 = false; ///< we send UTF-8 (with UTF8OPT when it advertised CAPUTF8OPT)
    bool capUtf8 = false; ///< it advertised CAPUTF8OPT
    bool legacy = false; ///< its entry said nothing about UTF-8: text is in `encoding`
    QString encoding; ///< what we decode its legacy text with / send to it
    QString version; ///< its version field, e.g. "1_iptux 0.8.3"
    bool absent = false; ///< its last entry said it is away (BR_ABSENCE with ABSENCEOPT)
    /// The encoding the user chose for this peer (setEncoding()), or empty: automatic.
    QString encodingOverride;
    // What its entries said, before encodingOverride is applied.
    bool autoUtf8 = false;
    bool autoCapUtf8 = false;
    QString autoEncoding;

    QString displayName() const { return nickname.isEmpty() ? user : nickname; }
};

/// The peers an IpMsgSession knows: created and updated from their packets (names decoded in
/// the encoding their entries announce, or the legacy one), at most MaxPeers of them, with the
/// encodings the user chose kept across a peer's entries, and text decoded the way each peer
/// writes it.
class IpMsgPeerTable
{
public:
    /// At most this many peers are listed; the one heard from longest ago makes room.
    static constexpr int MaxPeers = 1000;

    /// The key of the client @p user at @p address : @p port.
    static QString key(const QByteArray &user, const QHostAddress &address, quint16 port);
    /// @p bytes as UTF-8 (invalid sequences replaced).
    static QString utf8Text(const QByteArray &bytes);

    /// Encoding of peers that do not speak UTF-8 (what Chinese clients send).
    void setLegacyEncoding(const QString &name) { m_legacyEncoding = name; }
    QString legacyEncoding() const { return m_legacyEncoding; }

    /// Creates or updates the sender of @p packet; @p fromEntry: a BR_ENTRY, ANSENTRY or
    /// BR_ABSENCE, whose names and encoding it takes.
    IpMsgPeer &update(const IpMsg::Packet &packet, const Datagram &datagram, bool fromEntry);
    /// Forgets every peer (the encodings chosen for them are kept); false if there was none.
    bool clear();
    /// Removes the peer @p key; false if it was not listed.
    bool remove(const QString &key);
    const IpMsgPeer *find(const QString &key) const;
    QList<IpMsgPeer> list() const;
    /// Talk to the peer @p key in @p encoding instead of what its entries suggest; empty goes
    /// back to automatic. False for an unknown peer or encoding.
    bool setEncoding(const QString &key, const QString &encoding);

    /// @p bytes of @p packet from @p peer (null: unknown) as text: UTF-8 when the packet says so,
    /// else the peer's legacy encoding, else UTF-8 if the bytes are valid UTF-8, else the legacy
    /// encoding. @p encodingUsed, when not null, receives the encoding's name.
    QString decode(const QByteArray &bytes, const IpMsg::Packet &packet, const IpMsgPeer *peer,
                   QString *encodingUsed) const;

private:
    IpMsgPeer &findOrCreate(const QString &key, const Datagram &datagram);
    void takeEntry(IpMsgPeer &peer, const IpMsg::Packet &packet) const;
    static void applyEncoding(IpMsgPeer &peer);

    QString m_legacyEncoding = QStringLiteral("GBK");
    std::map<QString, IpMsgPeer> m_peers;
    QHash<QString, QString> m_encodingOverrides; // peer key -> encoding
};
