// udpchat-cli's composition root: parses the command line, runs one command in the event loop.

#include "clioptions.h"
#include "core/config/translations.h"
#include "ipmsgcommands.h"
#include "listencommand.h"
#include "sendcommand.h"
#include "signalwatcher.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    // A closed pipe ("udpchat-cli listen | head -1") makes the next write fail with EPIPE, which
    // the commands report (summary, exit status 1), instead of killing the process silently.
    std::signal(SIGPIPE, SIG_IGN);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("udpchat-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(UDPCHAT_VERSION));
    Translations::apply(Translations::resolve(QString())); // the system's language

    const CliOptions::Result options = CliOptions::parse(QCoreApplication::arguments());
    std::unique_ptr<Command> command;
    switch (options.action) {
    case CliOptions::Action::ShowHelp:
    case CliOptions::Action::ShowVersion:
        std::fputs(options.text.toUtf8().constData(), stdout);
        return ExitStatus::Success;
    case CliOptions::Action::Error:
        std::fputs(options.text.toUtf8().constData(), stderr);
        return ExitStatus::UsageError;
    case CliOptions::Action::Listen:
        command = std::make_unique<ListenCommand>(options.listen);
        break;
    case CliOptions::Action::Send:
    case CliOptions::Action::Chat:
        command = std::make_unique<SendCommand>(options.send);
        break;
    case CliOptions::Action::IpMsgListen:
        command = std::make_unique<IpMsgListenCommand>(options.ipmsgListen);
        break;
    case CliOptions::Action::IpMsgSend:
        command = std::make_unique<IpMsgSendCommand>(options.ipmsgSend);
        break;
    }

    SignalWatcher signalWatcher({SIGINT, SIGTERM});
    QObject::connect(&signalWatcher, &SignalWatcher::caught, command.get(), &Command::interrupt);
    // Queued: finished() may come from within start(), before exec() runs the loop.
    QObject::connect(command.get(), &Command::finished, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    command->start();
    return QCoreApplication::exec();
}
