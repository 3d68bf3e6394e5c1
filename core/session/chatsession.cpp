#include "core/session/chatsession.h"

#include "core/text/hexcodec.h"

#include <utility>

ChatSession::ChatSession(QObject *parent) : QObject(parent)
{
    connect(&m_channel, &UdpChannel::datagramsReceived, this, &ChatSession::onDatagrams);
    m_insertTimer.setSingleShot(true);
    m_insertTimer.setInterval(InsertIntervalMs);
    connect(&m_insertTimer, &QTimer::timeout, this, &ChatSession::flushIncoming);
}

namespace {
QString peerKey(const QHostAddress &peer)
{
    return displayAddress(normalizedAddress(peer));
}
} // namespace

void ChatSession::setHistory(HistoryStore *history)
{
    if (m_history)
        disconnect(&m_messages, nullptr, m_history, nullptr);
    m_history = history && history->isOpen() ? history : nullptr;
    m_historyProblem = history && !history->isOpen() ? history->error() : QString();
    if (!m_history) {
        m_messages.setOlderLoader(nullptr);
        return;
    }
    connect(&m_messages, &MessageListModel::messagesAppended, m_history, &HistoryStore::record);
    connect(&m_messages, &MessageListModel::messageChanged, m_history, &HistoryStore::update);
    m_messages.setNextId(std::max(m_messages.nextId(), m_history->lastId() + 1));
    showConversation(m_conversation);
}

void ChatSession::showConversation(const QString &peer)
{
    flushIncoming();
    m_conversation = peer;
    HistoryStore::Filter filter;
    filter.peer = peer;
    // IP Messenger's messages are in the same history; their page shows them.
    filter.mode = ChatMessage::Channel::Plain;
    if (peer.isEmpty()) {
        m_messages.setAcceptFilter(nullptr);
    } else {
        m_messages.setAcceptFilter(
                [peer](const ChatMessage &m) { return peerKey(m.peerAddress) == peer; });
    }
    if (!m_history) {
        m_messages.reset({});
        return;
    }
    HistoryStore *history = m_history;
    m_messages.setOlderLoader([history, filter](quint64 beforeId, int limit) {
        return history->page(filter, beforeId, limit);
    });
    m_messages.reset(history->page(filter, 0, MessageListModel::PageSize));
}

void ChatSession::setMessageStatus(quint64 id, ChatMessage::Status status, const QString &error)
{
    // In the view, the model announces the change and the history records it from there.
    if (m_messages.setStatus(id, status, error))
        return;
    if (m_history)
        m_history->updateStatus(id, status, error);
}

int ChatSession::showMessage(quint64 id)
{
    if (const int row = m_messages.rowOf(id); row >= 0)
        return row;
    if (!m_history)
        return -1;
    flushIncoming();
    HistoryStore::Filter filter;
    filter.peer = m_conversation;
    filter.mode = ChatMessage::Channel::Plain;
    int row = -1;
    QList<ChatMessage> rows = m_history->around(filter, id, MaxJumpRows, &row);
    if (row < 0) {
        if (m_conversation.isEmpty() || !rows.isEmpty())
            return -1;
        showConversation(QString()); // not in this conversation: show it among all messages
        return showMessage(id);
    }
    m_messages.reset(rows);
    return row;
}

QStringList ChatSession::sendEncodings()
{
    return TextCodec::availableEncodings() + QStringList{hexEncoding()};
}

ChatSession::SizeLevel ChatSession::sizeLevel(qsizetype bytes, const QHostAddress &to)
{
    const qsizetype limit =
            to.isNull() ? UdpChannel::MaxPayloadIPv4 : UdpChannel::maxPayloadFor(to);
    if (bytes > limit)
        return SizeLevel::TooLarge;
    return bytes > FragmentationWarningBytes ? SizeLevel::Fragmented : SizeLevel::Fine;
}

bool ChatSession::setSendEncoding(const QString &name)
{
    if (name.compare(hexEncoding(), Qt::CaseInsensitive) == 0) {
        m_sendEncoding = hexEncoding();
        return true;
    }
    const QString known = TextCodec::canonicalName(name);
    if (known.isEmpty())
        return false;
    m_sendEncoding = known;
    return true;
}

namespace {
// The spelling in ChatSession::sendEncodings(), or empty.
QString sendEncodingName(const QString &name)
{
    if (name.compare(ChatSession::hexEncoding(), Qt::CaseInsensitive) == 0)
        return ChatSession::hexEncoding();
    return TextCodec::canonicalName(name);
}
} // namespace

bool ChatSession::setTargetEncoding(const QHostAddress &target, const QString &encoding)
{
    if (encoding.isEmpty()) {
        m_targetEncodings.remove(peerKey(target));
        return true;
    }
    const QString known = sendEncodingName(encoding);
    if (known.isEmpty() || target.isNull())
        return false;
    m_targetEncodings.insert(peerKey(target), known);
    return true;
}

QString ChatSession::targetEncoding(const QHostAddress &target) const
{
    return target.isNull() ? QString() : m_targetEncodings.value(peerKey(target));
}

QString ChatSession::sendEncodingFor(const QHostAddress &to) const
{
    const QString own = targetEncoding(to);
    return own.isEmpty() ? m_sendEncoding : own;
}

bool ChatSession::setReceiveEncoding(const QString &name)
{
    const QString known = TextCodec::canonicalName(name);
    if (known.isEmpty())
        return false;
    m_receiveCodec = TextCodec(known);
    m_lastSenderValid = false;
    return true;
}

bool ChatSession::setPeerEncoding(const QHostAddress &peer, const QString &encoding)
{
    if (encoding.isEmpty()) {
        m_peerEncodings.remove(peerKey(peer));
        m_lastSenderValid = false;
        return true;
    }
    const QString known = TextCodec::canonicalName(encoding);
    if (known.isEmpty() || peer.isNull())
        return false;
    m_peerEncodings.insert(peerKey(peer), known);
    m_lastSenderValid = false;
    return true;
}

QString ChatSession::peerEncoding(const QHostAddress &peer) const
{
    return m_peerEncodings.value(peerKey(peer));
}

QString ChatSession::receiveEncodingFor(const QHostAddress &peer) const
{
    const QString own = peerEncoding(peer);
    return own.isEmpty() ? m_receiveCodec.name() : own;
}

ChatSession::Encoded ChatSession::encodeForSending(const QString &text,
                                                   const QHostAddress &to) const
{
    Encoded result;
    const QString encoding = sendEncodingFor(to);
    if (encoding == hexEncoding()) {
        const HexCodec::Parsed parsed = HexCodec::parse(text);
        result.bytes = parsed.bytes;
        result.error = parsed.error;
        return result;
    }
    const TextCodec codec(encoding);
    const TextCodec::Encoded encoded = codec.encode(text);
    result.bytes = encoded.bytes;
    if (!encoded.valid) {
        QStringList shown;
        const QStringList characters = codec.unrepresentable(text);
        for (const QString &character : characters) {
            const char32_t code = character.size() == 2
                                          ? QChar::surrogateToUcs4(character[0], character[1])
                                          : character[0].unicode();
            shown.append(QStringLiteral("%1 (U+%2)")
                                 .arg(sanitizeForDisplay(character).text)
                                 .arg(QString::number(uint(code), 16)
                                              .toUpper()
                                              .rightJustified(4, u'0')));
        }
        result.error = tr("%1 cannot represent these characters: %2. Choose another encoding or "
                          "remove them.")
                               .arg(encoding, shown.join(QStringLiteral(", ")));
    }
    return result;
}

qsizetype ChatSession::encodedSize(const QString &text) const
{
    return encodeForSending(text).bytes.size();
}

ChatSession::SendOutcome ChatSession::send(const QString &text, const Endpoint &to)
{
    const Encoded encoded = encodeForSending(text, to.address);
    if (!encoded.ok())
        return {false, 0, tr("Not sent: %1").arg(encoded.error)};
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
    message.encoding = sendEncodingFor(to.address);
    message.error = result.message;
    const quint64 id = m_messages.append(message);
    return {result.ok(), id, result.message};
}

void ChatSession::onDatagrams(const QList<Datagram> &batch)
{
    for (const Datagram &datagram : batch) {
        // A run of datagrams from one sender (a flood, a conversation) shares its normalised
        // address and its encoding: no allocation, lookup or formatting per datagram for them.
        if (!m_lastSenderValid || !sameAddress(datagram.sender, m_lastSender)) {
            m_lastSenderValid = true;
            m_lastSender = datagram.sender;
            m_prototype.peerAddress = normalizedAddress(datagram.sender);
            // Only when some peer has its own encoding is the sender's address formatted.
            const QString own =
                    m_peerEncodings.isEmpty()
                            ? QString()
                            : m_peerEncodings.value(displayAddress(m_prototype.peerAddress));
            m_senderCodec = own.isEmpty() ? std::optional<TextCodec>() : TextCodec(own);
            m_prototype.encoding = (m_senderCodec ? *m_senderCodec : m_receiveCodec).name();
        }
        const TextCodec &codec = m_senderCodec ? *m_senderCodec : m_receiveCodec;
        // A copy of the prototype (incoming, received, the sender) shares its strings and
        // address; a ChatMessage made from nothing would allocate an address first.
        ChatMessage &message = m_incoming.emplaceBack(m_prototype);
        message.peerPort = datagram.senderPort;
        message.time = datagram.time;
        message.payload = datagram.payload;
        message.group = datagram.group;
        m_senderRates.count(message.peerAddress, message.peerPort);
        TextCodec::Decoded decoded = codec.decode(datagram.payload);
        message.text = std::move(decoded.text);
        message.decodedCleanly = decoded.valid;
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
    // The list is handed over whole and its room kept for the next batch; a slot that makes
    // this run again meanwhile (sending flushes first) gets a list of its own.
    QList<ChatMessage> batch = std::exchange(m_incoming, std::move(m_spareIncoming));
    m_messages.appendNumbering(batch);
    batch.clear();
    m_spareIncoming = std::move(batch);
    Q_EMIT messagesReceived(count);
}
