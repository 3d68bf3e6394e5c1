#include "core/config/commandline.h"

#include "core/text/textcodec.h"

#include <QCommandLineParser>

namespace {
// The options, declared once: what --help lists.
struct Options
{
    Options()
        : help(parser.addHelpOption()),
          version(parser.addVersionOption()),
          bindPort(QStringLiteral("bind-port"),
                   CommandLine::tr("Listen on UDP port <port> for this run (0 = any free port)."),
                   CommandLine::tr("port")),
          target(QStringLiteral("target"),
                 CommandLine::tr("Send to <host:port> for this run, e.g. 192.168.0.102:6666 or "
                                 "[fe80::1%eth0]:6666."),
                 CommandLine::tr("host:port")),
          profile(QStringLiteral("profile"),
                  CommandLine::tr("Keep settings in <folder> instead of ~/.config/udpchat. One "
                                  "udpchat at a time saves to a profile; a second one runs "
                                  "without saving."),
                  CommandLine::tr("folder")),
          encoding(QStringLiteral("encoding"),
                   CommandLine::tr("Send and receive text in encoding <name> for this run. "
                                   "Available: %1.")
                           .arg(TextCodec::availableEncodings().join(QStringLiteral(", "))),
                   CommandLine::tr("name")),
          mode(QStringLiteral("mode"),
               CommandLine::tr("Start in mode <mode> for this run: plain (chat over plain UDP) "
                               "or ipmsg (IP Messenger: find people on the LAN, port 2425)."),
               CommandLine::tr("mode")),
          nickname(QStringLiteral("nickname"),
                   CommandLine::tr("Your nickname in IP Messenger mode for this run (default: "
                                   "your login name)."),
                   CommandLine::tr("name")),
          join(QStringLiteral("join"),
               CommandLine::tr("Join the multicast group GROUP (IPv4 224.0.0.0/4 or IPv6 ff00::/8) "
                               "on INTERFACE, or on every interface that can do multicast, for "
                               "this run. Repeatable."),
               CommandLine::tr("GROUP[%INTERFACE]"))
    {
        parser.setApplicationDescription(
                CommandLine::tr("Chat over plain UDP: every line you type is sent as one "
                                "datagram to the target,\nevery datagram that arrives on the "
                                "listening port is shown with its sender."));
        parser.addOptions({bindPort, mode, nickname, encoding, target, profile, join});
    }

    QCommandLineParser parser; // first: the options below are added to it
    QCommandLineOption help;
    QCommandLineOption version;
    QCommandLineOption bindPort, target, profile, encoding, mode, nickname;
    QCommandLineOption join;
};

// Each reads one option's value into @p result, or returns why it is not valid.
using Check = QString (*)(const QString &value, CommandLine::Result &result);

QString checkBindPort(const QString &value, CommandLine::Result &result)
{
    const auto port = EndpointParser::parseBindPort(value);
    if (!port.ok())
        return CommandLine::tr("invalid --bind-port '%1': %2")
                .arg(value, EndpointParser::describe(port.error));
    result.bindPort = port.port;
    return {};
}

QString checkTarget(const QString &value, CommandLine::Result &result)
{
    const auto target = EndpointParser::parseEndpoint(value);
    if (!target.ok())
        return CommandLine::tr("invalid --target '%1': %2").arg(value, target.error);
    result.target = target.endpoint;
    return {};
}

QString checkEncoding(const QString &value, CommandLine::Result &result)
{
    const QString known = TextCodec::canonicalName(value.trimmed());
    if (known.isEmpty())
        return CommandLine::tr("unknown encoding '%1'; available: %2.")
                .arg(value, TextCodec::availableEncodings().join(QStringLiteral(", ")));
    result.encoding = known;
    return {};
}

QString checkMode(const QString &value, CommandLine::Result &result)
{
    const QString mode = value.trimmed().toLower();
    if (mode != QLatin1String("plain") && mode != QLatin1String("ipmsg"))
        return CommandLine::tr("invalid --mode '%1': use plain or ipmsg.").arg(value);
    result.mode = mode;
    return {};
}

QString checkNickname(const QString &value, CommandLine::Result &result)
{
    const QString nickname = value.trimmed();
    if (nickname.isEmpty() || nickname.size() > 64 || nickname.contains(u'\n')
        || nickname.contains(QChar(0)))
        return CommandLine::tr("invalid --nickname: use 1 to 64 characters on one line.");
    result.nickname = nickname;
    return {};
}

QString checkProfile(const QString &value, CommandLine::Result &result)
{
    if (value.trimmed().isEmpty())
        return CommandLine::tr("--profile needs a folder.");
    result.profileDirectory = value;
    return {};
}

CommandLine::Result failure(const QString &text)
{
    CommandLine::Result result;
    result.action = CommandLine::Action::Error;
    result.text = text;
    return result;
}
} // namespace

CommandLine::Result CommandLine::parse(const QStringList &arguments)
{
    Options o;
    const QString program = QCoreApplication::applicationName();
    const QString tryHelp = tr("Try '%1 --help' for the options.").arg(program) + u'\n';
    if (!o.parser.parse(arguments))
        return failure(QStringLiteral("%1: %2\n").arg(program, o.parser.errorText()) + tryHelp);
    if (!o.parser.positionalArguments().isEmpty())
        return failure(tr("%1: unexpected argument '%2'.")
                               .arg(program, o.parser.positionalArguments().constFirst())
                       + u'\n' + tryHelp);
    Result result;
    if (o.parser.isSet(o.help)) {
        result.action = Action::ShowHelp;
        result.text = o.parser.helpText();
        if (!result.text.endsWith(u'\n'))
            result.text += u'\n';
        return result;
    }
    if (o.parser.isSet(o.version)) {
        result.action = Action::ShowVersion;
        result.text =
                QStringLiteral("%1 %2\n").arg(program, QCoreApplication::applicationVersion());
        return result;
    }
    const std::pair<const QCommandLineOption &, Check> checks[] = {
            {o.bindPort, checkBindPort}, {o.target, checkTarget},     {o.encoding, checkEncoding},
            {o.mode, checkMode},         {o.nickname, checkNickname}, {o.profile, checkProfile}};
    for (const auto &[option, check] : checks) {
        if (!o.parser.isSet(option))
            continue;
        if (const QString problem = check(o.parser.value(option), result); !problem.isEmpty())
            return failure(QStringLiteral("%1: %2\n").arg(program, problem));
    }
    for (const QString &value : o.parser.values(o.join)) {
        const Multicast::GroupResult group = Multicast::parseGroup(value);
        if (!group.ok()) {
            return failure(QStringLiteral("%1: %2\n")
                                   .arg(program, tr("invalid --join: %1").arg(group.error)));
        }
        if (!result.groups.contains(group.group))
            result.groups.append(group.group);
    }
    return result;
}
