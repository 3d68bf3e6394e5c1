// One IP Messenger datagram from anyone on the LAN.
// Properties: parsing never crashes; a parsed packet builds back to the same bytes (the framing is
// lossless); build() of any packet parses back to it when its fields cannot break the framing;
// entry parsing and the ack rules are total; nothing over MaxDatagramSize is accepted.

#include "core/ipmsg/ipmsgpacket.h"
#include "fuzzcheck.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const IpMsg::ParseResult r = IpMsg::parse(bytes);
    if (r.ok()) {
        FUZZ_CHECK(bytes.size() <= IpMsg::MaxDatagramSize);
        const IpMsg::Packet &p = r.packet;
        FUZZ_CHECK(!p.version.contains(':') && !p.user.contains(':') && !p.host.contains(':'));
        FUZZ_CHECK(p.version.startsWith('1'));
        // Lossless unless a number had leading zeros ("007" builds as "7").
        const QByteArray again = IpMsg::build(p);
        const IpMsg::ParseResult r2 = IpMsg::parse(again);
        FUZZ_CHECK(r2.ok() && r2.packet == p);
        if (again.size() == bytes.size())
            FUZZ_CHECK(again == bytes);
        const IpMsg::EntryInfo info = IpMsg::parseEntry(p);
        FUZZ_CHECK(info.declaredEncoding.size() <= 32);
        FUZZ_CHECK(!IpMsg::needsAck(p, 0));
        if (IpMsg::needsAck(p, 2425))
            FUZZ_CHECK(p.mode() == IpMsg::SendMsg && !(p.command & IpMsg::BroadcastOpt));
        quint32 acked = 0;
        if (IpMsg::ackedPacketNo(p, &acked))
            FUZZ_CHECK(p.mode() == IpMsg::RecvMsg);
    } else {
        FUZZ_CHECK(r.error != IpMsg::ParseError::None);
    }

    // The input as fields of a packet we build: whatever the user and host names hold (':' and
    // '\0' included), the result parses back with the same numbers and extra.
    if (size >= 8) {
        IpMsg::Packet p;
        p.packetNo = quint32(data[0]) | quint32(data[1]) << 8 | quint32(data[2]) << 16
                     | quint32(data[3]) << 24;
        p.command = quint32(data[4]) | quint32(data[5]) << 8 | quint32(data[6]) << 16;
        const qsizetype rest = qsizetype(size) - 8;
        const qsizetype cut = rest / 3;
        p.user = bytes.mid(8, cut);
        p.host = bytes.mid(8 + cut, cut);
        p.extra = bytes.mid(8 + 2 * cut);
        const QByteArray frame = IpMsg::build(p);
        const IpMsg::ParseResult back = IpMsg::parse(frame);
        if (frame.size() <= IpMsg::MaxDatagramSize) {
            FUZZ_CHECK(back.ok());
            FUZZ_CHECK(back.packet.packetNo == p.packetNo && back.packet.command == p.command);
            FUZZ_CHECK(back.packet.extra == p.extra);
            FUZZ_CHECK(back.packet.user.size() == p.user.size());
        } else {
            FUZZ_CHECK(back.error == IpMsg::ParseError::TooLarge);
        }
    }
    return 0;
}
