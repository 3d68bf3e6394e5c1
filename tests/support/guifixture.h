#pragma once

#include "app/application.h"
#include "core/config/settings.h"
#include "core/session/chatsession.h"
#include "ui/mainwindow.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>

/// The window exactly as users get it, built by Application from a command line, on a fresh
/// temporary profile (settings, history and lock of its own), listening on a free port, with a
/// peer socket on loopback. IP Messenger mode never broadcasts (UDPCHAT_IPMSG_NO_BROADCAST) and
/// listens on a free port when a test switches to it.
class GuiFixture
{
public:
    GuiFixture();
    ~GuiFixture();
    Q_DISABLE_COPY_MOVE(GuiFixture)

    /// Builds the app with `udpchat --profile DIR --bind-port 0 ARGUMENTS...` and shows the
    /// window. @p profile overrides the profile folder (e.g. one that cannot be written).
    /// Returns false (with a QTest failure) when the window did not come up.
    bool start(const QStringList &arguments = {}, const QString &profile = QString());
    /// Closes the window (as the user would: it saves), destroys the app and starts it again on
    /// the same profile.
    bool restart(const QStringList &arguments = {});
    /// Destroys the app without closing the window (as a crash would).
    void stop();

    /// Whether start() built an app that stop() has not destroyed.
    bool isRunning() const { return bool(m_app); }
    Application &app() { return *m_app; }
    MainWindow &window() { return m_app->window(); }
    ChatSession &session() { return m_app->session(); }
    Settings &settings() { return m_app->settings(); }
    QString profile() const { return m_profile; }
    /// A file in the profile folder, e.g. "udpchat.conf".
    QString file(const QString &name) const;
    /// The port the window listens on.
    quint16 port();
    /// A UDP socket bound to 127.0.0.1 on a free port, for the peer's side of the chat.
    QUdpSocket &peer() { return *m_peer; }
    /// Sends @p payload from the peer socket to the window.
    bool peerSend(const QByteArray &payload);

    /// The window's child @p name (QTest failure when missing): for tests only.
    template<typename T>
    T *child(const char *name)
    {
        T *found = m_app->window().findChild<T *>(QLatin1String(name));
        if (!found)
            QTest::qFail(name, __FILE__, __LINE__);
        return found;
    }

private:
    QTemporaryDir m_dir;
    QString m_profile;
    std::unique_ptr<QUdpSocket> m_peer;
    std::unique_ptr<Application> m_app;
};
