#pragma once

#include "core/ipmsg/ipmsgchat.h"
#include "core/ipmsg/ipmsgsession.h"
#include "ui/common/messagemenu.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class IpMsgChat;
class OfferActions;
class TransferList;
class QCheckBox;
class MessageEdit;
class MessageView;
class QLabel;
class QMenu;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;

/// IP Messenger mode's page: who is on the LAN (nickname, group, host, address, last seen), the
/// conversation with the person chosen in the plain chat's view (bubbles with the whole text and
/// each sent message's delivery), and the message box: Enter sends to everyone chosen, each their
/// own message. Everything from the network is shown as sanitized plain text.
class IpMsgPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IpMsgPanel)
public:
    /// @p chat must outlive the panel.
    explicit IpMsgPanel(IpMsgChat &chat, QWidget *parent = nullptr);

    /// Selects the peer with @p key in the list (only it); false if it is not listed.
    bool selectPeer(const QString &key);
    /// Adds the peer @p key to the people chosen; false if it is not listed.
    bool addToSelection(const QString &key);
    /// Chooses everyone listed in the IP Messenger group @p group (only them).
    void chooseGroup(const QString &group);
    /// Shows the conversation with the person @p conversation (ChatMessage::ipMsgConversation()),
    /// choosing its client in the list when it is on the LAN.
    void openConversation(const QString &conversation);
    /// Shows message @p id in its conversation and selects it; false when it is not there.
    bool showMessage(quint64 id);
    IpMsgChat &chat() const { return m_chat; }
    MessageView *view() const { return m_view; }
    MessageMenu *messageMenu() const { return m_menu; }
    /// The byte counter under the message box.
    QLabel *byteCounter() const { return m_bytesLabel; }
    /// Where received files go unless the user picks another folder ("Save Files in…").
    void setDownloadFolder(const QString &folder);
    QString downloadFolder() const;
    /// Sends the files and folders at @p paths (with the message box's text) to the people
    /// chosen: what the Files menu and dropping do.
    void sendPaths(const QStringList &paths);
    /// Saves the files offered with row @p id in @p folder (what the message menu does).
    bool saveFiles(quint64 id, const QString &folder);
    /// The bubbles' file actions (Save All, Save…, Reject, Withdraw Files).
    OfferActions *offerActions() const { return m_offerActions; }
    /// The transfers under way and how the last one ended.
    TransferList *transfers() const { return m_transfers; }
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
    /// The conversation shown changed (ChatMessage::ipMsgConversation(), "" for everyone's).
    void conversationShown(const QString &conversation);
    /// The user chose another folder for received files (to be remembered).
    void downloadFolderChosen(const QString &folder);

protected:
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void setUpIdentityRows(QVBoxLayout *layout);
    void setUpLists(QVBoxLayout *layout);
    void setUpComposer(QVBoxLayout *layout);
    /// The sentence under the message box (errors, the count of a folder) and its Stop button.
    void setUpNote(QVBoxLayout *layout);
    void setUpTransfers(QVBoxLayout *layout);
    void chooseFiles(bool folder);
    void filesSent(const IpMsgChat::SendOutcome &outcome, const QString &text);
    /// The note while the folders among @p paths (empty: those still counted) are counted, with
    /// its Stop button.
    void showCounting(const QStringList &paths);
    /// The sentence under the message box (empty: none); @p alarm: an error, in red.
    void say(const QString &sentence, bool alarm = true);
    void connectSession();
    void retranslate();
    void rebuildPeers();
    void onSelectionChanged();
    void updateSendEnabled();
    void updateByteCount();
    void updateToLabel();
    void updatePeersLabel();
    QString selectedPeerKey() const;
    QStringList selectedPeerKeys() const;
    /// Who Send goes to: the people chosen, or the one whose conversation is shown.
    QStringList recipients() const;

    IpMsgChat &m_chat;
    IpMsgSession &m_session;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_nicknameLabel = nullptr;
    QLineEdit *m_nicknameEdit = nullptr;
    QLabel *m_groupLabel = nullptr;
    QLineEdit *m_groupEdit = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QLabel *m_peersLabel = nullptr;
    QTreeWidget *m_peers = nullptr;
    MessageView *m_view = nullptr;
    MessageMenu *m_menu = nullptr;
    QLabel *m_bytesLabel = nullptr;
    QPushButton *m_filesButton = nullptr;
    QCheckBox *m_sealCheck = nullptr;
    QAction *m_sendFilesAction = nullptr;
    QAction *m_sendFolderAction = nullptr;
    TransferList *m_transfers = nullptr;
    OfferActions *m_offerActions = nullptr;
    QLabel *m_toLabel = nullptr;
    MessageEdit *m_edit = nullptr;
    QPushButton *m_sendButton = nullptr;
    QPushButton *m_stopCountingButton = nullptr;
    QLabel *m_errorLabel = nullptr;
    QTimer m_countersTimer;
    int m_counting = 0; ///< sendFiles() still counting folders
};
