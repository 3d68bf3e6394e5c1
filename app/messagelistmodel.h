#pragma once

#include "chatmessage.h"
#include "displaytext.h"

#include <QAbstractListModel>
#include <QList>

#include <deque>

/// The conversation as a list model: one row per ChatMessage, oldest first. Batches are
/// inserted with one beginInsertRows(); the number of rows is capped, the oldest leave first.
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    /// Qt::DisplayRole is the text made safe and bounded for display (see sanitizeForDisplay());
    /// TextRole is the message text as received or typed.
    enum Role {
        MessageRole = Qt::UserRole + 1, ///< the whole ChatMessage
        TextRole, ///< QString, the decoded text, unchanged
        DisplayTextRole, ///< DisplayText, with what was shortened or escaped
        DirectionRole, ///< ChatMessage::Direction as int
        StatusRole, ///< ChatMessage::Status as int
        PeerRole, ///< "ip:port" of sender or target, normalised
        TimeRole, ///< QDateTime, UTC
        PayloadRole, ///< QByteArray
        ErrorRole, ///< QString, why it failed
        DecodedCleanlyRole, ///< bool
        EncodingRole, ///< QString, the encoding used to decode or encode
        IdRole, ///< quint64, unique and growing; a row's content changes only by redecode()
    };
    Q_ENUM(Role)

    /// Rows kept for the view. QListView lays out every row on each insert (cached sizes make that
    /// cheap per row, not free), so this bounds the cost of a flood as well as memory; older
    /// rows leave the view (and are counted in evictedCount()).
    static constexpr int DefaultMaxRows = 2000;

    explicit MessageListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Appends in order and gives each message its id (growing). Returns the id of the last one.
    quint64 append(const QList<ChatMessage> &messages);
    quint64 append(const ChatMessage &message);

    const ChatMessage &at(int row) const { return m_rows.at(static_cast<size_t>(row)).message; }
    /// The display text of @p row (what Qt::DisplayRole and DisplayTextRole return).
    const DisplayText &displayAt(int row) const
    {
        return m_rows.at(static_cast<size_t>(row)).display;
    }
    /// "ip:port" of the sender or target of @p row (what PeerRole returns).
    QString peerText(int row) const;
    /// Row of the message with @p id, or -1 if it is not (or no longer) in the model.
    int rowOf(quint64 id) const;

    /// Decodes the stored payload of the incoming message @p id again with @p encoding (a name
    /// from TextCodec::availableEncodings()) and replaces its text, encoding, validity and display
    /// text; emits dataChanged() for the row (views must measure it again). Returns false, and
    /// changes nothing, for an unknown id, an outgoing message or an unavailable encoding.
    bool redecode(quint64 id, const QString &encoding);

    /// Removes every row (the view's "clear"; counters are kept).
    void clear();

    void setMaxRows(int maxRows);
    int maxRows() const { return m_maxRows; }
    /// Rows that left because of the cap since the model was created.
    quint64 evictedCount() const { return m_evicted; }

private:
    void evict(size_t count);

    struct Row
    {
        ChatMessage message;
        DisplayText display; // computed once, on insertion
    };
    std::deque<Row> m_rows;
    int m_maxRows = DefaultMaxRows;
    quint64 m_nextId = 1;
    quint64 m_evicted = 0;
    // The last peer formatted for PeerRole.
    mutable QHostAddress m_peerTextAddress;
    mutable quint16 m_peerTextPort = 0;
    mutable QString m_peerText;
    mutable bool m_peerTextValid = false;
};
