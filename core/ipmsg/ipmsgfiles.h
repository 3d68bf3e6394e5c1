#pragma once

#include "core/text/textcodec.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// IP Messenger file transfer as bytes (Draft-10 and what iptux 0.8.3 does): the file list of an
/// offer (SENDMSG|FILEATTACHOPT), the TCP requests (GETFILEDATA, GETDIRFILES), the headers of a
/// folder stream, and the rules that keep a hostile peer's names inside the folder chosen.
/// Everything here is pure: no sockets, no files.
namespace IpMsg {

inline constexpr quint32 GetFileData = 0x60; ///< TCP: packetID:fileID:offset, then raw bytes
inline constexpr quint32 ReleaseFiles = 0x61; ///< UDP: the offer packetID is withdrawn or rejected
inline constexpr quint32 GetDirFiles = 0x62; ///< TCP: packetID:fileID, then a folder stream
inline constexpr quint32 FileAttachOpt = 0x00200000; ///< SENDMSG: a file list follows the text

/// The low byte of a file's attr.
enum class FileType : quint32 { Regular = 1, Directory = 2, ReturnToParent = 3 };
/// Extension field keys in a file entry or folder header (`key=value`, hex).
inline constexpr quint32 FileMtimeKey = 0x14;
inline constexpr quint32 FileCreateTimeKey = 0x16;

/// One file or folder of an offer, or one header of a folder stream.
struct FileEntry
{
    quint32 fileId = 0; ///< the offer's number for it (decimal on the wire); 0 in a stream
    QString name; ///< as the peer wrote it, decoded: untrusted, see safeFileName()
    qint64 size = 0; ///< bytes; for a folder, of all its files as its sender declares them
    qint64 mtime = 0; ///< seconds since the epoch, 0 when not given
    quint32 attr = 0; ///< low byte FileType, the rest option bits

    FileType type() const { return static_cast<FileType>(attr & 0xFFu); }
};

/// What parseFileList() found: the entries it could read, and the ones it could not.
struct FileList
{
    QList<FileEntry> files;
    int rejected = 0; ///< entries that were malformed, of an unknown type or over the limits
};

/// At most this many entries are read from one offer.
inline constexpr int MaxOfferedFiles = 1000;
/// A name longer than this (UTF-8 bytes) is refused: what Linux file systems allow.
inline constexpr int MaxNameBytes = 255;
/// A file larger than this is refused as nonsense (2^53: what a double holds exactly).
inline constexpr qint64 MaxFileSize = qint64(1) << 53;

/// Reads the file list after the text's NUL in a SENDMSG with FILEATTACHOPT: entries of the
/// form `fileID:name:size:mtime:attr[:key=value...]:`, separated by '\a' (BEL) or "\a:"; size,
/// mtime and attr in hex, fileID in decimal; '::' in a name stands for ':'. Names are decoded with
/// @p codec. Regular files and folders are kept; anything else counts as rejected.
FileList parseFileList(const QByteArray &bytes, const TextCodec &codec);
/// The file list for @p files, as parseFileList() reads it. With @p escapeColons (the protocol)
/// a ':' in a name is written '::'; without (for iptux 0.8.3, which does not unescape), it becomes
/// '_'. Option bits in attr are never written: iptux refuses them.
QByteArray buildFileList(const QList<FileEntry> &files, const TextCodec &codec,
                         bool escapeColons = true);

/// A name safe to create directly inside the folder the user chose, or why there is none.
struct SafeName
{
    QString name; ///< empty when refused
    QString problem; ///< a sentence when refused
    bool ok() const { return !name.isEmpty(); }
};
/// @p untrusted as one path component: refused when it is empty, "." or "..", contains '/' or
/// '\\', starts with a drive letter ("C:"), or is over MaxNameBytes; control characters
/// (including NUL), bidi and invisible formatting characters become '_'; leading and trailing
/// spaces and dots are dropped (Windows ignores them, and a name of dots alone climbs).
SafeName safeFileName(const QString &untrusted);

/// GETFILEDATA's `packetID:fileID:offset` or GETDIRFILES' `packetID:fileID` (hex).
struct FileRequest
{
    quint32 packetNo = 0; ///< the offer's packet number
    quint32 fileId = 0;
    qint64 offset = 0; ///< where to start (GETFILEDATA); 0 for folders
};
std::optional<FileRequest> parseFileRequest(const QByteArray &extra);
QByteArray buildFileRequest(const FileRequest &request, bool withOffset);

/// Reads a folder stream (the answer to GETDIRFILES) from bytes as they arrive: headers
/// `hhhh:name:size:attr[:key=value...]:` (hhhh: the header's own length in hex, four digits as
/// iptux writes them), each regular file's bytes after its header; a folder header goes down a
/// level, a return-to-parent header ("." with attr 3) up one, and the one that leaves the
/// first folder ends the stream. Nothing is trusted: a header over MaxHeaderBytes, a bad number,
/// a name refused by safeFileName(), nesting deeper than MaxDepth or more than MaxEntries entries
/// stops the stream with a problem.
class FolderStream
{
public:
    static constexpr int MaxHeaderBytes = 4096;
    static constexpr int MaxDepth = 32;
    static constexpr int MaxEntries = 100000;

    enum class Event {
        NeedMore, ///< feed more bytes
        EnterFolder, ///< entry() is a folder: create it and go in
        StartFile, ///< entry() is a file: its entry().size bytes follow (data())
        FileData, ///< data() holds the next bytes of the current file
        EndFile, ///< the current file is complete
        LeaveFolder, ///< back up one level
        Finished, ///< the first folder was left: the stream is complete
        Failed, ///< problem() says why; nothing more is read
    };

    /// Appends @p bytes to what is to be read.
    void feed(const QByteArray &bytes) { m_buffer.append(bytes); }
    /// The next event of what has been fed (call until NeedMore, Finished or Failed).
    Event next();
    const FileEntry &entry() const { return m_entry; }
    /// A file's bytes, at most what it has left, for FileData.
    QByteArray data() const { return m_data; }
    /// The current folder, relative to the first one's parent: safe names joined by '/'.
    QString path() const { return m_path.join(u'/'); }
    /// The same, a name per level (shared, not copied, while the level does not change).
    const QStringList &levels() const { return m_path; }
    int depth() const { return int(m_path.size()); }
    QString problem() const { return m_problem; }
    /// Names are decoded with @p codec (default UTF-8).
    void setCodec(const TextCodec &codec) { m_codec = codec; }

private:
    Event fail(const QString &sentence);
    Event readHeader();
    /// What the header just read (m_entry, its raw name @p rawName) means for the stream.
    Event takeEntry(const QByteArray &rawName);

    QByteArray m_buffer;
    QByteArray m_data;
    FileEntry m_entry;
    QStringList m_path;
    QString m_problem;
    TextCodec m_codec{QStringLiteral("UTF-8")};
    qint64 m_fileLeft = -1; // bytes of the current file still to come; -1: between files
    int m_entries = 0;
    bool m_started = false;
    bool m_done = false;
};

} // namespace IpMsg
