// The two ends of bench_window_flood_lansim.sh (issue 14), plain C++ without Qt:
//
//   bench_flood send ADDRESS PORT RATE SECONDS [BYTES]   BYTES-byte datagrams (default 32) at RATE
//                                                         per second; prints "sent N"
//   bench_flood receive PORT                              the baseline: a recvmmsg() loop with
//                                                         the 4 MiB buffer udpchat asks for;
//                                                         prints "received N" one second after
//                                                         the last datagram
//
// It sends only to 127.0.0.1 or to lan-sim's 10.99.0.0/24, and refuses any other address.

#include "tests/bench/sendbatch.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <string>
#include <unistd.h>

namespace {
int sendFlood(const char *address, int port, int rate, double seconds, int bytes)
{
    in_addr to{};
    if (inet_pton(AF_INET, address, &to) != 1
        || !(std::strncmp(address, "10.99.0.", 8) == 0 || std::strcmp(address, "127.0.0.1") == 0)) {
        std::fprintf(stderr, "bench_flood sends only to 127.0.0.1 or 10.99.0.x (lan-sim)\n");
        return 2;
    }
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    Bench::SendBatch batch(ntohl(to.s_addr), std::uint16_t(port),
                           std::vector<char>(std::size_t(bytes), 'x'));
    const long limit = long(rate * seconds);
    const auto end = std::chrono::steady_clock::now()
                     + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                             std::chrono::duration<double>(seconds + 5));
    const long sent = batch.sendPaced(fd, limit, rate, end, [](long) {});
    std::printf("sent %ld\n", sent);
    ::close(fd);
    return 0;
}

int receive(int port)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    int size = 4 * 1024 * 1024;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    sockaddr_in at{};
    at.sin_family = AF_INET;
    at.sin_port = htons(std::uint16_t(port));
    if (::bind(fd, reinterpret_cast<sockaddr *>(&at), sizeof at) != 0) {
        std::perror("bind");
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);
    constexpr int Batch = 256;
    static char buffers[Batch][2048];
    iovec vectors[Batch];
    mmsghdr headers[Batch];
    long received = 0;
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        // Until the first datagram, then until one second without any.
        if (::poll(&p, 1, received > 0 ? 1000 : 60000) <= 0)
            break;
        for (int i = 0; i < Batch; ++i) {
            vectors[i] = {buffers[i], sizeof buffers[i]};
            headers[i] = {};
            headers[i].msg_hdr.msg_iov = &vectors[i];
            headers[i].msg_hdr.msg_iovlen = 1;
        }
        const int n = ::recvmmsg(fd, headers, Batch, MSG_DONTWAIT, nullptr);
        if (n > 0)
            received += n;
    }
    std::printf("received %ld\n", received);
    ::close(fd);
    return 0;
}
} // namespace

int main(int argc, char *argv[])
{
    if (argc >= 6 && std::string(argv[1]) == "send")
        return sendFlood(argv[2], std::atoi(argv[3]), std::atoi(argv[4]), std::atof(argv[5]),
                         argc >= 7 ? std::atoi(argv[6]) : 32);
    if (argc >= 3 && std::string(argv[1]) == "receive")
        return receive(std::atoi(argv[2]));
    std::fprintf(stderr, "usage: bench_flood send ADDRESS PORT RATE SECONDS [BYTES] | "
                         "receive PORT\n");
    return 2;
}
