#include "core/chat/messagelistmodel.h"

#include "core/net/endpoint.h"
#include "core/text/textcodec.h"

#include <QLocale>
#include <QScopedValueRollback>
#include <QTimeZone>

MessageListModel::MessageListModel(QObject *parent) : QAbstractListModel(parent) { }

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChatMessage &m = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return m_rows[static_cast<size_t>(index.row())].display.text;
    case TextRole:
        return m.text;
    case DisplayTextRole:
        return QVariant::fromValue(m_rows[static_cast<size_t>(index.row())].display);
    case MessageRole:
        return QVariant::fromValue(m);
    case DirectionRole:
        return static_cast<int>(m.direction);
    case StatusRole:
        return static_cast<int>(m.status);
    case PeerRole:
        return peerText(index.row());
    case TimeRole:
        return m.time;
    case PayloadRole:
        return m.payload;
    case ErrorRole:
        return m.error;
    case DecodedCleanlyRole:
        return m.decodedCleanly;
    case EncodingRole:
        return m.encoding;
    case IdRole:
        return m.id;
    case ChannelRole:
        return static_cast<int>(m.channel);
    case GroupRole:
        return m.group;
    case Qt::AccessibleTextRole: {
        const QString note = m_note ? m_note(m.id) : QString();
        return note.isEmpty() ? accessibleText(index.row())
                              : accessibleText(index.row()) + QStringLiteral(". ") + note;
    }
    default:
        return {};
    }
}

QString MessageListModel::accessibleText(int row) const
{
    // What a screen reader says for a row: direction, who, when and the status, then the text.
    const ChatMessage &m = at(row);
    static const QTimeZone zone = QTimeZone::systemTimeZone();
    const QString clock =
            QLocale().toString(m.time.toTimeZone(zone).time(), QStringLiteral("HH:mm:ss"));
    const QString text = m.isEmptyDatagram() ? tr("an empty datagram")
                                             : m_rows[static_cast<size_t>(row)].display.text;
    const QString peer = peerText(row);
    switch (m.status) {
    case ChatMessage::Status::Received:
        if (!m.group.isEmpty()) {
            //: %2 is the multicast group the message was sent to, e.g. 239.255.77.1
            return tr("Received from %1 via group %2 at %3: %4").arg(peer, m.group, clock, text);
        }
        return tr("Received from %1 at %2: %3").arg(peer, clock, text);
    case ChatMessage::Status::Sent:
        return tr("Sent to %1 at %2: %3").arg(peer, clock, text);
    case ChatMessage::Status::Failed:
        return tr("Not sent to %1 at %2 (%3): %4").arg(peer, clock, m.error, text);
    case ChatMessage::Status::Delivered:
        return tr("Delivered to %1, sent at %2: %3").arg(peer, clock, text);
    case ChatMessage::Status::NotConfirmed:
        return tr("Sent to %1 at %2, not confirmed: %3").arg(peer, clock, text);
    case ChatMessage::Status::Read:
        return tr("Read by %1, sent at %2: %3").arg(peer, clock, text);
    }
    return text;
}

QString MessageListModel::peerText(int row) const
{
    const ChatMessage &m = at(row);
    if (m.isIpMsg()) {
        // "Nickname (host)": both the peer's own words, made safe and bounded.
        const QString host = ChatMessage::ipMsgPerson(m.conversation).host;
        const QString name = displayLine(m.peerName, 64);
        return host.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, displayLine(host, 64));
    }
    // A flood comes from one peer: its address is formatted once, not per row and paint.
    if (!m_peerTextValid || m.peerPort != m_peerTextPort || m.peerAddress != m_peerTextAddress) {
        m_peerTextValid = true;
        m_peerTextAddress = m.peerAddress;
        m_peerTextPort = m.peerPort;
        m_peerText = Endpoint{m.peerAddress, m.peerPort}.toString();
    }
    return m_peerText;
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(MessageRole, "message");
    names.insert(TextRole, "text");
    names.insert(DisplayTextRole, "displayText");
    names.insert(DirectionRole, "direction");
    names.insert(StatusRole, "status");
    names.insert(PeerRole, "peer");
    names.insert(TimeRole, "time");
    names.insert(PayloadRole, "payload");
    names.insert(ErrorRole, "error");
    names.insert(DecodedCleanlyRole, "decodedCleanly");
    names.insert(EncodingRole, "encoding");
    names.insert(IdRole, "id");
    names.insert(ChannelRole, "channel");
    names.insert(GroupRole, "group");
    return names;
}

quint64 MessageListModel::append(const QList<ChatMessage> &messages)
{
    QList<ChatMessage> numbered = messages;
    return appendNumbering(numbered);
}

quint64 MessageListModel::appendNumbering(QList<ChatMessage> &numbered)
{
    if (numbered.isEmpty())
        return 0;
    quint64 id = m_ids->take(quint64(numbered.size()));
    for (ChatMessage &m : numbered)
        m.id = id++;
    const quint64 lastId = numbered.constLast().id;
    Q_EMIT messagesAppended(numbered);
    const QScopedValueRollback<bool> changing(m_changing, true);
    if (m_accept) {
        QList<ChatMessage> accepted;
        for (const ChatMessage &m : std::as_const(numbered)) {
            if (m_accept(m))
                accepted.append(m);
        }
        addRows(accepted);
    } else {
        addRows(numbered);
    }
    return lastId;
}

void MessageListModel::addRows(const QList<ChatMessage> &numbered)
{
    if (numbered.isEmpty())
        return;
    const auto cap = static_cast<size_t>(m_maxRows);
    // A batch larger than the cap only keeps its newest messages.
    const size_t skip = numbered.size() > m_maxRows ? numbered.size() - cap : 0;
    const size_t incoming = static_cast<size_t>(numbered.size()) - skip;
    m_evicted += skip;
    if (skip > 0 && m_loader)
        m_olderAvailable = true;
    if (m_rows.size() + incoming > cap)
        evict(m_rows.size() + incoming - cap);

    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(incoming) - 1);
    for (auto it = numbered.cbegin() + static_cast<qsizetype>(skip); it != numbered.cend(); ++it)
        m_rows.push_back(Row{*it, sanitizeForDisplay(it->text)});
    endInsertRows();
}

quint64 MessageListModel::append(const ChatMessage &message)
{
    return append(QList<ChatMessage>{message});
}

int MessageListModel::rowOf(quint64 id) const
{
    // Ids grow with the row number, so a binary search finds it.
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), id,
                                     [](const Row &r, quint64 v) { return r.message.id < v; });
    if (it == m_rows.cend() || it->message.id != id)
        return -1;
    return static_cast<int>(it - m_rows.cbegin());
}

bool MessageListModel::redecode(quint64 id, const QString &encoding)
{
    const int row = rowOf(id);
    if (row < 0 || TextCodec::canonicalName(encoding).isEmpty())
        return false;
    Row &r = m_rows[static_cast<size_t>(row)];
    if (!r.message.isIncoming())
        return false;
    const TextCodec::Decoded decoded = TextCodec(encoding).decode(r.message.payload);
    r.message.text = decoded.text;
    r.message.decodedCleanly = decoded.valid;
    r.message.encoding = TextCodec::canonicalName(encoding);
    r.display = sanitizeForDisplay(decoded.text);
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed);
    Q_EMIT messageChanged(r.message);
    return true;
}

bool MessageListModel::setStatus(quint64 id, ChatMessage::Status status, const QString &error)
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    ChatMessage &m = m_rows[static_cast<size_t>(row)].message;
    m.status = status;
    m.error = error;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed);
    Q_EMIT messageChanged(m);
    return true;
}

void MessageListModel::setOlderLoader(OlderLoader loader)
{
    m_loader = std::move(loader);
    m_olderAvailable = m_loader != nullptr;
}

void MessageListModel::setAcceptFilter(std::function<bool(const ChatMessage &)> accept)
{
    m_accept = std::move(accept);
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_fetchOlderEnabled && olderAvailable() && !m_changing;
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    // Views and testers may ask from inside a change notification: not then.
    if (parent.isValid() || !olderAvailable() || m_changing)
        return;
    const QScopedValueRollback<bool> changing(m_changing, true);
    const quint64 before = m_rows.empty() ? m_ids->next() : m_rows.front().message.id;
    QList<ChatMessage> older = m_loader(before, PageSize);
    m_olderAvailable = older.size() >= PageSize;
    // Only what is older than the first row, and not what the user cleared.
    const qsizetype fetched = older.size();
    older.removeIf([this, before](const ChatMessage &m) {
        return m.id >= before || m.id <= m_clearedUpTo;
    });
    if (older.size() < fetched)
        m_olderAvailable = false;
    if (older.isEmpty())
        return;
    beginInsertRows({}, 0, static_cast<int>(older.size()) - 1);
    for (auto it = older.crbegin(); it != older.crend(); ++it)
        m_rows.push_front(Row{*it, sanitizeForDisplay(it->text)});
    endInsertRows();
}

void MessageListModel::reset(const QList<ChatMessage> &rows)
{
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginResetModel();
    m_rows.clear();
    m_clearedUpTo = 0;
    for (const ChatMessage &m : rows) {
        m_rows.push_back(Row{m, sanitizeForDisplay(m.text)});
        m_ids->continueAfter(m.id);
    }
    m_olderAvailable = m_loader != nullptr;
    endResetModel();
}

void MessageListModel::clear()
{
    m_clearedUpTo = m_ids->next() - 1;
    if (m_rows.empty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void MessageListModel::setMaxRows(int maxRows)
{
    m_maxRows = qMax(1, maxRows);
    if (m_rows.size() > static_cast<size_t>(m_maxRows))
        evict(m_rows.size() - static_cast<size_t>(m_maxRows));
}

void MessageListModel::evict(size_t count)
{
    if (count == 0)
        return;
    beginRemoveRows({}, 0, static_cast<int>(count) - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + static_cast<std::ptrdiff_t>(count));
    m_evicted += count;
    if (m_loader)
        m_olderAvailable = true; // they are still in the history
    endRemoveRows();
}
