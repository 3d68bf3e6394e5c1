// IP Messenger file transfer over TCP on loopback (issue 17): a file and a folder arrive whole
// into the folder chosen; only the peer an offer was made to gets it, only while it is open, only
// what was offered; idle and surplus connections are closed; a hostile sender cannot write
// outside the folder, send more than it declared, or pass off a short file as whole; a refused
// connection is said with its fix. Nothing here leaves 127.0.0.0/8.

#include "core/ipmsg/ipmsgtransfer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace IpMsg;

namespace {
const QHostAddress kLoopback(QHostAddress::LocalHost);
const QHostAddress kOtherLoopback(QStringLiteral("127.0.0.2"));

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(generator.bounded(256));
    return bytes;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Packet ourHeader()
{
    Packet p;
    p.packetNo = 77;
    p.user = "me";
    p.host = "here";
    return p;
}

// A stream header as a hostile peer may write it.
QByteArray header(const QByteArray &name, qint64 size, FileType type)
{
    const QByteArray body = ':' + name + ':' + QByteArray::number(size, 16) + ':'
                            + QByteArray::number(quint32(type), 16) + ':';
    return QByteArray::number(body.size() + 4, 16).rightJustified(4, '0') + body;
}
} // namespace

class TstIpMsgTransfer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void fileArrivesWhole();
    void partLeftByABrokenTransfer_data();
    void partLeftByABrokenTransfer();
    void folderArrivesWhole();
    void folderHeadersAsIptuxReadsThem();
    void onlyThePeerItWasOfferedTo();
    void onlyWhatIsOffered();
    void eitherSideCancels();
    void idleAndSurplusConnectionsClosed();
    void hostileSenders_data();
    void hostileSenders();
    void refusedConnectionNamesTheFix();

private:
    // Fetches @p entry of offer @p packetNo from @p port into the download folder.
    bool fetch(quint16 port, quint32 packetNo, const FileEntry &entry, QString *sentence,
               const QHostAddress &from = QHostAddress(), IpMsgFileFetch **keep = nullptr);

    std::unique_ptr<QTemporaryDir> m_files; // what is offered
    std::unique_ptr<QTemporaryDir> m_downloads; // the folder chosen
    std::unique_ptr<IpMsgFileServer> m_server;
    std::unique_ptr<IpMsgFileFetch> m_fetch;
    QList<std::pair<qint64, qint64>> m_progress; // what fetch() reported: received, total
};

void TstIpMsgTransfer::init()
{
    m_files = std::make_unique<QTemporaryDir>();
    m_downloads = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<IpMsgFileServer>();
    // Any IPv4 address, so that both 127.0.0.1 and 127.0.0.2 reach it (it only listens).
    QVERIFY(m_server->listen(QHostAddress::AnyIPv4, 0));
}

void TstIpMsgTransfer::cleanup()
{
    m_fetch.reset();
    m_server.reset();
    m_files.reset();
    m_downloads.reset();
}

bool TstIpMsgTransfer::fetch(quint16 port, quint32 packetNo, const FileEntry &entry,
                             QString *sentence, const QHostAddress &from, IpMsgFileFetch **keep)
{
    m_fetch = std::make_unique<IpMsgFileFetch>(Endpoint{kLoopback, port}, ourHeader(), entry,
                                               FileRequest{packetNo, entry.fileId, 0},
                                               m_downloads->path(), TextCodec());
    if (!from.isNull())
        m_fetch->setLocalAddress(from);
    if (keep)
        *keep = m_fetch.get();
    m_progress.clear();
    connect(m_fetch.get(), &IpMsgFileFetch::progress, this, [this](qint64 received, qint64 total) {
        m_progress.append({received, total});
    });
    QSignalSpy done(m_fetch.get(), &IpMsgFileFetch::finished);
    m_fetch->start();
    if (!done.wait(20000) && done.isEmpty())
        return false;
    *sentence = done.first().at(1).toString();
    return done.first().at(0).toBool();
}

void TstIpMsgTransfer::fileArrivesWhole()
{
    const QByteArray bytes = randomBytes(3 * 1024 * 1024 + 17);
    writeFile(m_files->filePath(QStringLiteral("报告.bin")), bytes);
    {
        QFile touch(m_files->filePath(QStringLiteral("报告.bin")));
        QVERIFY(touch.open(QIODevice::ReadWrite));
        QVERIFY(touch.setFileTime(QDateTime::fromSecsSinceEpoch(1700000000),
                                  QFileDevice::FileModificationTime));
    }
    QString error;
    const QList<FileEntry> offered =
            m_server->offer(5, kLoopback, {m_files->filePath(QStringLiteral("报告.bin"))}, &error);
    QCOMPARE(offered.size(), 1);
    QCOMPARE(offered[0].size, bytes.size());
    QCOMPARE(offered[0].mtime, 1700000000);
    QSignalSpy served(m_server.get(), &IpMsgFileServer::served);
    QString sentence;
    QVERIFY2(fetch(m_server->port(), 5, offered[0], &sentence), qPrintable(sentence));
    const QString saved = m_downloads->filePath(QStringLiteral("报告.bin"));
    QCOMPARE(m_fetch->saved(), QStringList{saved});
    QVERIFY(contents(saved) == bytes);
    QCOMPARE(QFileInfo(saved).lastModified().toSecsSinceEpoch(), 1700000000);
    QTRY_COMPARE(served.size(), 1);
    QCOMPARE(served.first().at(2).toLongLong(), bytes.size());
}

// A ".part" left by a broken transfer: a peer that honours GETFILEDATA's offset (udpchat) is
// asked for the rest only, and the ".part" continued; one that ignores it (iptux 0.8.3) is asked
// for the whole file, and the ".part" written again from its start. Either way the file ends
// whole under its own name, with no "(1)" copy beside a stale ".part" (Try Again against iptux).
void TstIpMsgTransfer::partLeftByABrokenTransfer_data()
{
    QTest::addColumn<bool>("resume");
    QTest::newRow("continued from the offset") << true;
    QTest::newRow("written again from the start") << false;
}

void TstIpMsgTransfer::partLeftByABrokenTransfer()
{
    QFETCH(bool, resume);
    const QByteArray bytes = randomBytes(500000);
    writeFile(m_files->filePath(QStringLiteral("f.bin")), bytes);
    // Written again, it need not be the file's start: had it been continued, the file would be
    // wrong.
    const QByteArray part = resume ? bytes.left(123456) : QByteArray(123456, 'x');
    writeFile(m_downloads->filePath(QStringLiteral("f.bin.part")), part);
    const QList<FileEntry> offered =
            m_server->offer(6, kLoopback, {m_files->filePath(QStringLiteral("f.bin"))});
    QSignalSpy served(m_server.get(), &IpMsgFileServer::served);
    m_fetch = std::make_unique<IpMsgFileFetch>(Endpoint{kLoopback, m_server->port()}, ourHeader(),
                                               offered[0], FileRequest{6, 0, 0},
                                               m_downloads->path(), TextCodec());
    m_fetch->setResume(resume);
    QSignalSpy done(m_fetch.get(), &IpMsgFileFetch::finished);
    m_fetch->start();
    const qint64 offset = resume ? part.size() : 0;
    QCOMPARE(m_fetch->offset(), offset);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 20000);
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    QVERIFY(contents(m_downloads->filePath(QStringLiteral("f.bin"))) == bytes);
    QCOMPARE(QDir(m_downloads->path()).entryList(QDir::Files),
             QStringList{QStringLiteral("f.bin")});
    QTRY_COMPARE(served.size(), 1);
    QCOMPARE(served.first().at(2).toLongLong(), bytes.size() - offset);
    QCOMPARE(m_fetch->received(), bytes.size() - offset);
}

void TstIpMsgTransfer::folderArrivesWhole()
{
    const QString top = m_files->filePath(QStringLiteral("photos"));
    writeFile(top + QStringLiteral("/a.txt"), "hello");
    writeFile(top + QStringLiteral("/sub/c.bin"), randomBytes(300000));
    writeFile(top + QStringLiteral("/sub/empty"), QByteArray());
    QDir().mkpath(top + QStringLiteral("/sub/deeper"));
    // A link to something outside the folder offered is not sent.
    QTemporaryDir secret;
    writeFile(secret.filePath(QStringLiteral("key")), "secret");
    QVERIFY(QFile::link(secret.filePath(QStringLiteral("key")), top + QStringLiteral("/link")));
    const QList<FileEntry> offered = m_server->offer(9, kLoopback, {top});
    QCOMPARE(offered.size(), 1);
    QCOMPARE(offered[0].type(), FileType::Directory);
    // Its size is the bytes of its files (the link's not counted), as iptux 0.8.3 needs: a
    // folder declared 0 bytes it lists as already received and never asks for.
    QCOMPARE(offered[0].size, 5 + 300000);
    // What a peer declares for a folder is only shown: declared short, it still comes whole.
    FileEntry declared = offered[0];
    declared.size = 1000;
    QString sentence;
    QVERIFY2(fetch(m_server->port(), 9, declared, &sentence), qPrintable(sentence));
    const QString got = m_downloads->filePath(QStringLiteral("photos"));
    QCOMPARE(contents(got + QStringLiteral("/a.txt")), QByteArray("hello"));
    QVERIFY(contents(got + QStringLiteral("/sub/c.bin")) == randomBytes(300000));
    QVERIFY(QFileInfo(got + QStringLiteral("/sub/empty")).isFile());
    QVERIFY(QFileInfo(got + QStringLiteral("/sub/deeper")).isDir());
    QVERIFY(!QFileInfo::exists(got + QStringLiteral("/link")));
    QCOMPARE(m_fetch->saved().size(), 3);
    // Past what was declared the total is unknown (0), never less than what came.
    QVERIFY(!m_progress.isEmpty());
    for (const auto &[received, total] : std::as_const(m_progress))
        QVERIFY2(total == 0 || received <= total,
                 qPrintable(QStringLiteral("%1 of %2").arg(received).arg(total)));
}

void TstIpMsgTransfer::folderHeadersAsIptuxReadsThem()
{
    // iptux 0.8.3 sets a file's times from a folder header's fifth and sixth fields whatever their
    // keys (14=mtime, 16=creation time, as it writes them): a header with the mtime alone left
    // every file of a folder dated 1970 there. The time goes in both.
    const QString top = m_files->filePath(QStringLiteral("photos"));
    writeFile(top + QStringLiteral("/a.txt"), "hello");
    const QDateTime when = QDateTime::fromSecsSinceEpoch(0x6570a1b2);
    {
        QFile f(top + QStringLiteral("/a.txt"));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(when, QFileDevice::FileModificationTime));
    }
    const QList<FileEntry> offered = m_server->offer(10, kLoopback, {top});
    QTcpSocket peer;
    QByteArray stream;
    connect(&peer, &QTcpSocket::readyRead, this, [&] { stream += peer.readAll(); });
    QSignalSpy gone(&peer, &QTcpSocket::disconnected);
    peer.connectToHost(kLoopback, m_server->port());
    Packet request = ourHeader();
    request.command = GetDirFiles;
    request.extra = buildFileRequest(FileRequest{10, offered[0].fileId, 0}, false);
    peer.write(build(request));
    QVERIFY(gone.wait(10000));
    QVERIFY2(stream.contains(":a.txt:5:1:14=6570a1b2:16=6570a1b2:hello"), stream.constData());
}

void TstIpMsgTransfer::onlyThePeerItWasOfferedTo()
{
    writeFile(m_files->filePath(QStringLiteral("f")), "data");
    const QList<FileEntry> offered =
            m_server->offer(3, kOtherLoopback, {m_files->filePath(QStringLiteral("f"))});
    QSignalSpy refused(m_server.get(), &IpMsgFileServer::refused);
    QString sentence;
    QVERIFY(!fetch(m_server->port(), 3, offered[0], &sentence, kLoopback));
    QTRY_COMPARE(refused.size(), 1);
    QVERIFY2(refused.first().at(1).toString().contains(QStringLiteral("offered to 127.0.0.2")),
             qPrintable(refused.first().at(1).toString()));
    QVERIFY(QDir(m_downloads->path()).entryList(QDir::Files).filter(QStringLiteral("f")).size()
            <= 1);
    QVERIFY(contents(m_downloads->filePath(QStringLiteral("f"))).isEmpty());
    // From 127.0.0.2, the peer it was offered to: it comes, into the ".part" the refused
    // transfer left, under its own name.
    QVERIFY2(fetch(m_server->port(), 3, offered[0], &sentence, kOtherLoopback),
             qPrintable(sentence));
    QCOMPARE(contents(m_downloads->filePath(QStringLiteral("f"))), QByteArray("data"));
    QCOMPARE(QDir(m_downloads->path()).entryList(QDir::Files), QStringList{QStringLiteral("f")});
}

void TstIpMsgTransfer::onlyWhatIsOffered()
{
    writeFile(m_files->filePath(QStringLiteral("f")), "data");
    const QList<FileEntry> offered =
            m_server->offer(4, kLoopback, {m_files->filePath(QStringLiteral("f"))});
    QSignalSpy refused(m_server.get(), &IpMsgFileServer::refused);
    QString sentence;
    FileEntry other = offered[0];
    other.fileId = 1; // not in the offer
    QVERIFY(!fetch(m_server->port(), 4, other, &sentence));
    QTRY_COMPARE(refused.size(), 1);
    QVERIFY(refused.last().at(1).toString().contains(QStringLiteral("no such file")));
    QVERIFY(!fetch(m_server->port(), 99, offered[0], &sentence)); // no such offer
    QTRY_COMPARE(refused.size(), 2);
    FileEntry asFolder = offered[0];
    asFolder.attr = quint32(FileType::Directory);
    QVERIFY(!fetch(m_server->port(), 4, asFolder, &sentence));
    QTRY_COMPARE(refused.size(), 3);
    m_server->release(4);
    QVERIFY(!fetch(m_server->port(), 4, offered[0], &sentence));
    QTRY_COMPARE(refused.size(), 4);
    QVERIFY(refused.last().at(1).toString().contains(QStringLiteral("released or expired")));
}

// The receiver cancels (its .part stays), or the sender withdraws the offer while it is fetched:
// either way the transfer stops, incomplete, and says so.
void TstIpMsgTransfer::eitherSideCancels()
{
    const QByteArray bytes = randomBytes(32 * 1024 * 1024);
    writeFile(m_files->filePath(QStringLiteral("big.bin")), bytes);
    const QList<FileEntry> offered =
            m_server->offer(8, kLoopback, {m_files->filePath(QStringLiteral("big.bin"))});
    for (const bool bySender : {false, true}) {
        m_fetch = std::make_unique<IpMsgFileFetch>(Endpoint{kLoopback, m_server->port()},
                                                   ourHeader(), offered[0], FileRequest{8, 0, 0},
                                                   m_downloads->path(), TextCodec());
        QSignalSpy done(m_fetch.get(), &IpMsgFileFetch::finished);
        // At the first bytes, whatever the machine's speed: 32 MiB cannot all be there yet.
        bool stopped = false;
        connect(m_fetch.get(), &IpMsgFileFetch::progress, this, [&, bySender] {
            if (std::exchange(stopped, true))
                return;
            if (bySender)
                m_server->release(8);
            else
                QMetaObject::invokeMethod(m_fetch.get(), &IpMsgFileFetch::cancel,
                                          Qt::QueuedConnection);
        });
        m_fetch->start();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 20000);
        QVERIFY(!done.first().at(0).toBool());
        QVERIFY2(done.first().at(1).toString().contains(bySender ? QStringLiteral("before the end")
                                                                 : QStringLiteral("Cancelled")),
                 qPrintable(done.first().at(1).toString()));
        QCOMPARE(m_fetch->incomplete().size(), 1);
        QVERIFY(QFileInfo(m_fetch->incomplete().first()).size() < bytes.size());
    }
}

void TstIpMsgTransfer::idleAndSurplusConnectionsClosed()
{
    m_server->setTimeouts(300, 300);
    // A connection that never asks (slowloris) is closed.
    QTcpSocket idle;
    idle.connectToHost(kLoopback, m_server->port());
    QVERIFY(idle.waitForConnected(5000));
    QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState, 10000);
    QTRY_COMPARE(m_server->connectionCount(), 0);
    // MaxConnections at once; one more is closed at once.
    m_server->setTimeouts(60000, 60000);
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < IpMsgFileServer::MaxConnections; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(kLoopback, m_server->port());
        QVERIFY(sockets.back()->waitForConnected(5000));
    }
    QTRY_COMPARE(m_server->connectionCount(), IpMsgFileServer::MaxConnections);
    QTcpSocket surplus;
    surplus.connectToHost(kLoopback, m_server->port());
    QVERIFY(surplus.waitForConnected(5000));
    QTRY_COMPARE_WITH_TIMEOUT(surplus.state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(m_server->connectionCount(), IpMsgFileServer::MaxConnections);
    // A request of junk is not a request.
    sockets.front()->write(QByteArray(2000, 'x'));
    QTRY_COMPARE(m_server->connectionCount(), IpMsgFileServer::MaxConnections - 1);
}

void TstIpMsgTransfer::hostileSenders_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<qint64>("declared");
    QTest::addColumn<QByteArray>("sends");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expect"); // in the sentence, or the saved file's contents
    QTest::newRow("more than declared")
            << int(FileType::Regular) << qint64(4) << QByteArray("abcdEXTRA") << true
            << QStringLiteral("abcd");
    QTest::newRow("less than declared")
            << int(FileType::Regular) << qint64(100) << QByteArray("abc") << false
            << QStringLiteral("before the end");
    QTest::newRow("traversal in a folder")
            << int(FileType::Directory) << qint64(0)
            << header("top", 0, FileType::Directory) + header("../../evil", 4, FileType::Regular)
                       + "evil"
            << false << QStringLiteral("path separator");
    QTest::newRow("absolute in a folder")
            << int(FileType::Directory) << qint64(0) << header("/tmp", 0, FileType::Directory)
            << false << QStringLiteral("path separator");
    QTest::newRow("climbing out") << int(FileType::Directory) << qint64(0)
                                  << header(".", 0, FileType::ReturnToParent)
                                             + header("x", 1, FileType::Regular) + "x"
                                  << false << QStringLiteral("climbs above");
}

// A peer that answers any request with @p sends: nothing lands outside the folder chosen.
void TstIpMsgTransfer::hostileSenders()
{
    QFETCH(int, type);
    QFETCH(qint64, declared);
    QFETCH(QByteArray, sends);
    QFETCH(bool, ok);
    QFETCH(QString, expect);
    QTcpServer peer;
    QVERIFY(peer.listen(kLoopback, 0));
    connect(&peer, &QTcpServer::newConnection, this, [&peer, sends] {
        QTcpSocket *s = peer.nextPendingConnection();
        connect(s, &QTcpSocket::readyRead, s, [s, sends] {
            s->readAll();
            s->write(sends);
            s->disconnectFromHost();
        });
    });
    FileEntry entry;
    entry.name = QStringLiteral("file");
    entry.size = declared;
    entry.attr = quint32(type);
    m_downloads = std::make_unique<QTemporaryDir>();
    QString sentence;
    QCOMPARE(fetch(peer.serverPort(), 1, entry, &sentence), ok);
    if (ok) {
        QCOMPARE(QString::fromLatin1(contents(m_downloads->filePath(QStringLiteral("file")))),
                 expect);
    } else {
        QVERIFY2(sentence.contains(expect), qPrintable(sentence));
    }
    // Nothing next to the folder chosen, nothing named evil anywhere near.
    QVERIFY(!QFileInfo::exists(
            QDir(m_downloads->path()).absoluteFilePath(QStringLiteral("../evil"))));
    QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/x")));
    if (declared == 100)
        QCOMPARE(contents(m_downloads->filePath(QStringLiteral("file.part"))), QByteArray("abc"));
}

void TstIpMsgTransfer::refusedConnectionNamesTheFix()
{
    // A port nobody listens on: the one of a server that just stopped.
    quint16 closed = 0;
    {
        QTcpServer gone;
        QVERIFY(gone.listen(kLoopback, 0));
        closed = gone.serverPort();
    }
    FileEntry entry;
    entry.name = QStringLiteral("f");
    entry.size = 1;
    entry.attr = quint32(FileType::Regular);
    QString sentence;
    QVERIFY(!fetch(closed, 1, entry, &sentence));
    QVERIFY2(sentence.contains(QStringLiteral("refused the connection"))
                     && sentence.contains(QStringLiteral("firewall")),
             qPrintable(sentence));
}

QTEST_GUILESS_MAIN(TstIpMsgTransfer)
#include "tst_ipmsgtransfer.moc"
