#pragma once

// A hand-driven IP Messenger peer on 127.0.0.1 for tests: a socket, every packet it received, and
// packets built field by field. Nothing is sent anywhere but loopback.

#include "core/ipmsg/ipmsgpacket.h"

#include <QNetworkDatagram>
#include <QUdpSocket>

namespace RawIpMsg {

using namespace IpMsg;

inline const QHostAddress loopback{QHostAddress::LocalHost};

/// All the bytes of a string literal with NULs in it (without the terminating one).
template<size_t N>
QByteArray raw(const char (&literal)[N])
{
    return QByteArray(literal, qsizetype(N - 1));
}

/// A hand-driven IPMsg peer on 127.0.0.1.
struct RawPeer
{
    QUdpSocket socket;
    QList<Packet> received;

    RawPeer()
    {
        socket.bind(loopback, 0);
        QObject::connect(&socket, &QUdpSocket::readyRead, [this] {
            while (socket.hasPendingDatagrams()) {
                const ParseResult r = parse(socket.receiveDatagram().data());
                if (r.ok())
                    received.append(r.packet);
            }
        });
    }
    quint16 port() const { return socket.localPort(); }
    void send(const Packet &p, quint16 to) { socket.writeDatagram(build(p), loopback, to); }
    void send(const QByteArray &bytes, quint16 to) { socket.writeDatagram(bytes, loopback, to); }
    /// The text of every SENDMSG received, as UTF-8.
    QStringList messageTexts() const
    {
        QStringList texts;
        for (const Packet &p : withMode(SendMsg))
            texts.append(QString::fromUtf8(p.extraParts().value(0)));
        return texts;
    }
    QList<Packet> withMode(quint32 mode) const
    {
        QList<Packet> list;
        for (const Packet &p : received) {
            if (p.mode() == mode)
                list.append(p);
        }
        return list;
    }
};

Packet packet(quint32 packetNo, quint32 command, const QByteArray &extra,
              const QByteArray &user = "raw")
{
    Packet p;
    p.version = "1_iptux 0.8.3";
    p.packetNo = packetNo;
    p.user = user;
    p.host = "rawhost";
    p.command = command;
    p.extra = extra;
    return p;
}

} // namespace RawIpMsg
