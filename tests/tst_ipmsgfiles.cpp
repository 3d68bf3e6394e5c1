// IP Messenger file transfer as bytes (issue 17): the file list of an offer as iptux and the
// protocol write it, the TCP requests, a folder stream read as it arrives, and the names of a
// hostile peer kept inside the folder chosen.

#include "core/ipmsg/ipmsgfiles.h"

#include <QTest>

using namespace IpMsg;

namespace {
// One folder-stream header as iptux 0.8.3 writes it: its length in four hex digits, then
// name:size:attr:14=mtime:16=ctime:.
QByteArray header(const QByteArray &name, qint64 size, FileType type)
{
    const QByteArray body = ':' + name + ':' + QByteArray::number(size, 16).rightJustified(9, '0')
                            + ':' + QByteArray::number(quint32(type), 16)
                            + ":14=6570a1b2:16=6570a1b2:";
    return QByteArray::number(body.size() + 4, 16).rightJustified(4, '0') + body;
}

// Every event of @p stream fed @p bytes, a chunk of @p chunk bytes at a time, as text.
QStringList events(FolderStream &stream, const QByteArray &bytes, int chunk)
{
    QStringList out;
    for (qsizetype at = 0; at < bytes.size() || at == 0; at += chunk) {
        stream.feed(bytes.mid(at, chunk));
        for (;;) {
            const FolderStream::Event e = stream.next();
            switch (e) {
            case FolderStream::Event::NeedMore:
                break;
            case FolderStream::Event::EnterFolder:
                out << QStringLiteral("enter %1 at %2").arg(stream.entry().name, stream.path());
                continue;
            case FolderStream::Event::StartFile:
                out << QStringLiteral("file %1 %2 in %3")
                                .arg(stream.entry().name)
                                .arg(stream.entry().size)
                                .arg(stream.path());
                continue;
            case FolderStream::Event::FileData:
                if (out.isEmpty() || !out.last().startsWith(QStringLiteral("data ")))
                    out << QStringLiteral("data ");
                out.last() += QString::fromLatin1(stream.data());
                continue;
            case FolderStream::Event::EndFile:
                out << QStringLiteral("end file");
                continue;
            case FolderStream::Event::LeaveFolder:
                out << QStringLiteral("leave to %1").arg(stream.path());
                continue;
            case FolderStream::Event::Finished:
                out << QStringLiteral("finished");
                return out;
            case FolderStream::Event::Failed:
                out << QStringLiteral("failed: %1").arg(stream.problem());
                return out;
            }
            break;
        }
    }
    return out;
}
} // namespace

class TstIpMsgFiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsAnOfferAsIptuxWritesIt();
    void readsTheSeparatorsOfIptuxsChatWindow();
    void buildsWhatIptuxAccepts();
    void offerLimits();
    void safeNamesStayInTheFolder_data();
    void safeNamesStayInTheFolder();
    void requests();
    void folderStreamInAnyChunks();
    void hostileFolderStreams_data();
    void hostileFolderStreams();
};

void TstIpMsgFiles::readsAnOfferAsIptuxWritesIt()
{
    const TextCodec utf8(QStringLiteral("UTF-8"));
    // A file with a Chinese name and its mtime as an extension field, a folder, '::' for ':'.
    const QByteArray list = QByteArray("0:报告.pdf:1a2b:6570a1b2:1:14=6570a1b3:\a")
                            + "1:photos:0:6570a1b2:2:\a" + "2:a::b.txt:5:0:1:\a";
    const FileList files = parseFileList(list, utf8);
    QCOMPARE(files.rejected, 0);
    QCOMPARE(files.files.size(), 3);
    QCOMPARE(files.files[0].fileId, 0u);
    QCOMPARE(files.files[0].name, QStringLiteral("报告.pdf"));
    QCOMPARE(files.files[0].size, 0x1a2b);
    QCOMPARE(files.files[0].mtime, 0x6570a1b3); // the extension field wins
    QCOMPARE(files.files[0].type(), FileType::Regular);
    QCOMPARE(files.files[1].type(), FileType::Directory);
    QCOMPARE(files.files[1].name, QStringLiteral("photos"));
    QCOMPARE(files.files[2].name, QStringLiteral("a:b.txt"));
    // GBK names from FeiQ.
    const TextCodec gbk(QStringLiteral("GBK"));
    const FileList legacy =
            parseFileList("7:" + gbk.encode(QStringLiteral("文件")).bytes + ":10:0:1:\a", gbk);
    QCOMPARE(legacy.files.value(0).name, QStringLiteral("文件"));
    QCOMPARE(legacy.files.value(0).fileId, 7u);
}

void TstIpMsgFiles::readsTheSeparatorsOfIptuxsChatWindow()
{
    // iptux 0.8.3's chat window ends every entry with ":\a:" and drops the very last ':' (the
    // Draft allows a ':' after '\a'): the second entry and every later one start with ':'.
    const TextCodec utf8(QStringLiteral("UTF-8"));
    const QByteArray list = QByteArray("0:季度报告.pdf:f4240:6570a1b2:1:\a:")
                            + "1:photos:1000:6570a1b3:2:\a:" + "2:c.txt:5:0:1:\a";
    const FileList files = parseFileList(list, utf8);
    QCOMPARE(files.rejected, 0);
    QCOMPARE(files.files.size(), 3);
    QCOMPARE(files.files[0].name, QStringLiteral("季度报告.pdf"));
    QCOMPARE(files.files[0].size, 1000000);
    QCOMPARE(files.files[1].fileId, 1u);
    QCOMPARE(files.files[1].name, QStringLiteral("photos"));
    QCOMPARE(files.files[1].type(), FileType::Directory);
    QCOMPARE(files.files[1].size, 0x1000); // a folder's size: the bytes of all its files
    QCOMPARE(files.files[2].fileId, 2u);
    QCOMPARE(files.files[2].size, 5);
    // One ':' only: "::" at the start would be an empty fileID with ':' escaped, not a separator.
    QCOMPARE(parseFileList(QByteArray("0:a:1:0:1:\a::1:b:1:0:1:\a"), utf8).rejected, 1);
}

void TstIpMsgFiles::buildsWhatIptuxAccepts()
{
    const TextCodec utf8(QStringLiteral("UTF-8"));
    FileEntry file;
    file.fileId = 12;
    file.name = QStringLiteral("a:b 报告.txt");
    file.size = 4096;
    file.mtime = 0x6570a1b2;
    file.attr = quint32(FileType::Regular) | 0x00200000u; // an option bit: never written
    FileEntry folder;
    folder.fileId = 13;
    folder.name = QStringLiteral("photos");
    folder.attr = quint32(FileType::Directory);
    const QByteArray escaped = buildFileList({file, folder}, utf8);
    QCOMPARE(escaped, QByteArray("12:a::b 报告.txt:1000:6570a1b2:1:\a13:photos:0:0:2:\a"));
    const FileList back = parseFileList(escaped, utf8);
    QCOMPARE(back.files.size(), 2);
    QCOMPARE(back.files[0].name, file.name);
    QCOMPARE(back.files[0].attr, quint32(FileType::Regular));
    // For iptux 0.8.3, which does not unescape: no ':' at all.
    QCOMPARE(buildFileList({file}, utf8, false), QByteArray("12:a_b 报告.txt:1000:6570a1b2:1:\a"));
}

void TstIpMsgFiles::offerLimits()
{
    const TextCodec utf8(QStringLiteral("UTF-8"));
    QByteArray many;
    for (int i = 0; i < MaxOfferedFiles + 5; ++i)
        many += QByteArray::number(i) + ":f" + QByteArray::number(i) + ":1:0:1:\a";
    const FileList capped = parseFileList(many, utf8);
    QCOMPARE(capped.files.size(), MaxOfferedFiles);
    QCOMPARE(capped.rejected, 5);
    // Malformed: too few fields, a bad id, a bad size, no name, a return-to-parent entry in an
    // offer, a size past MaxFileSize.
    const FileList bad =
            parseFileList(QByteArray("1:x:1:0:\a") + "x:y:1:0:1:\a" + "2:y:zz:0:1:\a"
                                  + "3::1:0:1:\a" + "4:..:0:0:3:\a" + "5:big:ffffffffffffff:0:1:\a",
                          utf8);
    QCOMPARE(bad.files.size(), 0);
    QCOMPARE(bad.rejected, 6);
}

void TstIpMsgFiles::safeNamesStayInTheFolder_data()
{
    QTest::addColumn<QString>("untrusted");
    QTest::addColumn<QString>("safe"); // empty: refused
    QTest::newRow("plain") << QStringLiteral("report 报告.pdf")
                           << QStringLiteral("report 报告.pdf");
    QTest::newRow("traversal") << QStringLiteral("../../.bashrc") << QString();
    QTest::newRow("absolute") << QStringLiteral("/etc/passwd") << QString();
    QTest::newRow("backslash") << QStringLiteral("..\\..\\win.ini") << QString();
    QTest::newRow("drive letter") << QStringLiteral("C:evil.exe") << QString();
    QTest::newRow("dot") << QStringLiteral(".") << QString();
    QTest::newRow("dot dot") << QStringLiteral("..") << QString();
    QTest::newRow("dots and spaces") << QStringLiteral(" ... ") << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("NUL") << QStringLiteral("a") + QChar(0) + QStringLiteral("b")
                         << QStringLiteral("a_b");
    QTest::newRow("control") << QStringLiteral("a\x1b[31mb") << QStringLiteral("a_[31mb");
    QTest::newRow("bidi override")
            << QStringLiteral("invoice\u202Efdp.exe") << QStringLiteral("invoice_fdp.exe");
    QTest::newRow("trailing dot") << QStringLiteral("name.") << QStringLiteral("name");
    QTest::newRow("hidden") << QStringLiteral(".profile") << QStringLiteral("profile");
    QTest::newRow("emoji kept") << QStringLiteral("\U0001F600.png")
                                << QStringLiteral("\U0001F600.png");
    QTest::newRow("too long") << QString(256, u'a') << QString();
    QTest::newRow("longest") << QString(255, u'a') << QString(255, u'a');
}

void TstIpMsgFiles::safeNamesStayInTheFolder()
{
    QFETCH(QString, untrusted);
    QFETCH(QString, safe);
    const SafeName name = safeFileName(untrusted);
    QCOMPARE(name.name, safe);
    QCOMPARE(name.ok(), !safe.isEmpty());
    QCOMPARE(name.problem.isEmpty(), name.ok());
}

void TstIpMsgFiles::requests()
{
    const auto file = parseFileRequest("5f:3:1000:");
    QVERIFY(file);
    QCOMPARE(file->packetNo, 0x5fu);
    QCOMPARE(file->fileId, 3u);
    QCOMPARE(file->offset, 0x1000);
    QCOMPARE(buildFileRequest(*file, true), QByteArray("5f:3:1000:"));
    const auto folder = parseFileRequest(QByteArray("5f:4:\0", 6));
    QVERIFY(folder);
    QCOMPARE(folder->fileId, 4u);
    QCOMPARE(folder->offset, 0);
    QCOMPARE(buildFileRequest(*folder, false), QByteArray("5f:4:"));
    QVERIFY(!parseFileRequest("5f"));
    QVERIFY(!parseFileRequest("zz:1:0"));
    QVERIFY(!parseFileRequest("1:2:ffffffffffffffffff"));
    QVERIFY(!parseFileRequest("1:2:3:4:5"));
}

// top/ with a.txt (hello) and sub/ with an empty b, as iptux sends it; whatever the chunks.
void TstIpMsgFiles::folderStreamInAnyChunks()
{
    const QByteArray stream =
            header("top", 0, FileType::Directory) + header("a.txt", 5, FileType::Regular) + "hello"
            + header("sub", 0, FileType::Directory) + header("b", 0, FileType::Regular)
            + header(".", 0, FileType::ReturnToParent) + header(".", 0, FileType::ReturnToParent);
    const QStringList expected{QStringLiteral("enter top at top"),
                               QStringLiteral("file a.txt 5 in top"),
                               QStringLiteral("data hello"),
                               QStringLiteral("end file"),
                               QStringLiteral("enter sub at top/sub"),
                               QStringLiteral("file b 0 in top/sub"),
                               QStringLiteral("end file"),
                               QStringLiteral("leave to top"),
                               QStringLiteral("finished")};
    for (const int chunk : {1, 3, 7, 64, 100000}) {
        FolderStream reader;
        QCOMPARE(events(reader, stream, chunk), expected);
    }
}

void TstIpMsgFiles::hostileFolderStreams_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QString>("problem");
    const QByteArray top = header("top", 0, FileType::Directory);
    QTest::newRow("climbs out") << top + header(".", 0, FileType::ReturnToParent)
                                           + header(".", 0, FileType::ReturnToParent)
                                << QStringLiteral("finished");
    QTest::newRow("traversal name")
            << top + header("../../x", 1, FileType::Regular) << QStringLiteral("path separator");
    QTest::newRow("dot dot folder")
            << top + header("..", 0, FileType::Directory) << QStringLiteral("only dots");
    QTest::newRow("starts with a file")
            << header("x", 1, FileType::Regular) << QStringLiteral("does not start with a folder");
    QTest::newRow("starts by climbing")
            << header(".", 0, FileType::ReturnToParent) << QStringLiteral("climbs above");
    QByteArray deep = top;
    for (int i = 0; i < FolderStream::MaxDepth; ++i)
        deep += header("d", 0, FileType::Directory);
    QTest::newRow("too deep") << deep << QStringLiteral("deeper than");
    QTest::newRow("bad length") << QByteArray("zzzz:top:0:2:") << QStringLiteral("bad size");
    QTest::newRow("huge header") << QByteArray("ffff:") + QByteArray(100, 'x')
                                 << QStringLiteral("bad size");
    QTest::newRow("no length") << QByteArray(40, 'x') << QStringLiteral("does not start");
    QTest::newRow("bad type") << top + header("x", 1, FileType(9))
                              << QStringLiteral("bad size or type");
}

// Each hostile stream stops before anything is named outside the folder; "climbs out" ends the
// stream at the first folder (the second return has nowhere to go and is never read).
void TstIpMsgFiles::hostileFolderStreams()
{
    QFETCH(QByteArray, stream);
    QFETCH(QString, problem);
    FolderStream reader;
    const QStringList seen = events(reader, stream, 5);
    QVERIFY2(!seen.isEmpty() && seen.last().contains(problem), qPrintable(seen.join(u'|')));
    for (const QString &event : seen)
        QVERIFY2(!event.contains(QStringLiteral("..")), qPrintable(event));
    QVERIFY(reader.depth() <= FolderStream::MaxDepth);
}

QTEST_GUILESS_MAIN(TstIpMsgFiles)
#include "tst_ipmsgfiles.moc"
