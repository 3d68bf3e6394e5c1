#include "console.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace {
int s_lastErrno = 0;
}

bool Console::writeOut(const QByteArray &bytes)
{
    errno = 0;
    const bool ok =
            std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout) == size_t(bytes.size())
            && std::fflush(stdout) == 0;
    if (!ok) {
        s_lastErrno = errno;
        std::clearerr(stdout);
    }
    return ok;
}

void Console::message(const QString &text)
{
    const QByteArray line = QStringLiteral("udpchat-cli: %1\n").arg(text).toUtf8();
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

QString Console::errorString()
{
    return QString::fromLocal8Bit(std::strerror(s_lastErrno));
}
