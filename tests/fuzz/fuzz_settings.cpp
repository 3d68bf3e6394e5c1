// A settings file from disk, as corrupted as it gets.
// Properties: every value read back is within its documented range, whatever the file holds.

#include "core/config/settings.h"
#include "core/net/endpoint.h"
#include "core/session/chatsession.h"
#include "core/text/textcodec.h"
#include "fuzzcheck.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("udpchat.conf"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            std::abort();
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    QSettings store(path, QSettings::IniFormat);
    const Settings settings(store);
    FUZZ_CHECK(EndpointParser::parseAddress(settings.targetAddress()).ok());
    FUZZ_CHECK(settings.targetPort() >= 1);
    FUZZ_CHECK(settings.draft().size() <= Settings::MaxDraftLength);
    FUZZ_CHECK(ChatSession::sendEncodings().contains(settings.sendEncoding()));
    FUZZ_CHECK(TextCodec::availableEncodings().contains(settings.receiveEncoding()));
    const auto checkMap = [](const QMap<QString, QString> &map, const QStringList &encodings) {
        FUZZ_CHECK(map.size() <= Settings::MaxPeerEncodings);
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            FUZZ_CHECK(EndpointParser::parseAddress(it.key()).ok());
            FUZZ_CHECK(encodings.contains(it.value()));
        }
    };
    checkMap(settings.peerEncodings(), TextCodec::availableEncodings());
    checkMap(settings.targetEncodings(), ChatSession::sendEncodings());
    (void)settings.bindPort();
    (void)settings.windowGeometry();
    (void)settings.windowState();
    return 0;
}
