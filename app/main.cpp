// The composition root: builds the objects, wires them and hands over to the event loop.

#include "core/config/commandline.h"
#include "core/config/profilelock.h"
#include "core/config/settings.h"
#include "core/config/translations.h"
#include "core/history/historystore.h"
#include "core/ipmsg/ipmsgsession.h"
#include "core/session/chatsession.h"
#include "ui/chatwindow.h"
#include "ui/ipmsg/ipmsgmode.h"

#include <QApplication>
#include <QDir>
#include <QSettings>

#include <cstdio>

namespace {
// Prints help, version or a usage error; returns the exit status, or -1 to run the app.
int answerWithoutWindow(const CommandLine::Result &cli)
{
    switch (cli.action) {
    case CommandLine::Action::ShowHelp:
    case CommandLine::Action::ShowVersion:
        std::fputs(cli.text.toLocal8Bit().constData(), stdout);
        return 0;
    case CommandLine::Action::Error:
        std::fputs(cli.text.toLocal8Bit().constData(), stderr);
        return CommandLine::UsageError;
    case CommandLine::Action::Run:
        break;
    }
    return -1;
}

void printWarning(const QString &sentence)
{
    std::fputs(QStringLiteral("udpchat: %1\n").arg(sentence).toLocal8Bit().constData(), stderr);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("udpchat"));
    QCoreApplication::setApplicationName(QStringLiteral("udpchat"));
    QCoreApplication::setApplicationVersion(QStringLiteral(UDPCHAT_VERSION));

    // --help and --version must work without a display, so they are answered before
    // QApplication connects to one. Anything else waits until QApplication has taken its own
    // options (-platform, -style ...) out of the arguments.
    QStringList rawArguments;
    for (int i = 0; i < argc; ++i)
        rawArguments.append(QString::fromLocal8Bit(argv[i]));
    const CommandLine::Action earlyAction = CommandLine::parse(rawArguments).action;
    if (earlyAction == CommandLine::Action::ShowHelp
        || earlyAction == CommandLine::Action::ShowVersion) {
        // A QCoreApplication is enough to print the help in the system's language.
        QCoreApplication core(argc, argv);
        Translations::apply(Translations::resolve(QString()));
        return answerWithoutWindow(CommandLine::parse(rawArguments));
    }

    QApplication app(argc, argv);
    // The system's language until the settings (read below) say otherwise.
    Translations::apply(Translations::resolve(QString()));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("udpchat"));
    QGuiApplication::setDesktopFileName(QStringLiteral("udpchat"));
    QGuiApplication::setWindowIcon(ChatWindow::applicationIcon());

    const CommandLine::Result cli = CommandLine::parse(QCoreApplication::arguments());
    if (const int status = answerWithoutWindow(cli); status >= 0)
        return status;

    const QString profile =
            QDir(cli.profileDirectory.value_or(Settings::defaultProfileDirectory())).absolutePath();
    // Taken before the settings are read and held until after they were saved on close.
    ProfileLock lock(profile);
    QString readOnlyReason;
    switch (lock.tryLock()) {
    case ProfileLock::Status::Locked:
    case ProfileLock::Status::Unlocked:
        break;
    case ProfileLock::Status::HeldByOther:
        // A second instance runs, read-only, rather than exiting: two windows on one machine
        // (e.g. listening on two ports to try things out) are a legitimate use, and the owner's
        // file is safe because this one never writes it. It says so on stderr and in its window.
        readOnlyReason = QCoreApplication::translate(
                                 "main", "%1 This window does not save settings or the draft.")
                                 .arg(lock.message());
        printWarning(readOnlyReason);
        break;
    case ProfileLock::Status::Failed:
        // Without a lock file we cannot tell; saving is still attempted, and if the folder is
        // unwritable the window reports that when it saves.
        printWarning(lock.message());
        break;
    }
    QSettings store(Settings::fileNameInProfile(profile), QSettings::IniFormat);
    Settings settings(store, readOnlyReason);
    if (!settings.loadProblem().isEmpty())
        printWarning(settings.loadProblem());
    if (settings.isReadOnly() && readOnlyReason.isEmpty())
        printWarning(settings.readOnlyReason());
    if (!settings.language().isEmpty())
        Translations::apply(Translations::resolve(settings.language()));
    ChatSession session;
    session.setSendEncoding(settings.sendEncoding());
    session.setReceiveEncoding(settings.receiveEncoding());
    const QMap<QString, QString> peerEncodings = settings.peerEncodings();
    for (auto it = peerEncodings.cbegin(); it != peerEncodings.cend(); ++it)
        session.setPeerEncoding(QHostAddress(it.key()), it.value());
    if (cli.encoding) {
        // For this run only, like --target: the window shows it, the settings keep theirs (the
        // encodings remembered per target are not used in this run either).
        session.setSendEncoding(*cli.encoding);
        session.setReceiveEncoding(*cli.encoding);
    } else {
        const QMap<QString, QString> targetEncodings = settings.targetEncodings();
        for (auto it = targetEncodings.cbegin(); it != targetEncodings.cend(); ++it)
            session.setTargetEncoding(QHostAddress(it.key()), it.value());
    }
    // History: the default profile keeps it in the platform's data folder, a --profile folder
    // keeps its own. A second window on the profile reads it but never writes. If it cannot be
    // opened, udpchat still chats and the window says that history is off, and why.
    HistoryStore history;
    const QString historyPath = cli.profileDirectory ? HistoryStore::pathInProfile(profile)
                                                     : HistoryStore::defaultPath();
    if (history.open(historyPath, settings.isReadOnly() ? HistoryStore::Mode::ReadOnly
                                                        : HistoryStore::Mode::ReadWrite)) {
        history.setLimits(settings.historyMaxCount(), settings.historyMaxAgeDays());
        if (!history.notice().isEmpty())
            printWarning(history.notice());
    } else {
        printWarning(history.error());
    }
    session.setHistory(&history);
    // Written on quit too, not only on the flush timer.
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &history, &HistoryStore::flush);
    session.channel()->listen(cli.bindPort.value_or(settings.bindPort()));

    IpMsgSession ipmsg; // before the window, whose IP Messenger page uses it
    ChatWindow window(session, settings);
    if (cli.target)
        window.setTarget(*cli.target);

    // IP Messenger mode (issue 8): its own socket (port 2425 by default), started only when the
    // mode is chosen; it broadcasts only then.
    IpMsgSession::Identity identity = IpMsgSession::defaultIdentity();
    if (const QString nickname = cli.nickname.value_or(settings.ipmsgNickname());
        !nickname.isEmpty())
        identity.nickname = nickname;
    identity.group = settings.ipmsgGroup();
    ipmsg.setIdentity(identity);
    // For screenshots and tests outside a test network: no broadcasts at all.
    if (qEnvironmentVariableIsSet("UDPCHAT_IPMSG_NO_BROADCAST"))
        ipmsg.setBroadcastTargets({});
    IpMsgMode modes(window, ipmsg, settings);
    // --mode is for this run only, like --target.
    modes.setMode(IpMsgMode::modeFromName(cli.mode.value_or(settings.chatMode())), false);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &ipmsg, &IpMsgSession::stop);
    window.show();
    return QApplication::exec();
}
