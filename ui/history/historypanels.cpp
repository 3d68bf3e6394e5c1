#include "ui/history/historypanels.h"

#include "core/session/chatsession.h"
#include "core/text/displaytext.h"
#include "ui/history/searchresultdelegate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

#include <limits>

namespace {
constexpr int kPeerRole = Qt::UserRole + 1;
constexpr int kPortRole = Qt::UserRole + 2;
constexpr int kIdRole = Qt::UserRole + 3;
constexpr int kModeRole = Qt::UserRole + 4;
constexpr int kFoldedRole = Qt::UserRole + 10; // the row counting conversations not listed
constexpr int kRefreshMs = 500;
constexpr int kSearchDelayMs = 300;
// A result shows this much of the text before its match, and this much in all.
constexpr qsizetype kExcerptBefore = 30;
constexpr qsizetype kExcerptLength = 160;

// One line, plain and short, for a list entry.
QString oneLine(const QString &text, int limit = 120)
{
    QString line = sanitizeForDisplay(text).text;
    line.replace(u'\n', u' ');
    if (line.size() > limit)
        line = line.left(limit) + QStringLiteral("\u2026");
    return line;
}
} // namespace

ConversationsPanel::ConversationsPanel(ChatSession &session, QWidget *parent)
    : QWidget(parent), m_session(session)
{
    setObjectName(QStringLiteral("conversationsPanel"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("conversationsList"));
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("conversationsNote"));
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addWidget(m_note);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &ConversationsPanel::refresh);
    connect(m_list, &QListWidget::currentItemChanged, this, &ConversationsPanel::onCurrentChanged);
    connect(m_list, &QWidget::customContextMenuRequested, this, &ConversationsPanel::showMenu);
    connect(session.messages(), &MessageListModel::messagesAppended, this,
            &ConversationsPanel::scheduleRefresh);
    retranslate();
}

void ConversationsPanel::retranslate()
{
    m_list->setAccessibleName(tr("Conversations"));
    m_note->setText(m_session.history() ? QString()
                                        : tr("History is off: conversations are not listed."));
    m_note->setVisible(!m_session.history());
    refresh();
}

void ConversationsPanel::scheduleRefresh()
{
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void ConversationsPanel::refresh()
{
    m_refreshTimer.stop();
    const QString current = m_ipmsgShown.isEmpty() ? m_session.conversation() : m_ipmsgShown;
    QList<HistoryStore::Peer> peers;
    if (HistoryStore *history = m_session.history())
        peers = history->peers();
    // Favourites first, then the most recent.
    std::stable_sort(peers.begin(), peers.end(),
                     [](const HistoryStore::Peer &a, const HistoryStore::Peer &b) {
                         return a.favourite && !b.favourite;
                     });
    m_refreshing = true;
    m_list->clear();
    auto *all = new QListWidgetItem(m_list);
    const int total = unreadTotal();
    all->setText(total > 0 ? tr("All messages (%1 unread)").arg(total) : tr("All messages"));
    all->setData(kPeerRole, QString());
    all->setData(kModeRole, int(ChatMessage::Channel::Plain));
    if (current.isEmpty())
        m_list->setCurrentItem(all);
    const QLocale locale;
    // Bounded: 10,000 spoofed senders would make 10,000 rows (and a slow refresh twice a
    // second). Favourites, named peers and the one shown are always listed; of the others
    // (unread or not: a flood makes them all unread), the most recent up to the cap; the rest is
    // one row (their messages stay in "All messages" and in the search).
    int listed = 0;
    qsizetype folded = 0;
    for (const HistoryStore::Peer &peer : std::as_const(peers)) {
        const bool kept = peer.favourite || !peer.name.isEmpty() || peer.address == current;
        if (!kept && listed >= MaxListedConversations) {
            ++folded;
            continue;
        }
        ++listed;
        QListWidgetItem *item = addPeerItem(peer);
        if (peer.address == current)
            m_list->setCurrentItem(item);
    }
    if (folded > 0) {
        auto *rest = new QListWidgetItem(m_list);
        rest->setText(tr("%1 other senders, not listed (their messages are in All messages)")
                              .arg(locale.toString(folded)));
        rest->setFlags(Qt::NoItemFlags); // not a conversation: cannot be chosen
        rest->setData(kFoldedRole, true);
    }
    m_refreshing = false;
}

QListWidgetItem *ConversationsPanel::addPeerItem(const HistoryStore::Peer &peer)
{
    auto *item = new QListWidgetItem(m_list);
    const bool ipmsg = peer.mode == ChatMessage::Channel::IpMsg;
    QString endpoint = Endpoint{QHostAddress(peer.address), peer.lastPort}.toString();
    if (ipmsg) {
        // The person: an envelope (the mode, so that it cannot pass for a plain peer), nickname
        // and host.
        const ChatMessage::IpMsgPerson person = ChatMessage::ipMsgPerson(peer.address);
        const QString nickname = oneLine(peer.nickname.isEmpty() ? person.user : peer.nickname, 40);
        endpoint = QStringLiteral("\u2709 %1 (%2)").arg(nickname, oneLine(person.host, 40));
    }
    QString text =
            peer.name.isEmpty() ? endpoint : tr("%1 (%2)").arg(oneLine(peer.name, 40), endpoint);
    if (peer.favourite)
        text.prepend(QStringLiteral("\u2605 "));
    if (const int unread = m_unread.value(peer.address); unread > 0)
        text = tr("%1 \u00b7 %2 unread").arg(text).arg(unread);
    item->setText(text);
    item->setToolTip(peer.lastActivity.toMSecsSinceEpoch() > 0
                             ? tr("Last activity %1; %2 messages")
                                       .arg(QLocale().toString(peer.lastActivity.toLocalTime(),
                                                               QLocale::ShortFormat))
                                       .arg(peer.messages)
                             : tr("In the address book; no messages yet"));
    item->setData(kPeerRole, peer.address);
    item->setData(kPortRole, peer.lastPort);
    item->setData(kModeRole, int(peer.mode));
    if (ipmsg) {
        const ChatMessage::IpMsgPerson person = ChatMessage::ipMsgPerson(peer.address);
        item->setToolTip(tr("IP Messenger: %1 on %2 at %3\n%4")
                                 .arg(oneLine(person.user, 64), oneLine(person.host, 64),
                                      person.address, item->toolTip()));
        item->setData(Qt::AccessibleTextRole,
                      tr("IP Messenger conversation with %1").arg(item->text()));
    }
    return item;
}

void ConversationsPanel::addUnread(const QString &peer, int count)
{
    // Per peer for at most MaxUnreadPeers peers (spoofed senders are unbounded); the others'
    // messages are counted together, in the total.
    if (m_unread.contains(peer) || m_unread.size() < MaxUnreadPeers)
        m_unread[peer] += count;
    else
        m_unreadElsewhere += count;
    scheduleRefresh();
    Q_EMIT unreadChanged(unreadTotal());
}

void ConversationsPanel::markRead(const QString &peer)
{
    const int before = unreadTotal();
    if (peer.isEmpty()) {
        m_unread.clear();
        m_unreadElsewhere = 0;
    } else {
        m_unread.remove(peer);
    }
    if (unreadTotal() != before) {
        scheduleRefresh();
        Q_EMIT unreadChanged(unreadTotal());
    }
}

void ConversationsPanel::markAllRead(ChatMessage::Channel mode)
{
    const int before = unreadTotal();
    const bool ipmsg = mode == ChatMessage::Channel::IpMsg;
    m_unread.removeIf([ipmsg](const QHash<QString, int>::iterator it) {
        return !ChatMessage::ipMsgPerson(it.key()).address.isEmpty() == ipmsg;
    });
    if (!ipmsg)
        m_unreadElsewhere = 0; // a flood of spoofed plain senders
    if (unreadTotal() != before) {
        scheduleRefresh();
        Q_EMIT unreadChanged(unreadTotal());
    }
}

void ConversationsPanel::setIpMsgShown(const QString &conversation)
{
    if (conversation == m_ipmsgShown)
        return;
    m_ipmsgShown = conversation;
    refresh();
}

int ConversationsPanel::unreadTotal() const
{
    int total = m_unreadElsewhere;
    for (const int n : m_unread)
        total += n;
    return total;
}

void ConversationsPanel::select(const QString &peer)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(kPeerRole).toString() == peer) {
            m_list->setCurrentRow(row);
            return;
        }
    }
}

void ConversationsPanel::onCurrentChanged()
{
    if (m_refreshing || !m_list->currentItem() || m_list->currentItem()->data(kFoldedRole).toBool())
        return;
    const QString peer = m_list->currentItem()->data(kPeerRole).toString();
    const auto mode =
            static_cast<ChatMessage::Channel>(m_list->currentItem()->data(kModeRole).toInt());
    if (mode == ChatMessage::Channel::IpMsg) {
        markRead(peer);
        Q_EMIT conversationChosen(peer, mode);
        return;
    }
    const bool shown = peer == m_session.conversation() && m_ipmsgShown.isEmpty();
    // Only what is shown changes: where messages go stays as it is (Reply changes it).
    if (peer != m_session.conversation())
        m_session.showConversation(peer);
    if (peer.isEmpty())
        markAllRead(mode);
    else
        markRead(peer);
    if (!shown)
        Q_EMIT conversationChosen(peer, mode);
}

bool ConversationsPanel::reply(const QString &peer)
{
    for (int row = 0; row < m_list->count(); ++row) {
        const QListWidgetItem *item = m_list->item(row);
        const auto port = static_cast<quint16>(item->data(kPortRole).toUInt());
        if (!peer.isEmpty() && item->data(kPeerRole).toString() == peer && port > 0) {
            Q_EMIT replyRequested(Endpoint{QHostAddress(peer), port});
            return true;
        }
    }
    return false;
}

void ConversationsPanel::addFavourite(const Endpoint &target)
{
    if (HistoryStore *history = m_session.history())
        history->setPeerFavourite(displayAddress(normalizedAddress(target.address)), target.port,
                                  true);
    refresh();
}

bool ConversationsPanel::rename(const QString &peer, const QString &name)
{
    HistoryStore *history = m_session.history();
    const bool ok = history && history->setPeerName(peer, name);
    refresh();
    return ok;
}

void ConversationsPanel::setFavourite(const QString &peer, bool favourite)
{
    if (HistoryStore *history = m_session.history())
        history->setPeerFavourite(peer, 0, favourite);
    refresh();
}

void ConversationsPanel::showMenu(const QPoint &position)
{
    QListWidgetItem *item = m_list->itemAt(position);
    if (!item || item->data(kPeerRole).toString().isEmpty())
        return;
    const QString peer = item->data(kPeerRole).toString();
    const auto port = static_cast<quint16>(item->data(kPortRole).toUInt());
    const bool favourite = item->text().startsWith(QStringLiteral("\u2605"));
    const bool writable = m_session.history() && !m_session.history()->isReadOnly();
    const bool ipmsg = static_cast<ChatMessage::Channel>(item->data(kModeRole).toInt())
                       == ChatMessage::Channel::IpMsg;
    QMenu menu(this);
    QAction *replyAction = menu.addAction(
            ipmsg ? tr("Write to %1").arg(item->text())
                  : tr("Reply to %1").arg(Endpoint{QHostAddress(peer), port}.toString()));
    replyAction->setEnabled(port > 0 || ipmsg);
    menu.addSeparator();
    QAction *renameAction = menu.addAction(tr("Name\u2026"));
    QAction *favouriteAction =
            menu.addAction(favourite ? tr("Remove from Favourites") : tr("Add to Favourites"));
    renameAction->setEnabled(writable);
    favouriteAction->setEnabled(writable);
    QAction *chosen = menu.exec(m_list->viewport()->mapToGlobal(position));
    if (chosen == replyAction && ipmsg) {
        Q_EMIT conversationChosen(peer, ChatMessage::Channel::IpMsg);
    } else if (chosen == replyAction) {
        reply(peer);
    } else if (chosen == renameAction) {
        bool ok = false;
        const QString name = QInputDialog::getText(
                this, tr("Name Peer"),
                tr("Name for %1 (empty: no name):").arg(ipmsg ? item->text() : peer),
                QLineEdit::Normal, QString(), &ok);
        if (ok)
            rename(peer, name);
    } else if (chosen == favouriteAction) {
        setFavourite(peer, !favourite);
    }
}

SearchPanel::SearchPanel(ChatSession &session, QWidget *parent)
    : QWidget(parent), m_session(session)
{
    setObjectName(QStringLiteral("searchPanel"));
    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("searchEdit"));
    m_field->setClearButtonEnabled(true);
    m_direction = new QComboBox(this);
    m_direction->setObjectName(QStringLiteral("searchDirectionCombo"));
    m_conversationOnly = new QCheckBox(this);
    m_conversationOnly->setObjectName(QStringLiteral("searchConversationCheck"));
    m_results = new QListWidget(this);
    m_results->setObjectName(QStringLiteral("searchResults"));
    // Two lines a result, wrapped to the panel: the text is never behind a scroll bar.
    m_results->setItemDelegate(new SearchResultDelegate(m_results));
    m_results->setWordWrap(true);
    m_results->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_results->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_results->setResizeMode(QListView::Adjust);
    m_results->setUniformItemSizes(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("searchStatusLabel"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_export = new QPushButton(this);
    m_export->setObjectName(QStringLiteral("exportResultsButton"));
    m_export->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_field);
    layout->addWidget(m_direction);
    layout->addWidget(m_conversationOnly);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_export);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kSearchDelayMs);
    connect(&m_debounce, &QTimer::timeout, this, &SearchPanel::search);
    connect(m_field, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_field, &QLineEdit::returnPressed, this, &SearchPanel::search);
    connect(m_direction, &QComboBox::activated, this, &SearchPanel::search);
    connect(m_conversationOnly, &QCheckBox::toggled, this, &SearchPanel::search);
    connect(&m_search, &HistorySearch::found, this, &SearchPanel::addResults);
    connect(&m_search, &HistorySearch::finished, this, &SearchPanel::onFinished);
    connect(m_results, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT resultActivated(item->data(kIdRole).toULongLong());
    });
    connect(m_export, &QPushButton::clicked, this, &SearchPanel::exportRequested);
    retranslate();
}

void SearchPanel::retranslate()
{
    m_field->setPlaceholderText(tr("Search the whole history"));
    m_field->setAccessibleName(tr("Search text"));
    m_direction->setAccessibleName(tr("Messages to search"));
    m_results->setAccessibleName(tr("Search results"));
    const int direction = std::max(0, m_direction->currentIndex());
    m_direction->clear();
    m_direction->addItem(tr("Received and sent"));
    m_direction->addItem(tr("Received only"));
    m_direction->addItem(tr("Sent only"));
    m_direction->setCurrentIndex(direction);
    m_conversationOnly->setText(tr("Only the conversation shown"));
    m_export->setText(tr("Export Results\u2026"));
    if (!m_session.history())
        m_status->setText(tr("History is off: nothing to search."));
    m_field->setEnabled(m_session.history() != nullptr);
}

void SearchPanel::focusField()
{
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void SearchPanel::search()
{
    m_debounce.stop();
    m_results->clear();
    m_export->setEnabled(false);
    const QString text = m_field->text();
    if (text.isEmpty() || !m_session.history()) {
        m_search.cancel();
        m_status->clear();
        return;
    }
    m_query = text;
    HistoryStore::Filter filter;
    filter.text = text;
    if (m_direction->currentIndex() == 1)
        filter.direction = ChatMessage::Direction::Incoming;
    else if (m_direction->currentIndex() == 2)
        filter.direction = ChatMessage::Direction::Outgoing;
    if (m_conversationOnly->isChecked())
        filter.peer = m_session.conversation();
    m_status->setText(tr("Searching\u2026"));
    m_search.start(m_session.history(), filter);
}

void SearchPanel::addResults(const QList<ChatMessage> &messages)
{
    const QLocale locale;
    for (const ChatMessage &m : messages) {
        auto *item = new QListWidgetItem(m_results);
        const QString when = locale.toString(m.time.toLocalTime(), QLocale::ShortFormat);
        const QString who = Endpoint{m.peerAddress, m.peerPort}.toString();
        // The text around the first match, which the delegate highlights.
        const QString line = oneLine(m.text, std::numeric_limits<int>::max());
        qsizetype match = line.indexOf(m_query, 0, Qt::CaseInsensitive);
        qsizetype from = match > kExcerptBefore ? match - kExcerptBefore : 0;
        QString excerpt = line.mid(from, kExcerptLength);
        if (from > 0) {
            excerpt.prepend(QStringLiteral("\u2026"));
            --from;
        }
        if (from + excerpt.size() < line.size())
            excerpt += QStringLiteral("\u2026");
        item->setData(SearchResultDelegate::HeaderRole,
                      m.isIncoming() ? tr("%1 \u00b7 from %2").arg(when, who)
                                     : tr("%1 \u00b7 to %2").arg(when, who));
        item->setData(SearchResultDelegate::ExcerptRole, excerpt);
        item->setData(SearchResultDelegate::MatchStartRole, match < 0 ? -1 : int(match - from));
        item->setData(SearchResultDelegate::MatchLengthRole, int(m_query.size()));
        // The whole entry as one text: for screen readers and for copying.
        item->setText(m.isIncoming() ? tr("%1  from %2: %3").arg(when, who, oneLine(m.text))
                                     : tr("%1  to %2: %3").arg(when, who, oneLine(m.text)));
        item->setData(kIdRole, m.id);
    }
    m_status->setText(tr("%n found so far\u2026", nullptr, int(m_search.results().size())));
}

void SearchPanel::onFinished(bool truncated)
{
    const int count = static_cast<int>(m_search.results().size());
    if (truncated)
        m_status->setText(tr("The newest %n matches are shown; make the search narrower to see "
                             "older ones.",
                             nullptr, count));
    else
        m_status->setText(tr("%n found.", nullptr, count));
    m_export->setEnabled(count > 0);
}
