#pragma once

#include "core/util/errorthrottle.h"

#include <QObject>
#include <QTimer>

class ChatSession;
class QLabel;
class QStatusBar;
class QToolButton;

/// The receive side of the status bar: where udpchat listens (always shown, with a one-click way
/// out when the port is taken), and once something arrived, what arrived and what was lost,
/// refreshed once a second rather than per datagram. Socket errors are shown there too, at most
/// one every five seconds, with a count of those held back.
class ReceiveStatus : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReceiveStatus)
public:
    /// Adds its widgets to @p bar; @p session must outlive this object.
    ReceiveStatus(ChatSession &session, QStatusBar *bar);

    /// Reads the listening state and the counters again (e.g. after a language change).
    void refresh();
    void updateCounters();

    /// The address peers should send to, as shown in the status bar ("" while there is none).
    QString ownAddress() const { return m_ownAddress; }

Q_SIGNALS:
    /// "Use a free port" was clicked.
    void anyFreePortRequested();
    /// The own address was clicked: show every address of this computer.
    void addressesRequested();

private:
    void updateListeningState();
    void updateOwnAddress();
    void showNetworkError(const QString &message);
    void showHeldBackNetworkErrors();

    ChatSession &m_session;
    QStatusBar *m_bar;
    QLabel *m_listenLabel;
    QToolButton *m_freePortButton;
    QLabel *m_countersLabel;
    QToolButton *m_ownAddressButton;
    QString m_ownAddress;
    QTimer m_countersTimer;
    // A socket error can repeat per datagram: rate-limited, never one message each.
    ErrorThrottle m_networkErrors;
    QTimer m_networkSummaryTimer;
};
