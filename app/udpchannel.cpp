#include "udpchannel.h"

#include <QNetworkDatagram>

UdpChannel::UdpChannel(QObject *parent) : QObject(parent)
{
    // Connected before any bind(): a datagram that arrives between bind() and connect() would
    // otherwise leave readyRead silent for good.
    connect(&m_socket, &QUdpSocket::readyRead, this, &UdpChannel::readPending);
    connect(&m_socket, &QUdpSocket::errorOccurred, this, &UdpChannel::onSocketError);
}

UdpChannel::~UdpChannel() = default;

bool UdpChannel::listen(quint16 port)
{
    m_socket.abort();
    m_requestedPort = port;
    m_bindError.clear();

    m_inSendOrBind = true;
    // Default bind mode: no SO_REUSEADDR, so another program cannot share the port and take our
    // unicast datagrams. Any = one dual-stack socket for IPv4 and IPv6.
    const bool ok = m_socket.bind(QHostAddress::Any, port);
    m_inSendOrBind = false;

    if (!ok) {
        switch (m_socket.error()) {
        case QAbstractSocket::AddressInUseError:
            m_bindError = tr("port %1 is used by another program").arg(port);
            break;
        case QAbstractSocket::SocketAccessError:
            m_bindError =
                    tr("port %1 needs administrator rights; use a port from 1024 up").arg(port);
            break;
        default:
            m_bindError =
                    tr("port %1 could not be opened (%2)").arg(port).arg(m_socket.errorString());
            break;
        }
        m_socket.abort();
    } else if (m_socket.hasPendingDatagrams()) {
        readPending();
    }
    Q_EMIT listeningChanged();
    return ok;
}

void UdpChannel::close()
{
    m_socket.abort();
    m_bindError.clear();
    Q_EMIT listeningChanged();
}

bool UdpChannel::isListening() const
{
    return m_socket.state() == QAbstractSocket::BoundState;
}

quint16 UdpChannel::localPort() const
{
    return isListening() ? m_socket.localPort() : 0;
}

qsizetype UdpChannel::maxPayloadFor(const QHostAddress &to)
{
    bool isV4 = false;
    to.toIPv4Address(&isV4);
    return isV4 ? MaxPayloadIPv4 : MaxPayloadIPv6;
}

void UdpChannel::setReadBudget(int datagramsPerPass)
{
    m_readBudget = qMax(1, datagramsPerPass);
}

UdpChannel::SendResult UdpChannel::send(const QByteArray &payload, const Endpoint &to)
{
    if (!isListening()) {
        // Sending now would auto-bind a random port, and the peer's replies would go nowhere.
        return {SendError::NotListening,
                tr("Not sent: udpchat is not listening on a port, so the peer could not reply. "
                   "Choose a free port first.")};
    }
    if (!to.isValid())
        return {SendError::InvalidTarget, tr("Not sent: the target address or port is invalid.")};
    const qsizetype limit = maxPayloadFor(to.address);
    if (payload.size() > limit) {
        return {SendError::TooLarge,
                tr("Not sent: the message is %1 bytes, one UDP datagram holds at most %2.")
                        .arg(payload.size())
                        .arg(limit)};
    }

    m_inSendOrBind = true;
    const qint64 written = m_socket.writeDatagram(payload, to.address, to.port);
    m_inSendOrBind = false;
    if (written == payload.size())
        return {};
    if (m_socket.error() == QAbstractSocket::DatagramTooLargeError) {
        return {SendError::TooLarge,
                tr("Not sent: the network path does not take a datagram of %1 bytes.")
                        .arg(payload.size())};
    }
    return {SendError::Network,
            tr("Not sent: the system refused it (%1). Check that %2 is reachable from this "
               "computer.")
                    .arg(m_socket.errorString(), displayAddress(to.address))};
}

void UdpChannel::readPending()
{
    QList<Datagram> batch;
    while (batch.size() < m_readBudget && m_socket.hasPendingDatagrams()) {
        // Default maxSize (-1): the whole datagram; a smaller buffer would silently cut it.
        const QNetworkDatagram datagram = m_socket.receiveDatagram();
        if (!datagram.isValid())
            break;
        batch.append(Datagram{datagram.data(), datagram.senderAddress(),
                              static_cast<quint16>(datagram.senderPort()),
                              QDateTime::currentDateTimeUtc()});
    }
    if (!batch.isEmpty())
        Q_EMIT datagramsReceived(batch);

    // More waiting is not our business here: every read re-enabled the socket's read notifier,
    // which is level-triggered, so readyRead comes again after the event loop had its turn
    // (paint, input, timers). A drain queued besides it would race with it: when the queued
    // drain read the last datagram first, the readyRead that followed found nothing to read,
    // and QAbstractSocket, still waiting for a read after that readyRead, disabled the
    // notifier for good: the socket went deaf while its queue filled up.
}

void UdpChannel::onSocketError(QAbstractSocket::SocketError error)
{
    // bind() and writeDatagram() failures are reported by listen() and send(); an empty read
    // at the end of a drain is not an error.
    if (m_inSendOrBind || error == QAbstractSocket::TemporaryError)
        return;
    Q_EMIT socketError(m_socket.errorString());
}
