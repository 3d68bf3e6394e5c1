#pragma once

#include "core/config/settings.h"
#include "core/net/endpoint.h"
#include "core/net/multicastgroups.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

/// Exit statuses of udpchat-cli, as --help documents them.
namespace ExitStatus {
constexpr int Success = 0;
/// The command line was fine, the run was not: bind failed, a datagram could not be sent, a
/// file could not be read, --timeout came before --count.
constexpr int Failure = 1;
/// The command line itself is wrong: unknown option, bad value, unknown encoding, bad address.
constexpr int UsageError = 2;
} // namespace ExitStatus

/// What `udpchat-cli listen` was asked to do.
struct ListenOptions
{
    quint16 bindPort = Settings::DefaultPort; ///< the window's default; 0 = any free port
    QString encoding; ///< a name TextCodec accepts
    bool json = false;
    qint64 count = 0; ///< stop after printing this many datagrams; 0 = no limit
    int timeoutMs = 0; ///< stop after this long; 0 = no limit
    QList<MulticastGroup> groups; ///< --join, in the order given
};

/// What `udpchat-cli send` was asked to do.
struct SendOptions
{
    enum class Source { Text, File, Hex, StandardInput };

    Endpoint target;
    quint16 bindPort = 0; ///< 0 = any free port
    QString encoding; ///< for TEXT and standard input lines
    Source source = Source::StandardInput;
    QString text; ///< Source::Text
    QString fileName; ///< Source::File; "-" reads standard input as one datagram
    QByteArray bytes; ///< Source::Hex
    int repeat = 1; ///< times to send TEXT, --file or --hex
    int intervalMs = 0; ///< pause between two datagrams
    int ttl = Multicast::DefaultTtl; ///< TTL / hop limit of datagrams to a group
    QString interfaceName; ///< --interface: where datagrams to a group go out; empty = automatic
    bool loopback = true; ///< datagrams to a group reach this computer's listeners too
    /// `udpchat-cli chat`: what arrives on the socket is printed too, and what is sent is not
    /// reported (the lines typed are on the terminal already).
    bool chat = false;
};

/// What `udpchat-cli ipmsg listen` was asked to do.
struct IpMsgListenOptions
{
    QString nickname; ///< empty: the login name
    QString group;
    quint16 port = 2425; ///< UDP and TCP; 0 = any free port
    QString receiveFiles; ///< save every offered file and folder here; empty: do not
    bool json = false;
    qint64 count = 0; ///< stop after this many messages (with their files); 0 = no limit
    int timeoutMs = 0;
    bool broadcast = true; ///< announce ourselves (BR_ENTRY) to the interfaces' broadcast
};

/// What `udpchat-cli ipmsg send` was asked to do.
struct IpMsgSendOptions
{
    Endpoint to; ///< the peer; port 2425 unless given
    QString nickname;
    QStringList files; ///< --file, in the order given
    quint16 port = 0; ///< UDP and TCP port of our own; 0 = any free port
    QString text;
    int timeoutMs = 30000;
};

/// The udpchat-cli command line, parsed without side effects; main() prints and exits.
class CliOptions
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions)
public:
    enum class Action { Listen, Send, Chat, IpMsgListen, IpMsgSend, ShowHelp, ShowVersion, Error };

    struct Result
    {
        Action action = Action::Error;
        ListenOptions listen; ///< for Action::Listen
        SendOptions send; ///< for Action::Send
        IpMsgListenOptions ipmsgListen; ///< for Action::IpMsgListen
        IpMsgSendOptions ipmsgSend; ///< for Action::IpMsgSend
        QString text; ///< help, version or error, ready to print, ending in a newline
    };

    /// @p arguments includes the program name first, as QCoreApplication::arguments().
    static Result parse(const QStringList &arguments);
};
