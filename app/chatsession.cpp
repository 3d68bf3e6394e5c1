#include "chatsession.h"

ChatSession::ChatSession(QObject *parent) : QObject(parent)
{
    connect(&m_channel, &UdpChannel::datagramsReceived, this, &ChatSession::onDatagrams);
    m_insertTimer.setSingleShot(true);
    m_insertTimer.setInterval(InsertIntervalMs);
    connect(&m_insertTimer, &QTimer::timeout, this, &ChatSession::flushIncoming);
}

qsizetype ChatSession::encodedSize(const QString &text) const
{
    return m_codec.encode(text).bytes.size();
}

ChatSession::SendOutcome ChatSession::send(const QString &text, const Endpoint &to)
{
    const TextCodec::Encoded encoded = m_codec.encode(text);
    if (!encoded.valid) {
        return {false, 0,
                tr("Not sent: the message has characters that %1 cannot represent.")
                        .arg(m_codec.name())};
    }
    const qsizetype limit = UdpChannel::maxPayloadFor(to.address);
    if (encoded.bytes.size() > limit) {
        return {false, 0,
                tr("Not sent: the message is %1 bytes; one UDP datagram holds at most %2. "
                   "Shorten it or split it.")
                        .arg(encoded.bytes.size())
                        .arg(limit)};
    }

    flushIncoming(); // what arrived before this message is listed before it
    const UdpChannel::SendResult result = m_channel.send(encoded.bytes, to);
    ChatMessage message;
    message.direction = ChatMessage::Direction::Outgoing;
    message.status = result.ok() ? ChatMessage::Status::Sent : ChatMessage::Status::Failed;
    message.peerAddress = to.address;
    message.peerPort = to.port;
    message.time = QDateTime::currentDateTimeUtc();
    message.payload = encoded.bytes;
    message.text = text;
    message.encoding = m_codec.name();
    message.error = result.message;
    const quint64 id = m_messages.append(message);
    return {result.ok(), id, result.message};
}

void ChatSession::onDatagrams(const QList<Datagram> &batch)
{
    for (const Datagram &datagram : batch) {
        ChatMessage message;
        message.direction = ChatMessage::Direction::Incoming;
        message.status = ChatMessage::Status::Received;
        message.peerAddress = normalizedAddress(datagram.sender);
        message.peerPort = datagram.senderPort;
        message.time = datagram.time;
        message.payload = datagram.payload;
        const TextCodec::Decoded decoded = m_codec.decode(datagram.payload);
        message.text = decoded.text;
        message.decodedCleanly = decoded.valid;
        message.encoding = m_codec.name();
        m_incoming.append(message);
    }
    if (!m_insertTimer.isActive())
        m_insertTimer.start();
}

void ChatSession::flushIncoming()
{
    m_insertTimer.stop();
    if (m_incoming.isEmpty())
        return;
    const auto count = static_cast<int>(m_incoming.size());
    m_messages.append(m_incoming);
    m_incoming.clear();
    Q_EMIT messagesReceived(count);
}
