#pragma once

// The benchmarks' sender (Linux): one datagram repeated to one IPv4 address and port, sent with
// sendmmsg() in small batches, paced to a rate or as fast as possible. Shared by bench_receive
// and bench_cli.

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <cstdint>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <vector>

namespace Bench {

/// Up to Size copies of one payload to one address, set up once for sendmmsg().
class SendBatch
{
public:
    static constexpr int Size = 32;
    /// Datagrams per sendmmsg() call when paced: small batches keep the rate even.
    static constexpr int PacedSize = 8;

    /// @p address is an IPv4 address in host byte order (INADDR_LOOPBACK, a group).
    SendBatch(std::uint32_t address, std::uint16_t port, std::vector<char> payload)
        : m_payload(std::move(payload))
    {
        m_to.sin_family = AF_INET;
        m_to.sin_port = htons(port);
        m_to.sin_addr.s_addr = htonl(address);
        for (int i = 0; i < Size; ++i) {
            m_vectors[i] = {m_payload.data(), m_payload.size()};
            m_headers[i] = {};
            m_headers[i].msg_hdr.msg_name = &m_to;
            m_headers[i].msg_hdr.msg_namelen = sizeof m_to;
            m_headers[i].msg_hdr.msg_iov = &m_vectors[i];
            m_headers[i].msg_hdr.msg_iovlen = 1;
        }
    }
    SendBatch(const SendBatch &) = delete;
    SendBatch &operator=(const SendBatch &) = delete;

    /// Sends up to @p count (at most Size) datagrams on @p fd; returns how many, or -1.
    int send(int fd, long count)
    {
        const auto n = static_cast<unsigned>(std::clamp<long>(count, 0, Size));
        return ::sendmmsg(fd, m_headers, n, 0);
    }

    /// Sends @p limit datagrams on @p fd at @p rate per second (0: as fast as possible), or
    /// fewer if @p end comes first; @p progress(sent) is called after each sendmmsg().
    /// Returns how many were sent.
    template<typename Progress>
    long sendPaced(int fd, long limit, int rate, std::chrono::steady_clock::time_point end,
                   Progress progress)
    {
        using Clock = std::chrono::steady_clock;
        const auto start = Clock::now();
        long sent = 0;
        while (sent < limit && Clock::now() < end) {
            if (rate > 0) {
                const auto due = start
                                 + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(double(sent) / rate));
                if (due > Clock::now())
                    std::this_thread::sleep_until(due);
            }
            const int r = send(fd, std::min<long>(rate > 0 ? PacedSize : Size, limit - sent));
            if (r > 0)
                sent += r;
            progress(sent);
        }
        return sent;
    }

private:
    std::vector<char> m_payload;
    sockaddr_in m_to{};
    iovec m_vectors[Size];
    mmsghdr m_headers[Size];
};

} // namespace Bench
