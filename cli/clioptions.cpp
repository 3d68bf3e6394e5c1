#include "clioptions.h"

#include "core/text/hexcodec.h"
#include "core/text/textcodec.h"
#include "core/text/textescape.h"

#include <QCommandLineParser>
#include <QRegularExpression>

#include <optional>

namespace {

const QString kProgram = QStringLiteral("udpchat-cli");
constexpr qint64 kMaxCount = 2147483647;
constexpr qint64 kMaxTimeoutMs = 2000000000; // 2,000,000 s, within QTimer's int milliseconds
constexpr qint64 kMaxIntervalMs = 86400000; // one day
constexpr qint64 kMaxRepeat = 1000000000;
constexpr int kDefaultRepeatIntervalMs = 1000;

// What a person typed, shown back in an error without any control character reaching the
// terminal.
QString shown(const QString &value)
{
    return TextEscape::forTerminal(value);
}

// A decimal number without sign or leading zeros, min..max.
std::optional<qint64> parseWhole(const QString &text, qint64 min, qint64 max)
{
    if (text.isEmpty() || text.size() > 10 || (text.size() > 1 && text.front() == u'0'))
        return std::nullopt;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    const qint64 value = text.toLongLong();
    if (value < min || value > max)
        return std::nullopt;
    return value;
}

// Seconds with up to three decimals ("5", "0.5", "2.125"), returned in milliseconds.
std::optional<int> parseSeconds(const QString &text)
{
    static const QRegularExpression seconds(
            QStringLiteral("^(0|[1-9][0-9]{0,6})(?:\\.([0-9]{1,3}))?$"));
    const QRegularExpressionMatch match = seconds.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    qint64 ms = match.captured(1).toLongLong() * 1000;
    if (match.hasCaptured(2))
        ms += match.captured(2).leftJustified(3, u'0').toInt();
    if (ms <= 0 || ms > kMaxTimeoutMs)
        return std::nullopt;
    return int(ms);
}

// Empty when @p text is 0 or a port 1..65535, written to @p port; else the error sentence.
QString checkBindPort(const QString &text, quint16 *port)
{
    const auto parsed = EndpointParser::parseBindPort(text);
    if (!parsed.ok() || text != text.trimmed()) {
        return CliOptions::tr("invalid --bind-port '%1': use a port from 1 to 65535, or 0 for "
                              "any free port.")
                .arg(shown(text));
    }
    *port = parsed.port;
    return QString();
}

QString encodingList()
{
    return TextCodec::availableEncodings().join(QStringLiteral(", "));
}

// Empty when @p name is an encoding, written to @p encoding: the spelling from
// TextCodec::availableEncodings() when it is one of them in any case, else @p name itself if the
// platform has a converter for it. Else the error sentence, listing the available ones.
QString checkEncoding(const QString &name, QString *encoding)
{
    if (const QString known = TextCodec::canonicalName(name); !known.isEmpty()) {
        *encoding = known;
        return QString();
    }
    if (!name.isEmpty() && TextCodec(name).isAvailable()) {
        *encoding = name;
        return QString();
    }
    return CliOptions::tr("unknown encoding '%1'; available: %2.").arg(shown(name), encodingList());
}

QString exitStatusHelp()
{
    return CliOptions::tr(
            "Exit status:\n"
            "  0  success; also when ended with Ctrl+C (SIGINT) or SIGTERM\n"
            "  1  the run failed: port busy, datagram too large or refused by the system,\n"
            "     text not representable in the encoding, file unreadable, output not\n"
            "     writable, or --timeout came before --count datagrams\n"
            "  2  usage error: unknown option or command, bad value, bad address,\n"
            "     unknown encoding; nothing was sent or bound\n");
}

// QCommandLineParser's option table without its "Usage:" line, which names the executable by
// the path it was started with; each command writes its own usage line instead.
QString optionTable(const QCommandLineParser &parser)
{
    // The usage line ends at the first blank line ("Options:" itself may be translated).
    const QString help = parser.helpText();
    const qsizetype blank = help.indexOf(QLatin1String("\n\n"));
    return blank >= 0 ? help.mid(blank + 2) : help;
}

QCommandLineOption helpOption()
{
    return QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")},
                              CliOptions::tr("Show this help and exit."));
}

QCommandLineOption encodingOption(const QString &what)
{
    return QCommandLineOption(
            QStringLiteral("encoding"),
            what + u' ' + CliOptions::tr("Default UTF-8. Available: %1.").arg(encodingList()),
            CliOptions::tr("name"), QStringLiteral("UTF-8"));
}

struct ListenParser
{
    ListenParser()
        : bindPort(QStringLiteral("bind-port"),
                   CliOptions::tr("Listen on UDP <port>, IPv4 and IPv6 (default %1, as the window; "
                                  "0 = any free port). The port is printed to standard error at "
                                  "start.")
                           .arg(Settings::DefaultPort),
                   CliOptions::tr("port"), QString::number(Settings::DefaultPort)),
          encoding(encodingOption(CliOptions::tr("Decode datagrams as <name>."))),
          json(QStringLiteral("json"),
               CliOptions::tr(
                       "Print JSON Lines instead of text: one object per datagram with time (UTC, "
                       "ISO 8601 with ms), peer, port, bytes, encoding, valid (false if the bytes "
                       "were not valid in the encoding), text and hex (the exact bytes).")),
          count(QStringLiteral("count"), CliOptions::tr("Exit after printing <N> datagrams."),
                CliOptions::tr("N")),
          timeout(QStringLiteral("timeout"),
                  CliOptions::tr(
                          "Exit after <seconds> (decimals allowed, e.g. 0.5). With --count, exit "
                          "status 1 if fewer datagrams came."),
                  CliOptions::tr("seconds")),
          join(QStringLiteral("join"),
               CliOptions::tr("Join the multicast group GROUP (IPv4 224.0.0.0/4 or IPv6 ff00::/8) "
                              "on INTERFACE, or without %INTERFACE on every interface that is up "
                              "and can do multicast. Repeatable: several groups on one port. A "
                              "datagram that came through a group is printed with \"via GROUP\" "
                              "after the sender (JSON: \"group\")."),
               CliOptions::tr("GROUP[%INTERFACE]")),
          help(helpOption())
    {
        parser.addOptions({bindPort, encoding, json, count, timeout, join, help});
    }

    QString helpText() const
    {
        return CliOptions::tr(
                       "Usage: %1 listen [options]\n\n"
                       "Print one line per UDP datagram that arrives, until --count, --timeout,\n"
                       "Ctrl+C (SIGINT) or SIGTERM. A text line is \"TIME  IP:PORT  TEXT\" (local\n"
                       "time); control and bidi characters in TEXT are shown as escapes (\\x1b, "
                       "\\n,\n"
                       "\\u202e) and a backslash as \\\\. An empty datagram shows \"(empty "
                       "datagram)\",\n"
                       "one not valid in the encoding shows its bytes in hex. Lines go to "
                       "standard\n"
                       "output, flushed one by one; \"listening on UDP port N\" and the summary\n"
                       "(received, dropped by udpchat-cli and by the kernel) go to standard "
                       "error.\n\n")
                       .arg(kProgram)
               + optionTable(parser)
               + CliOptions::tr(
                         "\nExamples:\n"
                         "  %1 listen\n"
                         "  %1 listen --bind-port 0 --json\n"
                         "  %1 listen --bind-port 7777 --encoding GBK --count 1 --timeout 5\n"
                         "  %1 listen --json | jq -r .text\n")
                         .arg(kProgram)
               + CliOptions::tr("  %1 listen --bind-port 7000 --join 239.255.77.1 --join "
                                "ff12::2115%eth0\n")
                         .arg(kProgram);
    }

    QCommandLineParser parser;
    QCommandLineOption bindPort;
    QCommandLineOption encoding;
    QCommandLineOption json;
    QCommandLineOption count;
    QCommandLineOption timeout;
    QCommandLineOption join;
    QCommandLineOption help;
};

struct SendParser
{
    SendParser()
        : file(QStringLiteral("file"),
               CliOptions::tr(
                       "Send the bytes of file <F> as one datagram, as they are (\"-\" = all of "
                       "standard input)."),
               CliOptions::tr("F")),
          hex(QStringLiteral("hex"),
              CliOptions::tr(
                      "Send the bytes written in hex, as they are: \"48 65 6c\", \"48656c\", "
                      "\"0x48,0x65\" or \"48:65:6c\"; \"\" is an empty datagram."),
              CliOptions::tr("HEX")),
          encoding(encodingOption(CliOptions::tr("Convert TEXT and input lines to <name>."))),
          bindPort(QStringLiteral("bind-port"),
                   CliOptions::tr(
                           "Send from UDP <port>, where replies would arrive (default 0 = any free "
                           "port)."),
                   CliOptions::tr("port"), QStringLiteral("0")),
          repeat(QStringLiteral("repeat"),
                 CliOptions::tr("Send TEXT, --file or --hex <N> times (default 1)."),
                 CliOptions::tr("N")),
          interval(QStringLiteral("interval"),
                   CliOptions::tr("Wait <MS> milliseconds between two datagrams (default 1000 with "
                                  "--repeat, 0 for input lines)."),
                   CliOptions::tr("MS")),
          ttl(QStringLiteral("ttl"),
              CliOptions::tr("TTL (IPv4) or hop limit (IPv6) of datagrams to a multicast group, 0 "
                             "to %1 (default %2: this network only).")
                      .arg(Multicast::MaxTtl)
                      .arg(Multicast::DefaultTtl),
              CliOptions::tr("N")),
          interface(QStringLiteral("interface"),
                    CliOptions::tr("Send datagrams to a multicast group out of interface <NAME> "
                                   "(default: the only LAN interface, else the system's routes)."),
                    CliOptions::tr("NAME")),
          noLoopback(QStringLiteral("no-loopback"),
                     CliOptions::tr("Datagrams to a multicast group do not reach listeners on "
                                    "this computer (by default they do).")),
          help(helpOption())
    {
        parser.addOptions({file, hex, encoding, bindPort, repeat, interval, ttl, interface,
                           noLoopback, help});
    }

    QString helpText() const
    {
        return CliOptions::tr(
                       "Usage: %1 send [options] HOST:PORT [TEXT]\n\n"
                       "Send TEXT, the bytes of --file or the bytes of --hex as one UDP datagram "
                       "to\n"
                       "HOST:PORT: an IPv4 address as a.b.c.d:port, IPv6 as [address]:port\n"
                       "([fe80::1%eth0]:port for link-local); host names are not looked up. "
                       "Without\n"
                       "TEXT, --file and --hex, every line of standard input is one datagram, "
                       "without\n"
                       "its line end (\\n or \\r\\n); an empty line is an empty datagram. TEXT "
                       "and\n"
                       "input lines are UTF-8, converted to --encoding. One datagram holds at "
                       "most\n"
                       "65507 bytes to IPv4 and 65527 to IPv6. Each datagram sent is reported on\n"
                       "standard output as \"sent N bytes to IP:PORT\" (handed to the system; UDP\n"
                       "never confirms delivery); errors go to standard error.\n\n")
                       .arg(kProgram)
               + optionTable(parser)
               + CliOptions::tr("\nExamples:\n"
                                "  %1 send 127.0.0.1:6666 \"hello\"\n"
                                "  %1 send [::1]:6666 --hex \"48 65 6c 6c 6f\"\n"
                                "  %1 send 192.168.0.102:6666 --encoding GBK \"你好\"\n"
                                "  %1 send 127.0.0.1:6666 --file packet.bin\n"
                                "  %1 send 127.0.0.1:6666 ping --repeat 5 --interval 200\n"
                                "  tail -f app.log | %1 send 127.0.0.1:6666\n"
                                "  %1 send 127.0.0.1:6666 -- \"-text that starts with a dash\"\n")
                         .arg(kProgram)
               + CliOptions::tr("  %1 send 239.255.77.1:7000 --ttl 2 --interface eth0 \"hello "
                                "group\"\n")
                         .arg(kProgram);
    }

    QCommandLineParser parser;
    QCommandLineOption file;
    QCommandLineOption hex;
    QCommandLineOption encoding;
    QCommandLineOption bindPort;
    QCommandLineOption repeat;
    QCommandLineOption interval;
    QCommandLineOption ttl;
    QCommandLineOption interface;
    QCommandLineOption noLoopback;
    QCommandLineOption help;
};

struct ChatParser
{
    ChatParser()
        : encoding(
                encodingOption(CliOptions::tr("Send lines in and decode datagrams from <name>."))),
          bindPort(QStringLiteral("bind-port"),
                   CliOptions::tr("Send from and receive on UDP <port> (default 0 = any free "
                                  "port, printed at start)."),
                   CliOptions::tr("port"), QStringLiteral("0")),
          help(helpOption())
    {
        parser.addOptions({encoding, bindPort, help});
    }

    QString helpText() const
    {
        return CliOptions::tr("Usage: %1 chat [options] HOST:PORT\n\n"
                              "A two-way session with HOST:PORT, as nc -u or socat do: every line "
                              "typed is one\n"
                              "datagram to it (without its line end), every datagram that arrives "
                              "on the port\n"
                              "is printed as listen prints it, whoever sent it. Ends at the end of "
                              "input (Ctrl+D)\n"
                              "or on Ctrl+C. HOST:PORT as for send; localhost is 127.0.0.1.\n\n")
                       .arg(kProgram)
               + optionTable(parser)
               + CliOptions::tr("\nExample:\n  %1 chat 127.0.0.1:6666\n").arg(kProgram);
    }

    QCommandLineParser parser;
    QCommandLineOption encoding;
    QCommandLineOption bindPort;
    QCommandLineOption help;
};

// "localhost" is 127.0.0.1 (only that name: no host name is ever looked up).
QString withoutLocalhost(const QString &target)
{
    static const QRegularExpression localhost(QStringLiteral("^\\s*localhost:"),
                                              QRegularExpression::CaseInsensitiveOption);
    QString text = target;
    return text.replace(localhost, QStringLiteral("127.0.0.1:"));
}

// nc's and socat's "HOST PORT" as two words: the HOST:PORT udpchat-cli takes, or "".
QString ncStyleTarget(const QStringList &positional)
{
    if (positional.size() < 2)
        return {};
    const QString host = withoutLocalhost(positional.at(0) + u':').chopped(1);
    const auto address = EndpointParser::parseAddress(host);
    const auto port = EndpointParser::parsePort(positional.at(1));
    if (!address.ok() || !port.ok())
        return {};
    return Endpoint{address.address, port.port}.toString();
}

// The target HOST:PORT of send or chat; the reason when it is not valid.
QString readTarget(const QStringList &positional, Endpoint *target)
{
    if (const QString suggestion = ncStyleTarget(positional); !suggestion.isEmpty())
        return CliOptions::tr("the target is one word, HOST:PORT: use %1 instead of '%2 %3'.")
                .arg(suggestion, shown(positional.at(0)), shown(positional.at(1)));
    const auto parsed = EndpointParser::parseEndpoint(withoutLocalhost(positional.constFirst()));
    if (!parsed.ok())
        return CliOptions::tr("invalid target '%1': %2")
                .arg(shown(positional.constFirst()), parsed.error);
    *target = parsed.endpoint;
    return {};
}

// `ipmsg listen` and `ipmsg send`: IP Messenger from a terminal, the window's core headless.
struct IpMsgListenParser
{
    QCommandLineParser parser;
    QCommandLineOption nickname{
            QStringLiteral("nickname"),
            CliOptions::tr("The nickname others see (default: the login name)."),
            CliOptions::tr("NAME")};
    QCommandLineOption group{QStringLiteral("group"), CliOptions::tr("The group others see."),
                             CliOptions::tr("NAME")};
    QCommandLineOption port{QStringLiteral("port"),
                            CliOptions::tr("UDP and TCP port (default 2425; 0 = any free port)."),
                            CliOptions::tr("port"), QStringLiteral("2425")};
    QCommandLineOption receiveFiles{QStringLiteral("receive-files"),
                                    CliOptions::tr("Save every file and folder offered under "
                                                   "<DIR>, and report each one."),
                                    CliOptions::tr("DIR")};
    QCommandLineOption json{QStringLiteral("json"),
                            CliOptions::tr("One JSON object per peer, message or file.")};
    QCommandLineOption count{QStringLiteral("count"),
                             CliOptions::tr("Stop after <N> messages (and their files)."),
                             CliOptions::tr("N")};
    QCommandLineOption timeout{QStringLiteral("timeout"), CliOptions::tr("Stop after <S> seconds."),
                               CliOptions::tr("S")};
    QCommandLineOption noBroadcast{QStringLiteral("no-broadcast"),
                                   CliOptions::tr("Do not announce yourself by broadcast; only "
                                                  "those who write to you see you.")};
    QCommandLineOption help = helpOption();
    IpMsgListenParser()
    {
        parser.addOptions(
                {nickname, group, port, receiveFiles, json, count, timeout, noBroadcast, help});
    }
    QString helpText() const
    {
        return CliOptions::tr("Usage: %1 ipmsg listen [options]\n\n"
                              "Announce yourself to IP Messenger users on the LAN (iptux, FeiQ, "
                              "udpchat) and print\n"
                              "each person who appears and each message, one line or one JSON "
                              "object each.\n\n")
                       .arg(kProgram)
               + optionTable(parser);
    }
};

struct IpMsgSendParser
{
    QCommandLineParser parser;
    QCommandLineOption to{QStringLiteral("to"),
                          CliOptions::tr("The peer: HOST or HOST:PORT (default port 2425)."),
                          CliOptions::tr("HOST[:PORT]")};
    QCommandLineOption nickname{QStringLiteral("nickname"),
                                CliOptions::tr("The nickname the peer sees."),
                                CliOptions::tr("NAME")};
    QCommandLineOption file{QStringLiteral("file"),
                            CliOptions::tr("Offer this file or folder (repeatable)."),
                            CliOptions::tr("PATH")};
    QCommandLineOption port{QStringLiteral("port"),
                            CliOptions::tr("UDP and TCP port to send and serve the files from "
                                           "(default 0 = any free port; iptux answers only to "
                                           "2425)."),
                            CliOptions::tr("port"), QStringLiteral("0")};
    QCommandLineOption timeout{QStringLiteral("timeout"),
                               CliOptions::tr("Give up after <S> seconds (default 30)."),
                               CliOptions::tr("S")};
    QCommandLineOption help = helpOption();
    IpMsgSendParser() { parser.addOptions({to, nickname, file, port, timeout, help}); }
    QString helpText() const
    {
        return CliOptions::tr("Usage: %1 ipmsg send --to HOST[:PORT] [options] [TEXT]\n\n"
                              "Send TEXT (and --file attachments) to one IP Messenger peer. Exits "
                              "0 once the\n"
                              "receipt came and every attachment was fetched whole, 1 on "
                              "timeout or failure.\n\n")
                       .arg(kProgram)
               + optionTable(parser);
    }
};

QString overviewHelp()
{
    return CliOptions::tr("%1: receive and send plain UDP datagrams from a terminal or a script, "
                          "with the\n"
                          "address, encoding and size rules of the udpchat window.\n\n"
                          "Usage: %1 listen [options]\n"
                          "       %1 send [options] HOST:PORT [TEXT]\n"
                          "       %1 chat [options] HOST:PORT\n"
                          "       %1 ipmsg listen [options]\n"
                          "       %1 ipmsg send --to HOST[:PORT] [options] [TEXT]\n"
                          "       %1 --help | --version\n"
                          "Run '%1 listen --help' or '%1 send --help' for one command.\n\n")
                   .arg(kProgram)
           + ListenParser().helpText() + u'\n' + SendParser().helpText() + u'\n'
           + ChatParser().helpText() + u'\n' + IpMsgListenParser().helpText() + u'\n'
           + IpMsgSendParser().helpText() + u'\n' + exitStatusHelp();
}

CliOptions::Result usageError(const QString &command, const QString &message)
{
    CliOptions::Result result;
    result.action = CliOptions::Action::Error;
    const QString helpCommand =
            command.isEmpty() ? kProgram : QStringLiteral("%1 %2").arg(kProgram, command);
    result.text = QStringLiteral("%1: %2\n").arg(kProgram, message)
                  + CliOptions::tr("Try '%1 --help'.").arg(helpCommand) + u'\n';
    return result;
}

CliOptions::Result showHelp(const QString &text)
{
    CliOptions::Result result;
    result.action = CliOptions::Action::ShowHelp;
    result.text = text;
    return result;
}

// --join, each group once, in the order given; the reason when one is not valid.
QString readJoin(const ListenParser &p, ListenOptions &options)
{
    for (const QString &value : p.parser.values(p.join)) {
        const Multicast::GroupResult group = Multicast::parseGroup(value);
        if (!group.ok())
            return CliOptions::tr("invalid --join: %1").arg(shown(group.error));
        if (!options.groups.contains(group.group))
            options.groups.append(group.group);
    }
    return {};
}

CliOptions::Result parseListen(const QStringList &arguments)
{
    const QString command = QStringLiteral("listen");
    ListenParser p;
    if (!p.parser.parse(arguments))
        return usageError(command, p.parser.errorText());
    if (p.parser.isSet(p.help))
        return showHelp(p.helpText() + u'\n' + exitStatusHelp());
    if (!p.parser.positionalArguments().isEmpty()) {
        return usageError(command,
                          CliOptions::tr("listen takes no arguments, got '%1'.")
                                  .arg(shown(p.parser.positionalArguments().constFirst())));
    }

    CliOptions::Result result;
    result.action = CliOptions::Action::Listen;
    ListenOptions &options = result.listen;

    if (const QString error = checkBindPort(p.parser.value(p.bindPort), &options.bindPort);
        !error.isEmpty()) {
        return usageError(command, error);
    }

    if (const QString error = checkEncoding(p.parser.value(p.encoding), &options.encoding);
        !error.isEmpty()) {
        return usageError(command, error);
    }
    options.json = p.parser.isSet(p.json);

    if (p.parser.isSet(p.count)) {
        const QString value = p.parser.value(p.count);
        const auto count = parseWhole(value, 1, kMaxCount);
        if (!count) {
            return usageError(
                    command,
                    CliOptions::tr("invalid --count '%1': use a whole number from 1 to %2.")
                            .arg(shown(value))
                            .arg(kMaxCount));
        }
        options.count = *count;
    }
    if (p.parser.isSet(p.timeout)) {
        const QString value = p.parser.value(p.timeout);
        const auto timeout = parseSeconds(value);
        if (!timeout) {
            return usageError(
                    command,
                    CliOptions::tr("invalid --timeout '%1': use seconds from 0.001 to %2, for "
                                   "example 5 or 0.5.")
                            .arg(shown(value))
                            .arg(kMaxTimeoutMs / 1000));
        }
        options.timeoutMs = *timeout;
    }
    if (const QString error = readJoin(p, options); !error.isEmpty())
        return usageError(command, error);
    return result;
}

// What to send: TEXT, --file, --hex or the lines of standard input; the reason when not valid.
QString readSendSource(const SendParser &p, const QStringList &positional, SendOptions &options)
{
    const int sources =
            int(positional.size() > 1) + int(p.parser.isSet(p.file)) + int(p.parser.isSet(p.hex));
    if (sources > 1)
        return CliOptions::tr("give only one of TEXT, --file and --hex.");
    if (positional.size() > 1) {
        options.source = SendOptions::Source::Text;
        options.text = positional.at(1);
    } else if (p.parser.isSet(p.file)) {
        options.source = SendOptions::Source::File;
        options.fileName = p.parser.value(p.file);
        if (options.fileName.isEmpty())
            return CliOptions::tr("--file needs a file name (\"-\" = standard input).");
    } else if (p.parser.isSet(p.hex)) {
        options.source = SendOptions::Source::Hex;
        const HexCodec::Parsed hex = HexCodec::parse(p.parser.value(p.hex));
        if (!hex.ok())
            return CliOptions::tr("invalid --hex: %1").arg(hex.error);
        options.bytes = hex.bytes;
    } else {
        options.source = SendOptions::Source::StandardInput;
    }
    return {};
}

// --repeat and --interval; the reason when not valid.
QString readSendPacing(const SendParser &p, SendOptions &options)
{
    if (p.parser.isSet(p.repeat)) {
        if (options.source == SendOptions::Source::StandardInput)
            return CliOptions::tr("--repeat needs TEXT, --file or --hex; lines of standard "
                                  "input are each sent once.");
        const QString value = p.parser.value(p.repeat);
        const auto repeat = parseWhole(value, 1, kMaxRepeat);
        if (!repeat)
            return CliOptions::tr("invalid --repeat '%1': use a whole number from 1 to %2.")
                    .arg(shown(value))
                    .arg(kMaxRepeat);
        options.repeat = int(*repeat);
    }
    options.intervalMs =
            options.source == SendOptions::Source::StandardInput ? 0 : kDefaultRepeatIntervalMs;
    if (p.parser.isSet(p.interval)) {
        const QString value = p.parser.value(p.interval);
        const auto interval = parseWhole(value, 0, kMaxIntervalMs);
        if (!interval)
            return CliOptions::tr("invalid --interval '%1': use milliseconds from 0 to %2.")
                    .arg(shown(value))
                    .arg(kMaxIntervalMs);
        options.intervalMs = int(*interval);
    }
    return {};
}

// The start shared by send and chat: parsed, --help answered, a target given (and not in nc's
// two words). Returns the result when the command line ends here, std::nullopt to go on.
template<typename Parser>
std::optional<CliOptions::Result> startTargetCommand(Parser &p, const QStringList &arguments,
                                                     const QString &command,
                                                     QStringList *positional)
{
    if (!p.parser.parse(arguments))
        return usageError(command, p.parser.errorText());
    if (p.parser.isSet(p.help))
        return showHelp(p.helpText() + u'\n' + exitStatusHelp());
    *positional = p.parser.positionalArguments();
    if (positional->isEmpty())
        return usageError(command, CliOptions::tr("%1 needs a target HOST:PORT, e.g. "
                                                  "127.0.0.1:6666.")
                                           .arg(command));
    if (const QString suggestion = ncStyleTarget(*positional); !suggestion.isEmpty())
        return usageError(command, readTarget(*positional, nullptr));
    return std::nullopt;
}

CliOptions::Result parseSend(const QStringList &arguments)
{
    const QString command = QStringLiteral("send");
    SendParser p;
    QStringList positional;
    if (auto done = startTargetCommand(p, arguments, command, &positional))
        return *done;
    if (positional.size() > 2) {
        return usageError(
                command,
                CliOptions::tr("send takes one TEXT, got %1 words after the target; put the text "
                               "in quotes, e.g. \"hello world\".")
                        .arg(positional.size() - 1));
    }
    CliOptions::Result result;
    result.action = CliOptions::Action::Send;
    SendOptions &options = result.send;
    if (const QString error = readTarget(positional, &options.target); !error.isEmpty())
        return usageError(command, error);
    for (const QString &error : {readSendSource(p, positional, options),
                                 checkEncoding(p.parser.value(p.encoding), &options.encoding),
                                 checkBindPort(p.parser.value(p.bindPort), &options.bindPort)}) {
        if (!error.isEmpty())
            return usageError(command, error);
    }
    if (const QString error = readSendPacing(p, options); !error.isEmpty())
        return usageError(command, error);
    if (p.parser.isSet(p.ttl)) {
        const QString value = p.parser.value(p.ttl);
        const auto ttl = parseWhole(value, 0, Multicast::MaxTtl);
        if (!ttl) {
            return usageError(command,
                              CliOptions::tr("invalid --ttl '%1': use a whole number from 0 to %2.")
                                      .arg(shown(value))
                                      .arg(Multicast::MaxTtl));
        }
        options.ttl = int(*ttl);
    }
    options.loopback = !p.parser.isSet(p.noLoopback);
    if (p.parser.isSet(p.interface)) {
        options.interfaceName = p.parser.value(p.interface);
        if (options.interfaceName.isEmpty())
            return usageError(command, CliOptions::tr("--interface needs an interface name, e.g. "
                                                      "eth0."));
    }
    return result;
}

CliOptions::Result parseChat(const QStringList &arguments)
{
    const QString command = QStringLiteral("chat");
    ChatParser p;
    QStringList positional;
    if (auto done = startTargetCommand(p, arguments, command, &positional))
        return *done;
    CliOptions::Result result;
    result.action = CliOptions::Action::Chat;
    SendOptions &options = result.send;
    options.chat = true;
    options.source = SendOptions::Source::StandardInput;
    if (const QString error = readTarget(positional, &options.target); !error.isEmpty())
        return usageError(command, error);
    if (positional.size() > 1)
        return usageError(command, CliOptions::tr("chat takes only HOST:PORT; type the lines "
                                                  "to send once it runs."));
    for (const QString &error : {checkEncoding(p.parser.value(p.encoding), &options.encoding),
                                 checkBindPort(p.parser.value(p.bindPort), &options.bindPort)}) {
        if (!error.isEmpty())
            return usageError(command, error);
    }
    return result;
}

// --timeout S of the ipmsg commands into @p ms when given; the reason when it is not valid.
QString readIpMsgTimeout(const QCommandLineParser &parser, const QCommandLineOption &option,
                         int *ms)
{
    if (!parser.isSet(option))
        return {};
    const auto timeout = parseSeconds(parser.value(option));
    if (!timeout)
        return CliOptions::tr("invalid --timeout '%1': use seconds, e.g. 10 or 2.5.")
                .arg(shown(parser.value(option)));
    *ms = *timeout;
    return {};
}

CliOptions::Result parseIpMsgListen(const QStringList &arguments)
{
    const QString command = QStringLiteral("ipmsg listen");
    IpMsgListenParser p;
    if (!p.parser.parse(arguments))
        return usageError(command, p.parser.errorText());
    if (p.parser.isSet(p.help))
        return showHelp(p.helpText() + u'\n' + exitStatusHelp());
    if (!p.parser.positionalArguments().isEmpty())
        return usageError(command,
                          CliOptions::tr("ipmsg listen takes no arguments, got '%1'.")
                                  .arg(shown(p.parser.positionalArguments().constFirst())));
    CliOptions::Result result;
    result.action = CliOptions::Action::IpMsgListen;
    IpMsgListenOptions &options = result.ipmsgListen;
    if (const QString error = checkBindPort(p.parser.value(p.port), &options.port);
        !error.isEmpty())
        return usageError(command, error);
    options.nickname = p.parser.value(p.nickname);
    options.group = p.parser.value(p.group);
    options.receiveFiles = p.parser.value(p.receiveFiles);
    options.json = p.parser.isSet(p.json);
    options.broadcast = !p.parser.isSet(p.noBroadcast);
    if (p.parser.isSet(p.count)) {
        const auto count = parseWhole(p.parser.value(p.count), 1, kMaxCount);
        if (!count)
            return usageError(
                    command,
                    CliOptions::tr("invalid --count '%1': use a whole number from 1 to %2.")
                            .arg(shown(p.parser.value(p.count)))
                            .arg(kMaxCount));
        options.count = *count;
    }
    if (const QString error = readIpMsgTimeout(p.parser, p.timeout, &options.timeoutMs);
        !error.isEmpty())
        return usageError(command, error);
    return result;
}

CliOptions::Result parseIpMsgSend(const QStringList &arguments)
{
    const QString command = QStringLiteral("ipmsg send");
    IpMsgSendParser p;
    if (!p.parser.parse(arguments))
        return usageError(command, p.parser.errorText());
    if (p.parser.isSet(p.help))
        return showHelp(p.helpText() + u'\n' + exitStatusHelp());
    CliOptions::Result result;
    result.action = CliOptions::Action::IpMsgSend;
    IpMsgSendOptions &options = result.ipmsgSend;
    if (!p.parser.isSet(p.to))
        return usageError(command,
                          CliOptions::tr("--to HOST[:PORT] is needed: the peer to send to."));
    QString to = p.parser.value(p.to);
    if (EndpointParser::parseAddress(withoutLocalhost(to + u':').chopped(1)).ok())
        to = withoutLocalhost(to + u':').chopped(1) + QStringLiteral(":2425");
    if (const QString error = readTarget({to}, &options.to); !error.isEmpty())
        return usageError(command, error);
    if (const QString error = checkBindPort(p.parser.value(p.port), &options.port);
        !error.isEmpty())
        return usageError(command, error);
    options.nickname = p.parser.value(p.nickname);
    options.files = p.parser.values(p.file);
    options.text = p.parser.positionalArguments().join(u' ');
    if (options.text.isEmpty() && options.files.isEmpty())
        return usageError(command, CliOptions::tr("nothing to send: give TEXT, --file, or both."));
    if (const QString error = readIpMsgTimeout(p.parser, p.timeout, &options.timeoutMs);
        !error.isEmpty())
        return usageError(command, error);
    return result;
}

CliOptions::Result parseIpMsg(const QStringList &arguments)
{
    // arguments: the program, then "listen" or "send", then its own.
    const QString sub = arguments.value(1);
    QStringList rest = arguments.mid(2);
    rest.prepend(arguments.constFirst());
    if (sub == QLatin1String("listen"))
        return parseIpMsgListen(rest);
    if (sub == QLatin1String("send"))
        return parseIpMsgSend(rest);
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h"))
        return showHelp(IpMsgListenParser().helpText() + u'\n' + IpMsgSendParser().helpText()
                        + u'\n' + exitStatusHelp());
    return usageError(QStringLiteral("ipmsg"),
                      CliOptions::tr("use 'ipmsg listen' or 'ipmsg send'."));
}
} // namespace

CliOptions::Result CliOptions::parse(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return usageError(QString(), tr("no command given; use listen, send or chat."));
    const QString command = arguments.at(1);
    // Each command parses what follows it; the program name stays first, as QCommandLineParser
    // expects.
    QStringList rest = arguments.mid(2);
    rest.prepend(arguments.constFirst());

    if (command == QLatin1String("listen"))
        return parseListen(rest);
    if (command == QLatin1String("send"))
        return parseSend(rest);
    if (command == QLatin1String("chat"))
        return parseChat(rest);
    if (command == QLatin1String("ipmsg"))
        return parseIpMsg(rest);
    if (command == QLatin1String("--help") || command == QLatin1String("-h")
        || command == QLatin1String("help")) {
        return showHelp(overviewHelp());
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        Result result;
        result.action = Action::ShowVersion;
        result.text =
                QStringLiteral("%1 %2\n").arg(kProgram, QCoreApplication::applicationVersion());
        return result;
    }
    return usageError(QString(),
                      tr("unknown command '%1'; use listen, send or chat.").arg(shown(command)));
}
