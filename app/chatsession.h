#pragma once

#include "endpoint.h"
#include "messagelistmodel.h"
#include "textcodec.h"
#include "udpchannel.h"

#include <QObject>
#include <QTimer>

/// The conversation: connects the channel to the message list and turns typed text into
/// datagrams. It is the one object the window talks to.
class ChatSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatSession)
public:
    struct SendOutcome
    {
        bool sent = false; ///< the datagram was handed to the OS; the input may be cleared
        quint64 messageId = 0; ///< the row added for this attempt, 0 if none
        QString error; ///< why it was not sent
    };

    explicit ChatSession(QObject *parent = nullptr);

    UdpChannel *channel() { return &m_channel; }
    MessageListModel *messages() { return &m_messages; }
    const TextCodec &codec() const { return m_codec; }

    /// Encodes @p text and sends it as one datagram to @p to. Text that cannot be encoded or is
    /// too large for one datagram is refused before anything is sent, without a row; a failure at
    /// the socket adds a Failed row with the reason. Either way the caller keeps the text.
    SendOutcome send(const QString &text, const Endpoint &to);

    /// Encoded size of @p text in bytes, as send() would put it on the wire.
    qsizetype encodedSize(const QString &text) const;

    /// Incoming messages reach messages() at most once per this interval, so a flood causes
    /// one model insert (and one view layout) per frame instead of one per read.
    static constexpr int InsertIntervalMs = 16;

Q_SIGNALS:
    /// Incoming messages were appended to messages().
    void messagesReceived(int count);

private:
    void onDatagrams(const QList<Datagram> &batch);
    void flushIncoming();

    UdpChannel m_channel;
    MessageListModel m_messages;
    TextCodec m_codec;
    QList<ChatMessage> m_incoming; // decoded, waiting for the next insert
    QTimer m_insertTimer;
};
