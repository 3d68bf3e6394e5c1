#pragma once

#include "core/net/endpoint.h"
#include "core/net/multicastgroups.h"

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUdpSocket>

#include <memory>

class QSocketNotifier;

/// One datagram as it arrived, whole.
struct Datagram
{
    QByteArray payload;
    QHostAddress sender; ///< as the socket reports it (IPv4 peers appear IPv4-mapped)
    quint16 senderPort = 0;
    QDateTime time; ///< UTC, when it was read
    /// The multicast group it was sent to, as "239.255.77.1" or "ff12::2115"; empty for unicast
    /// and broadcast. Known only while a group is joined (the destination is not asked for
    /// otherwise, so unicast-only reading stays as cheap as it was).
    QString group;
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
    /// How datagrams are read from the socket.
    enum class ReadMethod {
        Portable, ///< QUdpSocket::readDatagram() into a fixed buffer, one system call each
        Batched, ///< Linux recvmmsg(): up to 64 datagrams per system call
    };
    struct SendResult
    {
        SendError error = SendError::None;
        QString message; ///< a sentence for the user; empty when sent
        bool ok() const { return error == SendError::None; }
    };
    /// A group joinGroup() was asked for, and where it is joined now.
    struct GroupMembership
    {
        MulticastGroup group;
        QStringList joinedOn; ///< interface names; empty when not joined (not listening, error)
        QString error; ///< why it is not joined on some or all interfaces, or empty
    };

    /// Largest UDP payload to an IPv4 (or IPv4-mapped) address.
    static constexpr qsizetype MaxPayloadIPv4 = 65507;
    /// Largest UDP payload to an IPv6 address without jumbograms.
    static constexpr qsizetype MaxPayloadIPv6 = 65527;
    /// Datagrams read per event-loop pass before yielding, so painting and input keep going
    /// under a flood.
    static constexpr int DefaultReadBudget = 256;
    /// What listen() asks the OS for as receive buffer (the OS may grant less, or double it).
    static constexpr int DefaultReceiveBufferRequest = 4 * 1024 * 1024;

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

    /// The best method this platform has (Batched on Linux).
    static ReadMethod defaultReadMethod();
    /// Takes effect at the next listen().
    void setReadMethod(ReadMethod method);
    ReadMethod readMethod() const { return m_readMethod; }

    /// Receive buffer to ask for at the next listen(); 0 keeps the OS default.
    void setReceiveBufferRequest(int bytes) { m_receiveBufferRequest = qMax(0, bytes); }
    /// The receive buffer the OS granted for the current socket, in bytes (0 if not listening).
    int receiveBufferSize() const { return m_receiveBufferSize; }

    /// Joins @p group now if listening, and again after every listen(), so a new port keeps the
    /// groups; several groups share the one port. Returns why it could not be joined on every
    /// interface it names, as a sentence, or empty. An address that is not multicast is refused
    /// and not kept; a group that failed for another reason is kept and tried at the next
    /// listen() or rejoinGroups().
    QString joinGroup(const MulticastGroup &group);
    /// Leaves @p group (as given to joinGroup()); false if it was never asked for.
    bool leaveGroup(const MulticastGroup &group);
    QList<GroupMembership> groups() const { return m_groups; }
    /// Joins every group again (after an interface came back); returns the first error or empty.
    QString rejoinGroups();
    /// Datagrams that arrived through @p group (its address; any interface) since it was first
    /// joined, while it stays asked for (leaving the last membership of an address forgets it).
    quint64 groupReceivedCount(const QHostAddress &group) const;
    /// Whether the socket reports each datagram's destination (IP_PKTINFO, IPV6_RECVPKTINFO):
    /// only while a group is joined.
    bool readsDestinations() const { return m_packetInfo; }

    /// While listening with groups, the interfaces are compared this often; when one went down,
    /// came back or appeared, the groups are joined again (rejoinGroups()).
    static constexpr int InterfaceCheckIntervalMs = 3000;
    /// Whether that comparison runs now (listening, and at least one group asked for).
    bool watchesInterfaces() const { return m_interfaceCheck.isActive(); }

    /// TTL (IPv4) and hop limit (IPv6) of datagrams to a group, 0..255 (default 1: this
    /// network only). Kept across listen().
    void setMulticastTtl(int ttl);
    int multicastTtl() const { return m_multicastTtl; }
    /// Whether this computer hears its own datagrams to groups it joined (default true).
    void setMulticastLoopback(bool enabled);
    bool multicastLoopback() const { return m_multicastLoopback; }
    /// The interface datagrams to a group go out on; empty (the default) picks the only LAN
    /// interface there is, else leaves it to the system's routes.
    void setMulticastInterface(const QString &name) { m_multicastInterface = name; }
    QString multicastInterface() const { return m_multicastInterface; }

    /// The socket's descriptor, or -1 when not listening (for tests that read socket options).
    qintptr socketDescriptor() const { return isListening() ? m_socket.socketDescriptor() : -1; }

    /// Datagrams read since the channel was created.
    quint64 receivedCount() const { return m_received; }

Q_SIGNALS:
    /// Datagrams in arrival order, at most readBudget() per emission. Reading yields to the
    /// event loop after readBudget() datagrams; the socket's notifier brings it back.
    void datagramsReceived(const QList<Datagram> &batch);
    /// listen() or close() changed isListening(), localPort() or bindError().
    void listeningChanged();
    /// A socket-level error while bound (send errors are reported by send() instead).
    void socketError(const QString &message);
    /// joinGroup(), leaveGroup(), a listen() or an interface that changed changed groups().
    void groupsChanged();
    /// groupReceivedCount() grew (at most once per batch of datagramsReceived()).
    void groupTrafficReceived();

private:
    struct BatchBuffers;

    void readPending();
    void readPortable(QList<Datagram> &batch);
    void readBatched(QList<Datagram> &batch);
    void startBatchedReading();
    void stopBatchedReading();
    void onSocketError(QAbstractSocket::SocketError error);
    void applyMulticastOptions();
    QString applyGroup(GroupMembership &membership);
    void dropGroup(const GroupMembership &membership);
    bool selectMulticastInterface(const QHostAddress &group, const QNetworkInterface &interface);
    void updateGroupState();
    const QString *countGroupDatagram(const Q_IPV6ADDR &destination);
    void checkInterfaces();

    QUdpSocket m_socket;
    ReadMethod m_readMethod = defaultReadMethod();
    // Batched reading: a duplicate of the socket's descriptor with a notifier of its own, so
    // QUdpSocket's notifier (which waits for a read through Qt) does not interfere.
    int m_batchFd = -1;
    std::unique_ptr<QSocketNotifier> m_batchNotifier;
    std::unique_ptr<BatchBuffers> m_batchBuffers;
    QByteArray m_readBuffer; // Portable: one datagram of any size
    int m_receiveBufferRequest = DefaultReceiveBufferRequest;
    int m_receiveBufferSize = 0;
    quint64 m_received = 0;
    quint16 m_requestedPort = 0;
    QString m_bindError;
    int m_readBudget = DefaultReadBudget;
    bool m_inSendOrBind = false;
    QList<GroupMembership> m_groups;
    int m_multicastTtl = Multicast::DefaultTtl;
    bool m_multicastLoopback = true;
    QString m_multicastInterface;
    int m_outgoingIndex4 = -1; // the interface IP_MULTICAST_IF is set to, -1 = not set
    int m_outgoingIndex6 = -1; // the same for IPV6_MULTICAST_IF
    // Destinations are read (and counted per group) only while a group is joined.
    struct GroupTraffic
    {
        Q_IPV6ADDR address; // IPv4 as IPv4-mapped, as the kernel reports it on this socket
        QString text; // shared into every Datagram::group
        quint64 count = 0;
    };
    QList<GroupTraffic> m_traffic;
    bool m_packetInfo = false;
    bool m_trafficCounted = false;
    QTimer m_interfaceCheck;
    QString m_interfaceState;
};
