#pragma once

#include "endpoint.h"

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QUdpSocket>

/// One datagram as it arrived, whole.
struct Datagram
{
    QByteArray payload;
    QHostAddress sender; ///< as the socket reports it (IPv4 peers appear IPv4-mapped)
    quint16 senderPort = 0;
    QDateTime time; ///< UTC, when it was read
};

Q_DECLARE_METATYPE(Datagram)

/// The QUdpSocket-backed model of the conversation's transport: one dual-stack socket bound to
/// QHostAddress::Any on the chat port, used both to receive and to send (so peers see our port
/// and can reply). Reports through signals and return values only; it never shows anything.
class UdpChannel : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UdpChannel)
public:
    enum class SendError { None, NotListening, InvalidTarget, TooLarge, Network };
    struct SendResult
    {
        SendError error = SendError::None;
        QString message; ///< a sentence for the user; empty when sent
        bool ok() const { return error == SendError::None; }
    };

    /// Largest UDP payload to an IPv4 (or IPv4-mapped) address.
    static constexpr qsizetype MaxPayloadIPv4 = 65507;
    /// Largest UDP payload to an IPv6 address without jumbograms.
    static constexpr qsizetype MaxPayloadIPv6 = 65527;
    /// Datagrams read per event-loop pass before yielding, so painting and input keep going
    /// under a flood.
    static constexpr int DefaultReadBudget = 256;

    explicit UdpChannel(QObject *parent = nullptr);
    ~UdpChannel() override;

    /// Binds to @p port on every local address, IPv4 and IPv6 (0 picks a free port). Any
    /// previous binding is closed first, also when the new one fails. Returns whether we listen.
    bool listen(quint16 port);
    void close();

    bool isListening() const;
    /// The port we listen on (the one the OS chose for 0), or 0.
    quint16 localPort() const;
    /// The port the last listen() asked for.
    quint16 requestedPort() const { return m_requestedPort; }
    /// Why the last listen() failed, as the end of "Not listening: ...", or empty.
    QString bindError() const { return m_bindError; }

    /// Sends @p payload as one datagram from the listening socket. Refuses (without touching the
    /// network) when not listening, when @p to is not a concrete address and port, or when the
    /// payload does not fit in one datagram.
    SendResult send(const QByteArray &payload, const Endpoint &to);

    static qsizetype maxPayloadFor(const QHostAddress &to);

    void setReadBudget(int datagramsPerPass);
    int readBudget() const { return m_readBudget; }

Q_SIGNALS:
    /// Datagrams in arrival order, at most readBudget() per emission.
    void datagramsReceived(const QList<Datagram> &batch);
    /// listen() or close() changed isListening(), localPort() or bindError().
    void listeningChanged();
    /// A socket-level error while bound (send errors are reported by send() instead).
    void socketError(const QString &message);

private:
    void readPending();
    void onSocketError(QAbstractSocket::SocketError error);

    QUdpSocket m_socket;
    quint16 m_requestedPort = 0;
    QString m_bindError;
    int m_readBudget = DefaultReadBudget;
    bool m_inSendOrBind = false;
};
