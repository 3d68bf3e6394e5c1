#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QMetaType>
#include <QString>

/// One row of a conversation: a datagram that arrived or a message we sent (or failed to), in
/// plain UDP or in IP Messenger mode. The raw bytes are kept beside the decoded text so nothing is
/// lost to decoding.
struct ChatMessage
{
    enum class Direction { Incoming, Outgoing };
    /// Stored in the history as numbers: only ever append.
    enum class Status {
        Received, ///< arrived on our port
        /// Plain UDP: handed to the operating system (UDP never confirms delivery). IP Messenger:
        /// sent, waiting for the receipt (retransmitted until it comes).
        Sent,
        Failed, ///< not sent; see error
        Delivered, ///< IP Messenger: the peer's receipt (RECVMSG) came
        NotConfirmed, ///< IP Messenger: no receipt after every retry
        Read, ///< IP Messenger, sealed: the peer opened it (READMSG)
    };
    /// How the message travelled: a bare datagram, or an IP Messenger message (one SENDMSG).
    enum class Channel { Plain, IpMsg };

    quint64 id = 0;
    Direction direction = Direction::Incoming;
    Status status = Status::Received;
    QHostAddress peerAddress; ///< the sender (incoming) or the target (outgoing)
    quint16 peerPort = 0;
    QDateTime time; ///< UTC
    QByteArray payload; ///< exactly the bytes on the wire
    QString text; ///< payload decoded with `encoding`
    QString encoding;
    bool decodedCleanly = true;
    QString error; ///< why a Failed message was not sent
    Channel channel = Channel::Plain;
    /// IP Messenger: the person the message is to or from (IpMsg::conversationKey(): user, host
    /// and address, not the port). Empty in plain UDP, where the address is the conversation.
    QString conversation;
    /// IP Messenger: the person's nickname when the message was sent or received (untrusted).
    QString peerName;
    /// The multicast group a received message came through ("239.255.77.1"), else empty. Not
    /// kept in the history: rows loaded from it have none.
    QString group;

    bool isIncoming() const { return direction == Direction::Incoming; }
    bool isIpMsg() const { return channel == Channel::IpMsg; }
    /// Nothing to show: no bytes and no text (an IP Messenger offer without a message still has
    /// the list of its files as its text).
    bool isEmptyDatagram() const { return payload.isEmpty() && text.isEmpty(); }

    /// The conversation key of the IP Messenger user @p user on host @p host at @p address:
    /// "ipmsg:" and the three, user and host percent-encoded. Never a valid address, so it cannot
    /// meet a plain peer's conversation. Its source port is not part of it: one person, one
    /// conversation, however often its client restarts on another port.
    static QString ipMsgConversation(const QString &user, const QString &host,
                                     const QHostAddress &address);
    /// The person of an ipMsgConversation() key; empty fields for anything else.
    struct IpMsgPerson
    {
        QString user;
        QString host;
        QString address;
    };
    static IpMsgPerson ipMsgPerson(const QString &conversation);
};

Q_DECLARE_METATYPE(ChatMessage)
