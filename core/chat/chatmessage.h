#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QMetaType>
#include <QString>

/// One row of the conversation: a datagram that arrived or a message we sent (or failed to).
/// The raw bytes are kept beside the decoded text so nothing is lost to decoding.
struct ChatMessage
{
    enum class Direction { Incoming, Outgoing };
    enum class Status {
        Received, ///< arrived on our port
        Sent, ///< handed to the operating system (UDP never confirms delivery)
        Failed, ///< not sent; see error
    };

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

    bool isIncoming() const { return direction == Direction::Incoming; }
};

Q_DECLARE_METATYPE(ChatMessage)
