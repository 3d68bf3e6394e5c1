// A hostile peer's file offer and folder stream (issue 17).
// Properties: parsing never crashes; every offered entry is a file or a folder within the size
// limit, at most MaxOfferedFiles of them; a folder stream never yields a name that
// safeFileName() would refuse, never goes deeper than MaxDepth or above its first folder, and
// never hands out more bytes of a file than its header declared; an offer built from parsed
// entries parses back to the same ids, sizes and types.

#include "core/ipmsg/ipmsgfiles.h"
#include "fuzzcheck.h"

#include <cstdint>

using namespace IpMsg;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const TextCodec utf8(QStringLiteral("UTF-8"));

    const FileList offer = parseFileList(bytes, utf8);
    FUZZ_CHECK(offer.files.size() <= MaxOfferedFiles);
    for (const FileEntry &f : offer.files) {
        FUZZ_CHECK(f.type() == FileType::Regular || f.type() == FileType::Directory);
        FUZZ_CHECK(f.size >= 0 && f.size <= MaxFileSize);
        FUZZ_CHECK(!f.name.isEmpty());
    }
    const FileList again = parseFileList(buildFileList(offer.files, utf8), utf8);
    FUZZ_CHECK(again.files.size() == offer.files.size());
    for (qsizetype i = 0; i < again.files.size(); ++i) {
        FUZZ_CHECK(again.files[i].fileId == offer.files[i].fileId);
        FUZZ_CHECK(again.files[i].size == offer.files[i].size);
        FUZZ_CHECK(again.files[i].type() == offer.files[i].type());
    }

    // The same bytes as a folder stream, in chunks whose size the first byte picks.
    FolderStream stream;
    const qsizetype chunk = size > 0 ? qsizetype(data[0] % 61) + 1 : 1;
    qint64 left = 0;
    bool over = false;
    for (qsizetype at = 0; at < bytes.size() && !over; at += chunk) {
        stream.feed(bytes.mid(at, chunk));
        for (;;) {
            const FolderStream::Event e = stream.next();
            if (e == FolderStream::Event::NeedMore)
                break;
            if (e == FolderStream::Event::Finished || e == FolderStream::Event::Failed) {
                over = true;
                break;
            }
            FUZZ_CHECK(stream.depth() >= 1 && stream.depth() <= FolderStream::MaxDepth);
            if (e == FolderStream::Event::EnterFolder || e == FolderStream::Event::StartFile) {
                const SafeName check = safeFileName(stream.entry().name);
                FUZZ_CHECK(check.ok() && check.name == stream.entry().name);
            }
            if (e == FolderStream::Event::StartFile)
                left = stream.entry().size;
            if (e == FolderStream::Event::FileData) {
                left -= stream.data().size();
                FUZZ_CHECK(left >= 0 && !stream.data().isEmpty());
            }
            if (e == FolderStream::Event::EndFile)
                FUZZ_CHECK(left == 0);
        }
    }
    const SafeName name = safeFileName(QString::fromUtf8(bytes));
    if (name.ok()) {
        FUZZ_CHECK(!name.name.contains(u'/') && !name.name.contains(u'\\'));
        FUZZ_CHECK(name.name != QStringLiteral(".") && name.name != QStringLiteral(".."));
        FUZZ_CHECK(name.name.toUtf8().size() <= MaxNameBytes);
    }
    return 0;
}
