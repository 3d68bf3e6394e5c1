#include "tests/support/guifixture.h"

#include "core/config/translations.h"

#include <QApplication>

GuiFixture::GuiFixture() : m_profile(m_dir.path()), m_peer(std::make_unique<QUdpSocket>())
{
    qputenv("UDPCHAT_IPMSG_NO_BROADCAST", "1");
    if (!m_peer->bind(QHostAddress::LocalHost, 0))
        qWarning("GuiFixture: the peer socket could not be bound");
}

GuiFixture::~GuiFixture() = default;

bool GuiFixture::start(const QStringList &arguments, const QString &profile)
{
    if (!profile.isEmpty())
        m_profile = profile;
    const QStringList commandLine =
            QStringList{QStringLiteral("udpchat"), QStringLiteral("--profile"), m_profile,
                        QStringLiteral("--bind-port"), QStringLiteral("0")}
            + arguments;
    const CommandLine::Result options = CommandLine::parse(commandLine);
    if (options.action != CommandLine::Action::Run) {
        QTest::qFail(qPrintable(options.text), __FILE__, __LINE__);
        return false;
    }
    m_app.reset(); // the previous one first: it holds the profile's lock
    // As Application::run() does before the settings are read: the system's language.
    Translations::apply(Translations::resolve(QString()));
    m_app = std::make_unique<Application>(options);
    m_app->window().setIpMsgPortOverride(0);
    m_app->window().show();
    m_app->window().activateWindow();
    if (!QTest::qWaitForWindowActive(&m_app->window())) {
        QTest::qFail("the window did not become active", __FILE__, __LINE__);
        return false;
    }
    return true;
}

bool GuiFixture::restart(const QStringList &arguments)
{
    if (m_app)
        m_app->window().close();
    return start(arguments);
}

void GuiFixture::stop()
{
    m_app.reset();
}

QString GuiFixture::file(const QString &name) const
{
    return m_profile + u'/' + name;
}

quint16 GuiFixture::port()
{
    return session().channel()->localPort();
}

bool GuiFixture::peerSend(const QByteArray &payload)
{
    return m_peer->writeDatagram(payload, QHostAddress::LocalHost, port()) == payload.size();
}
