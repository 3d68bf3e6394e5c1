#include "app/application.h"

#include "core/config/profilelock.h"
#include "core/config/settings.h"
#include "core/config/settingssaver.h"
#include "core/config/translations.h"
#include "core/history/historystore.h"
#include "core/ipmsg/ipmsgchat.h"
#include "core/ipmsg/ipmsgsession.h"
#include "core/session/chatsession.h"
#include "core/session/encodingpolicy.h"
#include "ui/chat/chatpage.h"
#include "ui/common/applicationicon.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QSettings>

#include <cstdio>

namespace {
void printLine(FILE *stream, const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
}

// Prints help, version or a usage error; returns the exit status, or -1 to run the app.
int answerWithoutWindow(const CommandLine::Result &cli)
{
    switch (cli.action) {
    case CommandLine::Action::ShowHelp:
    case CommandLine::Action::ShowVersion:
        printLine(stdout, cli.text);
        return 0;
    case CommandLine::Action::Error:
        printLine(stderr, cli.text);
        return CommandLine::UsageError;
    case CommandLine::Action::Run:
        break;
    }
    return -1;
}
} // namespace

// Declared in the order they are built; destroyed in reverse, the window first.
struct Application::Parts
{
    explicit Parts(const QString &profile) : lock(profile) { }
    ProfileLock lock; // held until after the settings were saved on close
    std::unique_ptr<QSettings> store;
    std::unique_ptr<Settings> settings;
    std::unique_ptr<SettingsSaver> saver;
    MessageIds ids; // one id per message across both modes: they share the history
    ChatSession session;
    std::unique_ptr<EncodingPolicy> encodings;
    HistoryStore history;
    bool historyOpen = false;
    IpMsgSession ipmsg;
    IpMsgChat ipmsgChat{ipmsg};
    std::unique_ptr<MainWindow> window;
};

Application::Application(const CommandLine::Result &options)
{
    const QString profile =
            QDir(options.profileDirectory.value_or(Settings::defaultProfileDirectory()))
                    .absolutePath();
    m_parts = std::make_unique<Parts>(profile);
    lockProfile(profile);
    Parts &p = *m_parts;
    p.store =
            std::make_unique<QSettings>(Settings::fileNameInProfile(profile), QSettings::IniFormat);
    p.settings = std::make_unique<Settings>(*p.store, m_readOnlyReason);
    if (!p.settings->loadProblem().isEmpty())
        m_warnings << p.settings->loadProblem();
    if (p.settings->isReadOnly() && m_readOnlyReason.isEmpty())
        m_warnings << p.settings->readOnlyReason();
    if (!p.settings->language().isEmpty())
        Translations::apply(Translations::resolve(p.settings->language()));
    p.saver = std::make_unique<SettingsSaver>(*p.settings);
    p.encodings = std::make_unique<EncodingPolicy>(p.session, *p.settings, *p.saver);
    p.encodings->load(options.encoding);
    openHistory(options, profile);
    // How sends to a group go out, as chosen in the Multicast Groups dialog.
    p.session.channel()->setMulticastTtl(p.settings->multicastTtl());
    p.session.channel()->setMulticastLoopback(p.settings->multicastLoopback());
    p.session.channel()->setMulticastInterface(p.settings->multicastInterface());
    p.session.channel()->listen(options.bindPort.value_or(p.settings->bindPort()));
    // The groups joined in the window last time, then --join for this run: kept by the channel
    // across port changes; a failure is a warning.
    QList<MulticastGroup> groups;
    for (const QString &text : p.settings->groups())
        groups << Multicast::parseGroup(text).group;
    for (const MulticastGroup &group : options.groups) {
        if (!groups.contains(group))
            groups << group;
    }
    for (const MulticastGroup &group : std::as_const(groups)) {
        if (const QString error = p.session.channel()->joinGroup(group); !error.isEmpty())
            m_warnings << error;
    }
    setUpIpMsg(options);
    p.session.messages()->setIdSource(&p.ids);
    p.ipmsgChat.setIdSource(&p.ids);
    p.window = std::make_unique<MainWindow>(p.session, p.ipmsgChat, *p.saver, *p.encodings);
    if (options.target)
        p.window->chatPage()->setTarget(*options.target);
    // --mode is for this run only, like --target.
    p.window->setMode(MainWindow::modeFromName(options.mode.value_or(p.settings->chatMode())),
                      false);
}

Application::~Application() = default;

void Application::lockProfile(const QString &profile)
{
    switch (m_parts->lock.tryLock()) {
    case ProfileLock::Status::Locked:
    case ProfileLock::Status::Unlocked:
        break;
    case ProfileLock::Status::HeldByOther:
        // A second instance runs, read-only, rather than exiting: two windows on one machine
        // (e.g. listening on two ports to try things out) are a legitimate use, and the owner's
        // file is safe because this one never writes it. It says so on stderr and in its window.
        m_readOnlyReason = tr("%1 This window does not save settings or the draft.")
                                   .arg(m_parts->lock.message());
        m_warnings << m_readOnlyReason;
        break;
    case ProfileLock::Status::Failed:
        // Without a lock file we cannot tell; saving is still attempted, and if the folder is
        // unwritable the window reports that when it saves.
        m_warnings << m_parts->lock.message();
        break;
    }
    Q_UNUSED(profile)
}

void Application::openHistory(const CommandLine::Result &options, const QString &profile)
{
    // The default profile keeps it in the platform's data folder, a --profile folder keeps its
    // own. A second window on the profile reads it but never writes. If it cannot be opened,
    // udpchat still chats and the window says that history is off, and why.
    Parts &p = *m_parts;
    const QString path = options.profileDirectory ? HistoryStore::pathInProfile(profile)
                                                  : HistoryStore::defaultPath();
    p.historyOpen = p.history.open(path, p.settings->isReadOnly() ? HistoryStore::Mode::ReadOnly
                                                                  : HistoryStore::Mode::ReadWrite);
    if (p.historyOpen) {
        p.history.setLimits(p.settings->historyMaxCount(), p.settings->historyMaxAgeDays());
        if (!p.history.notice().isEmpty())
            m_warnings << p.history.notice();
    } else {
        m_warnings << p.history.error();
    }
    p.session.setHistory(&p.history);
    p.ipmsgChat.setHistory(&p.history);
    // Written on quit too, not only on the flush timer.
    QObject::connect(qApp, &QCoreApplication::aboutToQuit, &p.history, &HistoryStore::flush);
}

void Application::setUpIpMsg(const CommandLine::Result &options)
{
    // Its own socket (port 2425 by default), started only when the mode is chosen; it
    // broadcasts only then.
    Parts &p = *m_parts;
    IpMsgSession::Identity identity = IpMsgSession::defaultIdentity();
    if (const QString nickname = options.nickname.value_or(p.settings->ipmsgNickname());
        !nickname.isEmpty())
        identity.nickname = nickname;
    identity.group = p.settings->ipmsgGroup();
    p.ipmsg.setIdentity(identity);
    // For screenshots and tests outside a test network: no broadcasts at all.
    if (qEnvironmentVariableIsSet("UDPCHAT_IPMSG_NO_BROADCAST"))
        p.ipmsg.setBroadcastTargets({});
    QObject::connect(qApp, &QCoreApplication::aboutToQuit, &p.ipmsg, &IpMsgSession::stop);
}

MainWindow &Application::window()
{
    return *m_parts->window;
}

ChatSession &Application::session()
{
    return m_parts->session;
}

IpMsgSession &Application::ipmsg()
{
    return m_parts->ipmsg;
}

Settings &Application::settings()
{
    return *m_parts->settings;
}

HistoryStore *Application::history()
{
    return m_parts->historyOpen ? &m_parts->history : nullptr;
}

void Application::setUpProcess()
{
    QCoreApplication::setOrganizationName(QStringLiteral("udpchat"));
    QCoreApplication::setApplicationName(QStringLiteral("udpchat"));
    QCoreApplication::setApplicationVersion(QStringLiteral(UDPCHAT_VERSION));
}

int Application::run(int argc, char *argv[])
{
    setUpProcess();
    // --help and --version must work without a display, so they are answered before
    // QApplication connects to one, in the system's language.
    QStringList rawArguments;
    for (int i = 0; i < argc; ++i)
        rawArguments.append(QString::fromLocal8Bit(argv[i]));
    const CommandLine::Result early = CommandLine::parse(rawArguments);
    if (early.action == CommandLine::Action::ShowHelp
        || early.action == CommandLine::Action::ShowVersion) {
        QCoreApplication core(argc, argv);
        Translations::apply(Translations::resolve(QString()));
        return answerWithoutWindow(CommandLine::parse(rawArguments));
    }
    // Anything else waits until QApplication has taken its own options (-platform ...) out.
    QApplication qtApp(argc, argv);
    Translations::apply(Translations::resolve(QString())); // until the settings say otherwise
    QGuiApplication::setApplicationDisplayName(QStringLiteral("udpchat"));
    QGuiApplication::setDesktopFileName(QStringLiteral("udpchat"));
    QGuiApplication::setWindowIcon(applicationIcon());
    const CommandLine::Result options = CommandLine::parse(QCoreApplication::arguments());
    if (const int status = answerWithoutWindow(options); status >= 0)
        return status;
    Application app(options);
    for (const QString &sentence : app.warnings())
        printLine(stderr, QStringLiteral("udpchat: %1\n").arg(sentence));
    app.window().show();
    return QApplication::exec();
}
