// A datagram from the network: decoded on its own, then made safe for display.
// Properties: decoding never fails on any bytes; the display text has no raw control, bidi
// control or BOM, and its size is bounded whatever the input.

#include "core/text/displaytext.h"
#include "core/text/textcodec.h"
#include "fuzzcheck.h"

#include <QStringList>

#include <cstdint>

namespace {

void checkDisplay(const DisplayText &display, bool bounded)
{
    const QStringList lines = display.text.split(u'\n');
    if (bounded) {
        FUZZ_CHECK(lines.size() <= DisplayLimits().maxLines);
        // Every source character becomes at most one "⟨U+XXXX⟩" escape (8 units).
        FUZZ_CHECK(display.text.size() <= DisplayLimits().maxChars * 8 + lines.size());
    }
    FUZZ_CHECK(isSafeForDisplay(display.text));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks the encoding, so the ICU decoders are fuzzed too.
    static const TextCodec codecs[] = {
            TextCodec(QStringLiteral("UTF-8")), TextCodec(QStringLiteral("GB18030")),
            TextCodec(QStringLiteral("Shift_JIS")), TextCodec(QStringLiteral("UTF-16LE"))};
    const TextCodec &codec = codecs[data[0] % 4];
    const QByteArray payload(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    const TextCodec::Decoded decoded = codec.decode(payload);
    if (codec.name() == QLatin1String("UTF-8") && decoded.valid)
        FUZZ_CHECK(decoded.text.toUtf8() == payload); // a clean decode loses nothing

    checkDisplay(sanitizeForDisplay(decoded.text), true);
    checkDisplay(sanitizeForDisplay(decoded.text, DisplayLimits::unbounded()), false);
    return 0;
}
