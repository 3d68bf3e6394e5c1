#include "core/ipmsg/ipmsgfiles.h"

#include "core/text/textescape.h"

#include <QCoreApplication>

#include <limits>

namespace {
constexpr char kEntrySeparator = '\a';

// Splits @p bytes at single ':' into fields; "::" is a ':' inside a field (only the name can
// have one). The text after the last ':' is returned in @p rest.
QList<QByteArray> splitFields(const QByteArray &bytes, QByteArray *rest)
{
    QList<QByteArray> fields;
    QByteArray field;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c != ':') {
            field.append(c);
            continue;
        }
        if (i + 1 < bytes.size() && bytes[i + 1] == ':') {
            field.append(':');
            ++i;
            continue;
        }
        fields.append(field);
        field.clear();
    }
    *rest = field;
    return fields;
}

// A hex number of at most 16 digits that fits @p max, or nullopt.
std::optional<qint64> hexNumber(const QByteArray &text, qint64 max)
{
    if (text.isEmpty() || text.size() > 16)
        return std::nullopt;
    bool ok = false;
    const qulonglong value = text.toULongLong(&ok, 16);
    if (!ok || value > qulonglong(max))
        return std::nullopt;
    return qint64(value);
}

std::optional<quint32> decimalId(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 10)
        return std::nullopt;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    bool ok = false;
    const qulonglong value = text.toULongLong(&ok, 10);
    if (!ok || value > std::numeric_limits<quint32>::max())
        return std::nullopt;
    return quint32(value);
}

// The extension fields after attr: `key=value` in hex; only the modification time is used.
qint64 mtimeOf(const QList<QByteArray> &fields, qsizetype from, qint64 given)
{
    for (qsizetype i = from; i < fields.size(); ++i) {
        const qsizetype eq = fields[i].indexOf('=');
        if (eq <= 0)
            continue;
        const auto key = hexNumber(fields[i].left(eq), std::numeric_limits<quint32>::max());
        const auto value = hexNumber(fields[i].mid(eq + 1), std::numeric_limits<qint64>::max());
        if (key && value && *key == IpMsg::FileMtimeKey)
            return *value;
    }
    return given;
}

bool knownType(quint32 attr, bool inStream)
{
    const auto type = static_cast<IpMsg::FileType>(attr & 0xFFu);
    return type == IpMsg::FileType::Regular || type == IpMsg::FileType::Directory
           || (inStream && type == IpMsg::FileType::ReturnToParent);
}

} // namespace

namespace IpMsg {

FileList parseFileList(const QByteArray &bytes, const TextCodec &codec)
{
    FileList list;
    for (QByteArray raw : bytes.split(kEntrySeparator)) {
        // "\a:" separates too (iptux's chat window writes it; the Draft allows it).
        if (raw.startsWith(':'))
            raw.remove(0, 1);
        if (raw.isEmpty() || raw == QByteArray(1, '\0'))
            continue;
        if (list.files.size() >= MaxOfferedFiles) {
            ++list.rejected;
            continue;
        }
        QByteArray rest;
        const QList<QByteArray> f = splitFields(raw, &rest);
        if (f.size() < 5) {
            ++list.rejected;
            continue;
        }
        const auto id = decimalId(f[0]);
        const auto size = hexNumber(f[2], MaxFileSize);
        const auto mtime = hexNumber(f[3], std::numeric_limits<qint64>::max());
        const auto attr = hexNumber(f[4], std::numeric_limits<quint32>::max());
        if (!id || !size || !mtime || !attr || f[1].isEmpty()
            || !knownType(quint32(*attr), false)) {
            ++list.rejected;
            continue;
        }
        FileEntry entry;
        entry.fileId = *id;
        entry.name = codec.decode(f[1]).text;
        entry.attr = quint32(*attr);
        entry.size = *size;
        entry.mtime = mtimeOf(f, 5, *mtime);
        list.files.append(entry);
    }
    return list;
}

QByteArray buildFileList(const QList<FileEntry> &files, const TextCodec &codec, bool escapeColons)
{
    QByteArray out;
    for (const FileEntry &f : files) {
        QByteArray name = codec.encode(f.name).bytes;
        name.replace(':', escapeColons ? QByteArray("::") : QByteArray("_"));
        name.replace(kEntrySeparator, '_');
        name.replace('\0', '_');
        out += QByteArray::number(f.fileId) + ':' + name + ':' + QByteArray::number(f.size, 16)
               + ':' + QByteArray::number(f.mtime, 16) + ':'
               + QByteArray::number(f.attr & 0xFFu, 16) + ':' + kEntrySeparator;
    }
    return out;
}

SafeName safeFileName(const QString &untrusted)
{
    SafeName result;
    const auto refuse = [&result](const QString &sentence) {
        result.problem = sentence;
        return result;
    };
    if (untrusted.contains(u'/') || untrusted.contains(u'\\'))
        return refuse(QCoreApplication::translate(
                "IpMsgFiles", "the name contains a path separator ('/' or '\\')"));
    if (untrusted.size() >= 2 && untrusted[1] == u':' && untrusted[0].isLetter()
        && untrusted[0].unicode() < 0x80)
        return refuse(
                QCoreApplication::translate("IpMsgFiles", "the name starts with a drive letter"));
    QString name;
    name.reserve(untrusted.size());
    for (qsizetype i = 0; i < untrusted.size(); ++i) {
        const QChar c = untrusted[i];
        if (c.isHighSurrogate() && i + 1 < untrusted.size() && untrusted[i + 1].isLowSurrogate()) {
            const char32_t code = QChar::surrogateToUcs4(c, untrusted[i + 1]);
            if (TextEscape::isUnsafeCodePoint(code)) {
                name.append(u'_');
            } else {
                name.append(c);
                name.append(untrusted[i + 1]);
            }
            ++i;
        } else if (c.isSurrogate() || TextEscape::isUnsafe(c.unicode())) {
            name.append(u'_'); // NUL, controls, bidi, invisible, unpaired surrogates
        } else {
            name.append(c);
        }
    }
    // Leading and trailing spaces and dots: Windows drops them, and a name of dots climbs.
    qsizetype begin = 0;
    qsizetype end = name.size();
    while (begin < end && (name[begin] == u' ' || name[begin] == u'.'))
        ++begin;
    while (end > begin && (name[end - 1] == u' ' || name[end - 1] == u'.'))
        --end;
    name = name.mid(begin, end - begin);
    if (name.isEmpty())
        return refuse(QCoreApplication::translate("IpMsgFiles",
                                                  "the name is empty or only dots and spaces"));
    if (name.toUtf8().size() > MaxNameBytes)
        return refuse(QCoreApplication::translate("IpMsgFiles", "the name is longer than %1 bytes")
                              .arg(MaxNameBytes));
    result.name = name;
    return result;
}

std::optional<FileRequest> parseFileRequest(const QByteArray &extra)
{
    QByteArray body = extra;
    if (const qsizetype nul = body.indexOf('\0'); nul >= 0)
        body.truncate(nul);
    const QList<QByteArray> f = body.split(':');
    if (f.size() < 2 || f.size() > 4)
        return std::nullopt;
    const auto packet = hexNumber(f[0], std::numeric_limits<quint32>::max());
    const auto id = hexNumber(f[1], std::numeric_limits<quint32>::max());
    std::optional<qint64> offset = qint64(0);
    if (f.size() >= 3 && !f[2].isEmpty())
        offset = hexNumber(f[2], MaxFileSize);
    if (!packet || !id || !offset)
        return std::nullopt;
    return FileRequest{quint32(*packet), quint32(*id), *offset};
}

QByteArray buildFileRequest(const FileRequest &request, bool withOffset)
{
    QByteArray out = QByteArray::number(request.packetNo, 16) + ':'
                     + QByteArray::number(request.fileId, 16) + ':';
    if (withOffset)
        out += QByteArray::number(request.offset, 16) + ':';
    return out;
}

FolderStream::Event FolderStream::fail(const QString &sentence)
{
    m_problem = sentence;
    m_done = true;
    m_buffer.clear();
    return Event::Failed;
}

FolderStream::Event FolderStream::next()
{
    if (m_done)
        return m_problem.isEmpty() ? Event::Finished : Event::Failed;
    if (m_fileLeft == 0) {
        m_fileLeft = -1;
        return Event::EndFile;
    }
    if (m_fileLeft > 0) {
        if (m_buffer.isEmpty())
            return Event::NeedMore;
        const qsizetype take = qsizetype(qMin<qint64>(m_fileLeft, m_buffer.size()));
        m_data = m_buffer.left(take);
        m_buffer.remove(0, take);
        m_fileLeft -= take;
        return Event::FileData;
    }
    return readHeader();
}

FolderStream::Event FolderStream::readHeader()
{
    // hhhh: the header's own length, then the fields.
    const qsizetype colon = m_buffer.indexOf(':');
    if (colon < 0)
        return m_buffer.size() > 16 ? fail(QCoreApplication::translate(
                       "IpMsgFiles", "a folder header does not start with its size"))
                                    : Event::NeedMore;
    const auto length = hexNumber(m_buffer.left(colon), MaxHeaderBytes);
    if (!length || *length <= colon + 1)
        return fail(QCoreApplication::translate("IpMsgFiles", "a folder header has a bad size"));
    if (m_buffer.size() < *length)
        return Event::NeedMore;
    const QByteArray header = m_buffer.mid(colon + 1, *length - colon - 1);
    m_buffer.remove(0, *length);
    QByteArray rest;
    const QList<QByteArray> f = splitFields(header, &rest);
    if (f.size() < 3)
        return fail(
                QCoreApplication::translate("IpMsgFiles", "a folder header has too few fields"));
    const auto size = hexNumber(f[1], MaxFileSize);
    const auto attr = hexNumber(f[2], std::numeric_limits<quint32>::max());
    if (!size || !attr || !knownType(quint32(*attr), true))
        return fail(QCoreApplication::translate("IpMsgFiles",
                                                "a folder header has a bad size or type"));
    if (++m_entries > MaxEntries)
        return fail(QCoreApplication::translate("IpMsgFiles", "the folder has more than %1 entries")
                            .arg(MaxEntries));
    m_entry = FileEntry{};
    m_entry.attr = quint32(*attr);
    m_entry.mtime = mtimeOf(f, 3, 0);
    m_entry.size = m_entry.type() == FileType::Regular ? *size : 0;
    return takeEntry(f[0]);
}

FolderStream::Event FolderStream::takeEntry(const QByteArray &rawName)
{
    if (m_entry.type() == FileType::ReturnToParent) {
        if (m_path.isEmpty())
            return fail(QCoreApplication::translate(
                    "IpMsgFiles", "the folder stream climbs above the folder offered"));
        m_path.removeLast();
        if (m_path.isEmpty()) {
            m_done = true;
            return Event::Finished;
        }
        return Event::LeaveFolder;
    }
    if (!m_started && m_entry.type() != FileType::Directory)
        return fail(QCoreApplication::translate("IpMsgFiles",
                                                "the folder stream does not start with a folder"));
    m_started = true;
    const SafeName name = safeFileName(m_codec.decode(rawName).text);
    if (!name.ok())
        return fail(
                QCoreApplication::translate("IpMsgFiles", "a name in the folder was refused: %1")
                        .arg(name.problem));
    m_entry.name = name.name;
    if (m_entry.type() == FileType::Directory) {
        if (m_path.size() >= MaxDepth)
            return fail(QCoreApplication::translate("IpMsgFiles",
                                                    "the folder is nested deeper than %1 levels")
                                .arg(MaxDepth));
        m_path.append(name.name);
        return Event::EnterFolder;
    }
    m_fileLeft = m_entry.size;
    return Event::StartFile;
}

} // namespace IpMsg
