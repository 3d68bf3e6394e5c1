#include "messagelistmodel.h"

#include "endpoint.h"
#include "textcodec.h"

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
    default:
        return {};
    }
}

QString MessageListModel::peerText(int row) const
{
    const ChatMessage &m = at(row);
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
    return names;
}

quint64 MessageListModel::append(const QList<ChatMessage> &messages)
{
    if (messages.isEmpty())
        return 0;
    const auto cap = static_cast<size_t>(m_maxRows);
    // A batch larger than the cap only keeps its newest messages.
    const size_t skip = messages.size() > m_maxRows ? messages.size() - cap : 0;
    const size_t incoming = static_cast<size_t>(messages.size()) - skip;
    m_evicted += skip;
    if (m_rows.size() + incoming > cap)
        evict(m_rows.size() + incoming - cap);

    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(incoming) - 1);
    quint64 lastId = 0;
    for (auto it = messages.cbegin() + static_cast<qsizetype>(skip); it != messages.cend(); ++it) {
        m_rows.push_back(Row{*it, sanitizeForDisplay(it->text)});
        ChatMessage &m = m_rows.back().message;
        m.id = m_nextId++;
        lastId = m.id;
    }
    endInsertRows();
    return lastId;
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
    return true;
}

void MessageListModel::clear()
{
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
    endRemoveRows();
}
