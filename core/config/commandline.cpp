#include "core/config/commandline.h"

#include "core/text/textcodec.h"

#include <QCommandLineParser>

CommandLine::Result CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("Chat over plain UDP: every line you type is sent as one datagram to the target,\n"
               "every datagram that arrives on the listening port is shown with its sender."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption bindPortOption(
            QStringLiteral("bind-port"),
            tr("Listen on UDP port <port> for this run (0 = any free port)."), tr("port"));
    const QCommandLineOption targetOption(
            QStringLiteral("target"),
            tr("Send to <host:port> for this run, e.g. 192.168.0.102:6666 or [fe80::1%eth0]:6666."),
            tr("host:port"));
    const QCommandLineOption profileOption(
            QStringLiteral("profile"),
            tr("Keep settings in <folder> instead of ~/.config/udpchat. One udpchat at a time "
               "saves to a profile; a second one runs without saving."),
            tr("folder"));
    const QCommandLineOption encodingOption(
            QStringLiteral("encoding"),
            tr("Send and receive text in encoding <name> for this run. Available: %1.")
                    .arg(TextCodec::availableEncodings().join(QStringLiteral(", "))),
            tr("name"));
    const QCommandLineOption modeOption(
            QStringLiteral("mode"),
            tr("Start in mode <mode> for this run: plain (chat over plain UDP) or ipmsg (IP "
               "Messenger: find people on the LAN, port 2425)."),
            tr("mode"));
    const QCommandLineOption nicknameOption(
            QStringLiteral("nickname"),
            tr("Your nickname in IP Messenger mode for this run (default: your login name)."),
            tr("name"));
    parser.addOption(bindPortOption);
    parser.addOption(modeOption);
    parser.addOption(nicknameOption);
    parser.addOption(encodingOption);
    parser.addOption(targetOption);
    parser.addOption(profileOption);

    Result result;
    const QString program = QCoreApplication::applicationName();
    if (!parser.parse(arguments)) {
        result.action = Action::Error;
        result.text = QStringLiteral("%1: %2\n").arg(program, parser.errorText())
                      + tr("Try '%1 --help' for the options.").arg(program) + u'\n';
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.action = Action::Error;
        result.text = tr("%1: unexpected argument '%2'.")
                              .arg(program, parser.positionalArguments().constFirst())
                      + u'\n' + tr("Try '%1 --help' for the options.").arg(program) + u'\n';
        return result;
    }
    if (parser.isSet(helpOption)) {
        result.action = Action::ShowHelp;
        result.text = parser.helpText();
        if (!result.text.endsWith(u'\n'))
            result.text += u'\n';
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.action = Action::ShowVersion;
        result.text =
                QStringLiteral("%1 %2\n").arg(program, QCoreApplication::applicationVersion());
        return result;
    }

    if (parser.isSet(bindPortOption)) {
        const QString value = parser.value(bindPortOption);
        const auto port = EndpointParser::parseBindPort(value);
        if (!port.ok()) {
            result.action = Action::Error;
            result.text = tr("%1: invalid --bind-port '%2': %3")
                                  .arg(program, value, EndpointParser::describe(port.error))
                          + u'\n';
            return result;
        }
        result.bindPort = port.port;
    }
    if (parser.isSet(targetOption)) {
        const QString value = parser.value(targetOption);
        const auto target = EndpointParser::parseEndpoint(value);
        if (!target.ok()) {
            result.action = Action::Error;
            result.text =
                    tr("%1: invalid --target '%2': %3").arg(program, value, target.error) + u'\n';
            return result;
        }
        result.target = target.endpoint;
    }
    if (parser.isSet(encodingOption)) {
        const QString value = parser.value(encodingOption);
        const QString known = TextCodec::canonicalName(value.trimmed());
        if (known.isEmpty()) {
            result.action = Action::Error;
            result.text = tr("%1: unknown encoding '%2'; available: %3.")
                                  .arg(program, value,
                                       TextCodec::availableEncodings().join(QStringLiteral(", ")))
                          + u'\n';
            return result;
        }
        result.encoding = known;
    }
    if (parser.isSet(modeOption)) {
        const QString value = parser.value(modeOption).trimmed().toLower();
        if (value != QLatin1String("plain") && value != QLatin1String("ipmsg")) {
            result.action = Action::Error;
            result.text = tr("%1: invalid --mode '%2': use plain or ipmsg.")
                                  .arg(program, parser.value(modeOption))
                          + u'\n';
            return result;
        }
        result.mode = value;
    }
    if (parser.isSet(nicknameOption)) {
        const QString value = parser.value(nicknameOption).trimmed();
        if (value.isEmpty() || value.size() > 64 || value.contains(u'\n')
            || value.contains(QChar(0))) {
            result.action = Action::Error;
            result.text =
                    tr("%1: invalid --nickname: use 1 to 64 characters on one line.").arg(program)
                    + u'\n';
            return result;
        }
        result.nickname = value;
    }
    if (parser.isSet(profileOption)) {
        const QString value = parser.value(profileOption);
        if (value.trimmed().isEmpty()) {
            result.action = Action::Error;
            result.text = tr("%1: --profile needs a folder.").arg(program) + u'\n';
            return result;
        }
        result.profileDirectory = value;
    }
    return result;
}
