#include "ui/ipmsg/ipmsgpanel.h"

#include "core/ipmsg/ipmsgchat.h"
#include "core/text/displaytext.h"
#include "core/text/textcodec.h"
#include "ui/common/messagedelegate.h"
#include "ui/common/messageedit.h"
#include "ui/common/messageview.h"
#include "ui/common/plaintooltip.h"
#include "ui/common/statuscolors.h"
#include "ui/ipmsg/offeractions.h"
#include "ui/ipmsg/transferlist.h"

#include <QActionGroup>
#include <QCheckBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <climits>

namespace {
enum PeerColumn {
    PeerName,
    PeerGroup,
    PeerHost,
    PeerAddress,
    PeerEncoding,
    PeerLastSeen,
    PeerColumns
};
constexpr int KeyRole = Qt::UserRole + 1;

QString shown(const QString &untrusted, qsizetype maxChars = 200)
{
    return displayLine(untrusted, maxChars);
}

QString localTime(const QDateTime &utc)
{
    return utc.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
}

// The message menu of the IP Messenger page: Reply chooses the person in the list.
// The message menu of the IP Messenger page: Reply chooses the person in the list; a message
// with files offers to save them.
class IpMsgMessageMenu : public MessageMenu
{
public:
    using AddEntries = std::function<void(QMenu *, const ChatMessage &)>;
    IpMsgMessageMenu(QWidget *window, std::function<void(const ChatMessage &)> reply,
                     AddEntries addEntries)
        : MessageMenu(window), m_reply(std::move(reply)), m_addEntries(std::move(addEntries))
    { }

protected:
    void replyToMessage(const QModelIndex &index) override { m_reply(messageAt(index)); }
    void addPeerMenus(QMenu *menu, const QModelIndex &index) override
    {
        m_addEntries(menu, messageAt(index));
    }
    void addSentMenus(QMenu *menu, const QModelIndex &index) override
    {
        m_addEntries(menu, messageAt(index));
    }

private:
    std::function<void(const ChatMessage &)> m_reply;
    AddEntries m_addEntries;
};
} // namespace

IpMsgPanel::IpMsgPanel(IpMsgChat &chat, QWidget *parent)
    : QWidget(parent), m_chat(chat), m_session(chat.session())
{
    setObjectName(QStringLiteral("ipmsgPanel"));
    auto *layout = new QVBoxLayout(this);
    setUpIdentityRows(layout);
    setUpLists(layout);
    setUpComposer(layout);
    connectSession();
    rebuildPeers();
    retranslate();
}

void IpMsgPanel::setUpIdentityRows(QVBoxLayout *layout)
{
    auto *top = new QHBoxLayout;
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("ipmsgStatusLabel"));
    m_statusLabel->setTextFormat(Qt::PlainText);
    m_refreshButton = new QPushButton(this);
    m_refreshButton->setObjectName(QStringLiteral("ipmsgRefreshButton"));
    top->addWidget(m_statusLabel, 1);
    top->addWidget(m_refreshButton);
    layout->addLayout(top);

    auto *who = new QHBoxLayout;
    m_nicknameLabel = new QLabel(this);
    m_nicknameEdit = new QLineEdit(this);
    m_nicknameEdit->setObjectName(QStringLiteral("ipmsgNicknameEdit"));
    m_nicknameEdit->setMaxLength(64);
    m_nicknameLabel->setBuddy(m_nicknameEdit);
    m_groupLabel = new QLabel(this);
    m_groupEdit = new QLineEdit(this);
    m_groupEdit->setObjectName(QStringLiteral("ipmsgGroupEdit"));
    m_groupEdit->setMaxLength(64);
    m_groupLabel->setBuddy(m_groupEdit);
    who->addWidget(m_nicknameLabel);
    who->addWidget(m_nicknameEdit, 1);
    who->addWidget(m_groupLabel);
    who->addWidget(m_groupEdit, 1);
    layout->addLayout(who);
    m_nicknameEdit->setText(m_session.identity().nickname);
    m_groupEdit->setText(m_session.identity().group);
    const auto emitIdentity = [this] {
        const IpMsgSession::Identity current = m_session.identity();
        const QString nickname = m_nicknameEdit->text().trimmed();
        const QString group = m_groupEdit->text().trimmed();
        if (nickname != current.nickname || group != current.group)
            Q_EMIT identityEdited(nickname, group);
    };
    connect(m_nicknameEdit, &QLineEdit::editingFinished, this, emitIdentity);
    connect(m_groupEdit, &QLineEdit::editingFinished, this, emitIdentity);
}

void IpMsgPanel::setUpLists(QVBoxLayout *layout)
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    auto *peersBox = new QWidget(splitter);
    auto *peersLayout = new QVBoxLayout(peersBox);
    peersLayout->setContentsMargins(0, 0, 0, 0);
    m_peersLabel = new QLabel(peersBox);
    m_peersLabel->setObjectName(QStringLiteral("ipmsgPeersLabel"));
    m_peersLabel->setTextFormat(Qt::PlainText);
    m_peers = new QTreeWidget(peersBox);
    m_peers->setObjectName(QStringLiteral("ipmsgPeerList"));
    m_peers->setColumnCount(PeerColumns);
    m_peers->setRootIsDecorated(false);
    m_peers->setSortingEnabled(true);
    m_peers->sortByColumn(PeerName, Qt::AscendingOrder);
    m_peers->setTextElideMode(Qt::ElideRight);
    peersLayout->addWidget(m_peersLabel);
    peersLayout->addWidget(m_peers);
    m_peers->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // The plain chat's view: bubbles with the whole text, wrapped, and each sent message's
    // delivery in its header.
    m_view = new MessageView(splitter);
    m_view->setObjectName(QStringLiteral("ipmsgMessageView"));
    m_view->setMessages(m_chat.messages());
    m_menu = new IpMsgMessageMenu(
            this,
            [this](const ChatMessage &m) {
                if (const IpMsgSession::Peer *peer = m_session.peerInConversation(m.conversation))
                    selectPeer(peer->key);
                m_edit->setFocus();
            },
            [this](QMenu *menu, const ChatMessage &m) {
                m_offerActions->addMenuEntries(menu, m.id);
            });
    splitter->addWidget(peersBox);
    splitter->addWidget(m_view);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
}

void IpMsgPanel::setUpComposer(QVBoxLayout *layout)
{
    auto *compose = new QHBoxLayout;
    m_toLabel = new QLabel(this);
    m_toLabel->setObjectName(QStringLiteral("ipmsgToLabel"));
    m_toLabel->setTextFormat(Qt::PlainText);

    // As in the plain chat: Enter sends, Shift+Enter starts a new line of the same message.
    m_edit = new MessageEdit(this);
    m_edit->setObjectName(QStringLiteral("ipmsgMessageEdit"));
    m_edit->setMaximumHeight(m_edit->fontMetrics().lineSpacing() * 4 + 12);
    m_edit->setTabChangesFocus(true);
    m_sendButton = new QPushButton(this);
    m_sendButton->setObjectName(QStringLiteral("ipmsgSendButton"));
    // Files and folders: chosen in a dialog, or dropped on the page.
    m_filesButton = new QPushButton(this);
    m_filesButton->setObjectName(QStringLiteral("ipmsgFilesButton"));
    auto *filesMenu = new QMenu(m_filesButton);
    m_sendFilesAction = filesMenu->addAction(QString(), this, [this] { chooseFiles(false); });
    m_sendFolderAction = filesMenu->addAction(QString(), this, [this] { chooseFiles(true); });
    m_filesButton->setMenu(filesMenu);
    setAcceptDrops(true);
    compose->addWidget(m_toLabel);
    compose->addWidget(m_edit, 1);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_sendButton);
    buttons->addWidget(m_filesButton);
    compose->addLayout(buttons);
    layout->addLayout(compose);
    setUpTransfers(layout);
    m_bytesLabel = new QLabel(this);
    m_bytesLabel->setObjectName(QStringLiteral("ipmsgBytesLabel"));
    m_bytesLabel->setTextFormat(Qt::PlainText);
    m_sealCheck = new QCheckBox(this);
    m_sealCheck->setObjectName(QStringLiteral("ipmsgSealCheck"));
    auto *under = new QHBoxLayout;
    under->addWidget(m_bytesLabel, 1);
    under->addWidget(m_sealCheck);
    layout->addLayout(under);
    setUpNote(layout);
}

void IpMsgPanel::setUpNote(QVBoxLayout *layout)
{
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("ipmsgErrorLabel"));
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setWordWrap(true);
    setAlarm(m_errorLabel, true);
    m_errorLabel->hide();
    // Counting a folder before it is offered can take long (a home folder dropped by mistake):
    // it can be stopped, and nothing is sent.
    m_stopCountingButton = new QPushButton(this);
    m_stopCountingButton->setObjectName(QStringLiteral("ipmsgStopCountingButton"));
    m_stopCountingButton->hide();
    connect(m_stopCountingButton, &QPushButton::clicked, this, [this] {
        m_chat.cancelCounting();
        m_counting = 0;
        say(QString());
        m_stopCountingButton->hide();
    });
    auto *note = new QHBoxLayout;
    note->addWidget(m_errorLabel, 1);
    note->addWidget(m_stopCountingButton, 0, Qt::AlignTop);
    layout->addLayout(note);
}

void IpMsgPanel::setUpTransfers(QVBoxLayout *layout)
{
    m_transfers = new TransferList(*m_chat.offers(), this);
    layout->addWidget(m_transfers);
    m_offerActions = new OfferActions(*m_chat.offers(), m_view, m_transfers, this);
    connect(m_offerActions, &OfferActions::downloadFolderChosen, this,
            &IpMsgPanel::downloadFolderChosen);
}

bool IpMsgPanel::saveFiles(quint64 id, const QString &folder)
{
    return m_offerActions->save(id, folder);
}

void IpMsgPanel::setDownloadFolder(const QString &folder)
{
    m_offerActions->setDownloadFolder(folder);
}

QString IpMsgPanel::downloadFolder() const
{
    return m_offerActions->downloadFolder();
}

void IpMsgPanel::chooseFiles(bool folder)
{
    auto *dialog = new QFileDialog(this, folder ? tr("Send Folder") : tr("Send Files"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(folder ? QFileDialog::Directory : QFileDialog::ExistingFiles);
    connect(dialog, &QFileDialog::filesSelected, this, &IpMsgPanel::sendPaths);
    dialog->open();
}

void IpMsgPanel::sendPaths(const QStringList &paths)
{
    const QStringList to = recipients();
    if (to.isEmpty() || paths.isEmpty()) {
        say(tr("Choose a person above, then the files."));
        return;
    }
    // The message box's text goes with the files, as in iptux and FeiQ.
    const IpMsgChat::SendOutcome outcome = m_chat.sendFiles(to, m_edit->text(), paths);
    if (!outcome.counting) {
        filesSent(outcome, m_edit->text());
        return;
    }
    // The text stays in the box until it is sent, and may still be edited meanwhile.
    ++m_counting;
    showCounting(paths);
}

void IpMsgPanel::showCounting(const QStringList &paths)
{
    // One folder: by its name (a folder's own, not a name from the network).
    const QString name = paths.size() == 1 ? QDir(paths.first()).dirName() : QString();
    say(m_counting == 1 && !name.isEmpty()
                ? tr("Counting the files in %1\u2026").arg(displayLine(name, 60))
                : tr("Counting the files to send\u2026"),
        false);
    m_stopCountingButton->show();
}

void IpMsgPanel::filesSent(const IpMsgChat::SendOutcome &outcome, const QString &text)
{
    say(outcome.errors.join(u'\n'));
    // What was typed since stays.
    if (outcome.errors.isEmpty() && m_edit->text() == text)
        m_edit->clear();
}

void IpMsgPanel::say(const QString &sentence, bool alarm)
{
    setAlarm(m_errorLabel, alarm);
    m_errorLabel->setText(sentence);
    m_errorLabel->setVisible(!sentence.isEmpty());
}

void IpMsgPanel::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty()
        && std::all_of(urls.cbegin(), urls.cend(), [](const QUrl &u) { return u.isLocalFile(); }))
        event->acceptProposedAction();
}

void IpMsgPanel::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        paths.append(url.toLocalFile());
    event->acceptProposedAction();
    sendPaths(paths);
}

void IpMsgPanel::connectSession()
{
    connect(m_refreshButton, &QPushButton::clicked, &m_session, &IpMsgSession::refresh);
    connect(m_sendButton, &QPushButton::clicked, this, &IpMsgPanel::sendCurrent);
    connect(m_edit, &MessageEdit::submitted, this, &IpMsgPanel::sendCurrent);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &IpMsgPanel::updateSendEnabled);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &IpMsgPanel::updateByteCount);
    connect(m_peers, &QTreeWidget::itemSelectionChanged, this, &IpMsgPanel::onSelectionChanged);
    connect(m_view, &MessageView::menuRequested, this,
            [this](const QModelIndex &index, const QPoint &globalPos) {
                if (std::unique_ptr<QMenu> menu = m_menu->createMenu(index))
                    menu->exec(globalPos);
            });
    connect(m_view, &QListView::doubleClicked, m_menu, &MessageMenu::replyTo);
    connect(m_view, &MessageView::rowActivatedByKey, m_menu, &MessageMenu::replyTo);
    connect(&m_session, &IpMsgSession::peersChanged, this, &IpMsgPanel::rebuildPeers);
    m_peers->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_peers, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QTreeWidgetItem *item = m_peers->itemAt(pos);
        if (!item)
            return;
        std::unique_ptr<QMenu> menu = createPeerMenu(item->data(PeerName, KeyRole).toString());
        if (menu)
            menu->exec(m_peers->viewport()->mapToGlobal(pos));
    });
    connect(&m_session, &IpMsgSession::runningChanged, this, &IpMsgPanel::updateStatus);
    connect(&m_chat, &IpMsgChat::filesSent, this,
            [this](const IpMsgChat::SendOutcome &outcome, const QString &text) {
                --m_counting;
                filesSent(outcome, text);
                if (m_counting > 0 && m_errorLabel->isHidden())
                    showCounting({});
                m_stopCountingButton->setVisible(m_counting > 0);
            });
    m_countersTimer.setInterval(1000);
    connect(&m_countersTimer, &QTimer::timeout, this, &IpMsgPanel::updatePeersLabel);
    m_countersTimer.start();
    connect(&m_session, &IpMsgSession::problem, this,
            [this](const QString &sentence) { say(sentence); });
}

void IpMsgPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void IpMsgPanel::retranslate()
{
    m_refreshButton->setText(tr("Refresh"));
    m_stopCountingButton->setText(tr("Stop"));
    m_stopCountingButton->setToolTip(tr("Stop counting; nothing is sent"));
    m_edit->setAccessibleName(tr("Message to the selected person"));
    m_peers->setAccessibleName(tr("People on the LAN"));
    m_view->setAccessibleName(tr("IP Messenger messages"));
    m_view->setPlaceholderText(tr("Messages with the person you choose above appear here."));
    m_nicknameLabel->setText(tr("&Nickname:"));
    m_groupLabel->setText(tr("&Group:"));
    m_nicknameEdit->setPlaceholderText(tr("your login name"));
    m_groupEdit->setPlaceholderText(tr("none"));
    m_refreshButton->setToolTip(tr("Announce yourself again; everyone on the LAN answers."));
    m_peers->setHeaderLabels({tr("Nickname"), tr("Group"), tr("Host"), tr("Address"),
                              tr("Encoding"), tr("Last seen")});
    m_sendButton->setText(tr("Send"));
    m_filesButton->setText(tr("Files"));
    m_filesButton->setToolTip(tr("Send files or a folder to the people chosen; you can also "
                                 "drop them here."));
    m_sendFilesAction->setText(tr("Send Files\u2026"));
    m_sendFolderAction->setText(tr("Send Folder\u2026"));
    m_sealCheck->setText(tr("Seal (ask for a read notice)"));
    m_sealCheck->setToolTip(tr("The person is told the message is sealed, and their program says "
                               "when they opened it: the message then shows Read."));
    m_edit->setPlaceholderText(
            tr("Message to the selected person; Enter sends, Shift+Enter starts a new line"));
    updateToLabel();
    updateByteCount();
    m_view->relayoutRows();
    updateStatus();
}

void IpMsgPanel::updateToLabel()
{
    // Short enough not to squeeze the message box; the list has the whole name.
    constexpr qsizetype kToNameChars = 24;
    const QStringList to = recipients();
    const IpMsgSession::Peer *first = to.isEmpty() ? nullptr : m_session.peer(to.first());
    if (to.size() > 1) {
        m_toLabel->setText(tr("To %1 and %n more:", nullptr, int(to.size() - 1))
                                   .arg(shown(first->displayName(), kToNameChars)));
    } else if (first) {
        m_toLabel->setText(tr("To %1:").arg(shown(first->displayName(), kToNameChars)));
    } else if (!m_chat.conversation().isEmpty()) {
        // The nickname the conversation last had, else the login name in its key.
        QString name = ChatMessage::ipMsgPerson(m_chat.conversation()).user;
        const MessageListModel *rows = m_chat.messages();
        for (int row = rows->rowCount() - 1; row >= 0; --row) {
            if (!rows->at(row).peerName.isEmpty()) {
                name = rows->at(row).peerName;
                break;
            }
        }
        m_toLabel->setText(tr("%1 is not on the LAN now.").arg(shown(name, kToNameChars)));
    } else {
        m_toLabel->setText(tr("Choose a person above."));
    }
    updateSendEnabled();
    updateByteCount();
}

void IpMsgPanel::focusMessageEdit()
{
    m_edit->setFocus();
}

void IpMsgPanel::updateStatus()
{
    const IpMsgSession::Identity id = m_session.identity();
    if (!m_nicknameEdit->hasFocus() && !m_groupEdit->hasFocus()) {
        m_nicknameEdit->setText(id.nickname);
        m_groupEdit->setText(id.group);
    }
    if (m_session.isRunning()) {
        const QString who =
                id.group.isEmpty()
                        ? shown(id.nickname, 64)
                        : tr("%1 (group %2)").arg(shown(id.nickname, 64), shown(id.group, 64));
        m_statusLabel->setText(tr("IP Messenger: listening on UDP port %1 as %2.")
                                       .arg(m_session.localPort())
                                       .arg(who));
    } else if (!m_session.startError().isEmpty()) {
        m_statusLabel->setText(tr("IP Messenger: not listening: %1").arg(m_session.startError()));
    } else {
        m_statusLabel->setText(tr("IP Messenger: off."));
    }
    m_refreshButton->setEnabled(m_session.isRunning());
    updatePeersLabel();
}

void IpMsgPanel::updatePeersLabel()
{
    QString text = tr("People on the LAN: %n", nullptr, int(m_session.peers().size()));
    // Packets that are not IP Messenger, or commands udpchat does not handle, are only counted.
    const IpMsgSession::Counters c = m_session.counters();
    const quint64 ignored = c.malformed + c.unknown;
    if (ignored > 0)
        text += QStringLiteral(" · ")
                + tr("%n packet(s) ignored", nullptr, int(qMin<quint64>(ignored, INT_MAX)));
    m_peersLabel->setText(text);
}

void IpMsgPanel::rebuildPeers()
{
    const QString selected = selectedPeerKey();
    const QSignalBlocker blocker(m_peers);
    m_peers->setSortingEnabled(false);
    m_peers->clear();
    for (const IpMsgSession::Peer &p : m_session.peers()) {
        auto *item = new QTreeWidgetItem(m_peers);
        // Presence as the entries tell it: away (BR_ABSENCE) is said beside the name; who
        // left (BR_EXIT) is no longer listed.
        item->setText(PeerName, p.absent ? tr("%1 (away)").arg(shown(p.displayName(), 64))
                                         : shown(p.displayName(), 64));
        item->setText(PeerGroup, shown(p.group, 64));
        item->setText(PeerHost, shown(p.host, 64));
        // The whole value in the tool tip, whatever the column's width.
        item->setToolTip(PeerGroup, plainToolTip(shown(p.group, 64)));
        item->setToolTip(PeerHost, plainToolTip(shown(p.host, 64)));
        item->setText(PeerAddress,
                      QStringLiteral("%1:%2").arg(displayAddress(p.address)).arg(p.port));
        item->setText(PeerEncoding, p.encodingOverride.isEmpty()
                                            ? p.encoding
                                            : tr("%1 (chosen)").arg(p.encoding));
        item->setToolTip(PeerEncoding,
                         tr("Messages to and from this person are converted with this encoding. "
                            "Right-click to choose another."));
        item->setText(PeerLastSeen, localTime(p.lastSeen));
        item->setToolTip(
                PeerName,
                plainToolTip(tr("%1\n%2 (%3)")
                                     .arg(shown(p.displayName(), 64), shown(p.user, 64),
                                          shown(p.version, 80))
                             + (p.absent ? u'\n'
                                                   + tr("Away: messages are still delivered; "
                                                        "they may be read later.")
                                         : QString())));
        item->setData(PeerName, KeyRole, p.key);
        if (p.key == selected)
            item->setSelected(true);
    }
    m_peers->setSortingEnabled(true);
    // Names readable at the default size: the columns take their contents' width.
    for (int column = 0; column < PeerColumns - 1; ++column)
        m_peers->resizeColumnToContents(column);
    updatePeersLabel();
    updateToLabel();
}

QString IpMsgPanel::selectedPeerKey() const
{
    const QStringList keys = selectedPeerKeys();
    return keys.isEmpty() ? QString() : keys.first();
}

QStringList IpMsgPanel::selectedPeerKeys() const
{
    // In the list's order (what the user sees), the current one first.
    QStringList keys;
    if (const QTreeWidgetItem *current = m_peers->currentItem(); current && current->isSelected())
        keys.append(current->data(PeerName, KeyRole).toString());
    for (int i = 0; i < m_peers->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_peers->topLevelItem(i);
        const QString key = item->data(PeerName, KeyRole).toString();
        if (item->isSelected() && !keys.contains(key))
            keys.append(key);
    }
    return keys;
}

QStringList IpMsgPanel::recipients() const
{
    QStringList keys = selectedPeerKeys();
    if (keys.isEmpty() && !m_chat.conversation().isEmpty()) {
        if (const IpMsgSession::Peer *peer = m_session.peerInConversation(m_chat.conversation()))
            keys.append(peer->key);
    }
    return keys;
}

void IpMsgPanel::onSelectionChanged()
{
    const QStringList keys = selectedPeerKeys();
    // One person: their conversation. Several: everyone's, so that each recipient's message
    // and its delivery are in view.
    QString conversation;
    if (keys.size() == 1) {
        if (const IpMsgSession::Peer *peer = m_session.peer(keys.first()))
            conversation = IpMsgSession::conversationOf(*peer);
    }
    if (!keys.isEmpty() && conversation != m_chat.conversation()) {
        m_chat.showConversation(conversation);
        Q_EMIT conversationShown(conversation);
    }
    updateToLabel();
}

void IpMsgPanel::openConversation(const QString &conversation)
{
    if (const IpMsgSession::Peer *peer = m_session.peerInConversation(conversation)) {
        selectPeer(peer->key);
        return;
    }
    {
        const QSignalBlocker blocker(m_peers);
        m_peers->clearSelection();
    }
    if (conversation != m_chat.conversation()) {
        m_chat.showConversation(conversation);
        Q_EMIT conversationShown(conversation);
    }
    updateToLabel();
}

bool IpMsgPanel::showMessage(quint64 id)
{
    const int row = m_chat.showMessage(id);
    if (row < 0)
        return false;
    const QString conversation = m_chat.conversation();
    if (const IpMsgSession::Peer *peer = m_session.peerInConversation(conversation)) {
        const QSignalBlocker blocker(m_peers);
        selectPeer(peer->key);
    }
    Q_EMIT conversationShown(conversation);
    updateToLabel();
    const QModelIndex index = m_chat.messages()->index(row);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void IpMsgPanel::chooseGroup(const QString &group)
{
    m_peers->clearSelection();
    for (const IpMsgSession::Peer &p : m_session.peers()) {
        if (p.group == group)
            addToSelection(p.key);
    }
}

bool IpMsgPanel::addToSelection(const QString &key)
{
    for (int i = 0; i < m_peers->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_peers->topLevelItem(i);
        if (item->data(PeerName, KeyRole).toString() == key) {
            item->setSelected(true);
            return true;
        }
    }
    return false;
}

std::unique_ptr<QMenu> IpMsgPanel::createPeerMenu(const QString &key)
{
    const IpMsgSession::Peer *peer = m_session.peer(key);
    if (!peer)
        return nullptr;
    auto menu = std::make_unique<QMenu>();
    if (!peer->group.isEmpty()) {
        // Several recipients by their group: each gets its own message.
        QAction *group =
                menu->addAction(tr("Choose Everyone in Group %1").arg(shown(peer->group, 40)));
        group->setObjectName(QStringLiteral("chooseGroupAction"));
        connect(group, &QAction::triggered, this,
                [this, name = peer->group] { chooseGroup(name); });
        menu->addSeparator();
    }
    QMenu *encodings = menu->addMenu(tr("Encoding for %1").arg(shown(peer->displayName(), 40)));
    encodings->setObjectName(QStringLiteral("peerEncodingMenu"));
    auto *group = new QActionGroup(encodings);
    QAction *automatic = encodings->addAction(
            tr("Automatic (%1)")
                    .arg(peer->autoEncoding.isEmpty() ? peer->encoding : peer->autoEncoding));
    automatic->setCheckable(true);
    automatic->setChecked(peer->encodingOverride.isEmpty());
    automatic->setData(QString());
    group->addAction(automatic);
    encodings->addSeparator();
    for (const QString &name : TextCodec::availableEncodings()) {
        QAction *action = encodings->addAction(name);
        action->setCheckable(true);
        action->setChecked(peer->encodingOverride == name);
        action->setData(name);
        group->addAction(action);
    }
    connect(group, &QActionGroup::triggered, this, [this, key](QAction *action) {
        m_session.setPeerEncoding(key, action->data().toString());
    });
    return menu;
}

bool IpMsgPanel::selectPeer(const QString &key)
{
    for (int i = 0; i < m_peers->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_peers->topLevelItem(i);
        if (item->data(PeerName, KeyRole).toString() == key) {
            m_peers->setCurrentItem(
                    item, 0, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return true;
        }
    }
    return false;
}

void IpMsgPanel::updateSendEnabled()
{
    m_sendButton->setEnabled(m_session.isRunning() && !recipients().isEmpty()
                             && !m_edit->text().isEmpty());
}

void IpMsgPanel::updateByteCount()
{
    const QStringList to = recipients();
    if (to.isEmpty()) {
        m_bytesLabel->clear();
        return;
    }
    // The tightest of the recipients: the one whose encoding makes the text largest.
    IpMsgSession::Draft worst;
    for (const QString &key : to) {
        const IpMsgSession::Draft draft = m_session.measure(key, m_edit->text());
        if (worst.encoding.isEmpty() || !draft.representable
            || draft.maxBytes - draft.bytes < worst.maxBytes - worst.bytes)
            worst = draft;
        if (!draft.representable)
            break;
    }
    const bool tooLong = worst.bytes > worst.maxBytes;
    if (!worst.representable) {
        m_bytesLabel->setText(tr("Some characters do not exist in %1, the encoding of this "
                                 "person.")
                                      .arg(worst.encoding));
    } else {
        m_bytesLabel->setText(tr("%1 of %2 bytes in %3")
                                      .arg(worst.bytes)
                                      .arg(worst.maxBytes)
                                      .arg(worst.encoding));
    }
    setAlarm(m_bytesLabel, tooLong || !worst.representable);
}

void IpMsgPanel::sendCurrent()
{
    const QStringList to = recipients();
    if (to.isEmpty() || m_edit->text().isEmpty())
        return;
    const IpMsgChat::SendOutcome outcome =
            m_chat.send(to, m_edit->text(), m_sealCheck->isChecked());
    say(outcome.errors.join(u'\n'));
    // The text stays in the box when it did not reach everyone, so nothing typed is lost.
    if (outcome.errors.isEmpty())
        m_edit->clear();
}
