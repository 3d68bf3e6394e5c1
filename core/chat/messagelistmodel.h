#pragma once

#include "core/chat/chatmessage.h"
#include "core/chat/messageids.h"
#include "core/text/displaytext.h"

#include <QAbstractListModel>
#include <QList>

#include <deque>
#include <functional>

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
        PeerRole, ///< "ip:port" of sender or target, normalised; IP Messenger: the nickname
        TimeRole, ///< QDateTime, UTC
        PayloadRole, ///< QByteArray
        ErrorRole, ///< QString, why it failed
        DecodedCleanlyRole, ///< bool
        EncodingRole, ///< QString, the encoding used to decode or encode
        IdRole, ///< quint64, unique and growing; a row's content changes only by redecode()
        ChannelRole, ///< ChatMessage::Channel as int
        GroupRole, ///< QString, the multicast group a received message came through, or empty
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
    /// As append(), but gives @p messages their ids in place (no copy of the list): they keep
    /// them, and the caller may reuse the list.
    quint64 appendNumbering(QList<ChatMessage> &messages);

    const ChatMessage &at(int row) const { return m_rows.at(static_cast<size_t>(row)).message; }
    /// The display text of @p row (what Qt::DisplayRole and DisplayTextRole return).
    const DisplayText &displayAt(int row) const
    {
        return m_rows.at(static_cast<size_t>(row)).display;
    }
    /// "ip:port" of the sender or target of @p row (what PeerRole returns); for an IP Messenger
    /// message the person's nickname, made safe for display.
    QString peerText(int row) const;
    QString accessibleText(int row) const;
    /// What a page adds to a row's accessible text (what its bubble shows besides the message,
    /// say the buttons of a file offer), by message id; empty: nothing.
    void setAccessibleNote(std::function<QString(quint64 id)> note) { m_note = std::move(note); }
    /// Row of the message with @p id, or -1 if it is not (or no longer) in the model.
    int rowOf(quint64 id) const;

    /// Decodes the stored payload of the incoming message @p id again with @p encoding (a name
    /// from TextCodec::availableEncodings()) and replaces its text, encoding, validity and display
    /// text; emits dataChanged() for the row (views must measure it again). Returns false, and
    /// changes nothing, for an unknown id, an outgoing message or an unavailable encoding.
    bool redecode(quint64 id, const QString &encoding);

    /// Removes every row (the view's "clear"; counters are kept). Older messages are not fetched
    /// back from the history until reset() is called.
    void clear();

    /// Changes the status (and reason) of message @p id, e.g. a sent message that failed later;
    /// emits dataChanged() and messageChanged(). False for an id not in the model.
    bool setStatus(quint64 id, ChatMessage::Status status, const QString &error = QString());

    // Scrollback from the history. The model keeps a window of recent rows; older ones are
    // fetched page by page through the loader (oldest first, ids below beforeId).
    using OlderLoader = std::function<QList<ChatMessage>(quint64 beforeId, int limit)>;
    static constexpr int PageSize = 200;
    /// Where older messages come from (null: nowhere, the default).
    void setOlderLoader(OlderLoader loader);
    /// True when the loader may have messages older than the first row, and fetching is enabled.
    bool canFetchMore(const QModelIndex &parent) const override;
    /// Inserts the previous page (PageSize messages) at the top.
    void fetchMore(const QModelIndex &parent) override;
    /// Qt's views call fetchMore() whenever the *last* row is visible, which in a chat (newest
    /// at the bottom) is almost always: the view enables fetching only while the top is shown.
    void setFetchOlderEnabled(bool enabled) { m_fetchOlderEnabled = enabled; }
    bool fetchOlderEnabled() const { return m_fetchOlderEnabled; }
    /// Whether the loader may hold older messages than the first row.
    bool olderAvailable() const { return m_olderAvailable && m_loader != nullptr; }
    /// Replaces all rows with @p rows (oldest first; ids as given), e.g. the latest page of the
    /// history or of one peer, and allows fetching older ones again.
    void reset(const QList<ChatMessage> &rows);

    /// Ids given to appended messages start here (after the history's last id).
    void setNextId(quint64 id) { m_ids->setNext(id); }
    quint64 nextId() const { return m_ids->next(); }
    /// Takes ids from @p ids (not owned; null: the model's own) instead of its own counter, so
    /// that lists writing to one history never give one id twice.
    void setIdSource(MessageIds *ids) { m_ids = ids ? ids : &m_ownIds; }
    /// Appended messages that fail @p accept get their id and are announced by
    /// messagesAppended(), but get no row (the view shows one conversation). Null: all rows.
    void setAcceptFilter(std::function<bool(const ChatMessage &)> accept);

    void setMaxRows(int maxRows);
    int maxRows() const { return m_maxRows; }
    /// Rows that left because of the cap since the model was created.
    quint64 evictedCount() const { return m_evicted; }

Q_SIGNALS:
    /// Every appended message, with its id, whether or not it got a row (for the history).
    void messagesAppended(const QList<ChatMessage> &messages);
    /// A message's status or text changed (setStatus(), redecode()).
    void messageChanged(const ChatMessage &message);

private:
    void evict(size_t count);
    /// Rows for @p numbered (already given their ids and announced), within the cap.
    void addRows(const QList<ChatMessage> &numbered);

    struct Row
    {
        ChatMessage message;
        DisplayText display; // computed once, on insertion
    };
    std::deque<Row> m_rows;
    int m_maxRows = DefaultMaxRows;
    MessageIds m_ownIds;
    MessageIds *m_ids = &m_ownIds;
    quint64 m_evicted = 0;
    OlderLoader m_loader;
    std::function<bool(const ChatMessage &)> m_accept;
    std::function<QString(quint64 id)> m_note;
    bool m_olderAvailable = false;
    bool m_fetchOlderEnabled = false;
    bool m_changing = false; // inside begin/end of a change
    quint64 m_clearedUpTo = 0; // clear(): older ids are not fetched back until reset()
    // The last peer formatted for PeerRole.
    mutable QHostAddress m_peerTextAddress;
    mutable quint16 m_peerTextPort = 0;
    mutable QString m_peerText;
    mutable bool m_peerTextValid = false;
};
