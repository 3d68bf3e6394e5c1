#pragma once

#include "core/ipmsg/ipmsgsession.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class MessageEdit;
class QLabel;
class QMenu;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;

/// IP Messenger mode's page: who is on the LAN (nickname, group, host, address, last seen), the
/// messages with their delivery state, and a line to write to the selected peer. Everything
/// from the network is shown as sanitized plain text.
class IpMsgPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IpMsgPanel)
public:
    /// @p session must outlive the panel.
    explicit IpMsgPanel(IpMsgSession &session, QWidget *parent = nullptr);

    /// Selects the peer with @p key in the list; false if it is not listed.
    bool selectPeer(const QString &key);
    /// The right-click menu of the peer @p key: its encoding (automatic or a chosen one).
    std::unique_ptr<QMenu> createPeerMenu(const QString &key);
    /// Sends the message line to the selected peer (what Return and Send do).
    void sendCurrent();
    /// Re-reads the session's state (listening, identity).
    void updateStatus();
    void focusMessageEdit();

Q_SIGNALS:
    /// The user changed the nickname or group fields (trimmed; empty nickname = login name).
    void identityEdited(const QString &nickname, const QString &group);

protected:
    void changeEvent(QEvent *event) override;

private:
    void setUpIdentityRows(QVBoxLayout *layout);
    void setUpLists(QVBoxLayout *layout);
    void setUpComposer(QVBoxLayout *layout);
    void connectSession();
    void retranslate();
    void rebuildPeers();
    void addMessage(const IpMsgSession::Message &message);
    void updateDelivery(quint64 id, IpMsgSession::Delivery delivery);
    void updateSendEnabled();
    void updateToLabel();
    void updatePeersLabel();
    QString selectedPeerKey() const;

    IpMsgSession &m_session;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_nicknameLabel = nullptr;
    QLineEdit *m_nicknameEdit = nullptr;
    QLabel *m_groupLabel = nullptr;
    QLineEdit *m_groupEdit = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QLabel *m_peersLabel = nullptr;
    QTreeWidget *m_peers = nullptr;
    QTreeWidget *m_messages = nullptr;
    QLabel *m_toLabel = nullptr;
    MessageEdit *m_edit = nullptr;
    QPushButton *m_sendButton = nullptr;
    QLabel *m_errorLabel = nullptr;
    QTimer m_countersTimer;
};
