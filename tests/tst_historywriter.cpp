// The history's writer thread (issue 14) and its limits (issue 15): a burst stored whole and in
// order, reads that do not wait for a backlog, a backlog bounded in bytes, a full disk counted
// and recovered from, foreign files moved aside, and search with Unicode case folding.

#include "core/history/historysearch.h"
#include "core/history/historystore.h"
#include "core/session/chatsession.h"
#include "faultenv.h"
#include "tests/support/historycheck.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

namespace {
ChatMessage makeMessage(quint64 id, const QString &text)
{
    ChatMessage m;
    m.id = id;
    m.peerAddress = QHostAddress(QStringLiteral("10.0.0.5"));
    m.peerPort = 6666;
    m.time = QDateTime::fromMSecsSinceEpoch(1764000000000 + qint64(id), Qt::UTC);
    m.payload = text.toUtf8();
    m.text = text;
    m.encoding = QStringLiteral("UTF-8");
    return m;
}

QList<ChatMessage> makeMessages(quint64 first, int count)
{
    QList<ChatMessage> list;
    list.reserve(count);
    for (int i = 0; i < count; ++i)
        list.append(makeMessage(first + quint64(i), QStringLiteral("message %1").arg(first + i)));
    return list;
}

QList<quint64> idsOf(const QList<ChatMessage> &messages)
{
    QList<quint64> ids;
    for (const ChatMessage &m : messages)
        ids << m.id;
    return ids;
}

// Another program holding the database's write lock (BEGIN IMMEDIATE) until release(): the
// writer cannot commit meanwhile, whatever the speed of the machine.
class WriteLock
{
public:
    explicit WriteLock(const QString &path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), kName);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
        m_locked = db.open() && QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    ~WriteLock()
    {
        release();
        QSqlDatabase::removeDatabase(kName);
    }
    bool isLocked() const { return m_locked; }
    void release()
    {
        QSqlDatabase db = QSqlDatabase::database(kName, false);
        if (m_locked)
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        m_locked = false;
        db.close();
    }

private:
    static inline const QString kName = QStringLiteral("tst-lock");
    bool m_locked = false;
};

QVariant queryValue(const QString &path, const QString &statement)
{
    QVariant result;
    {
        QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst-direct"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(statement) && query.next())
                result = query.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tst-direct"));
    return result;
}

bool makeDatabase(const QString &path, const QStringList &statements)
{
    bool ok = true;
    {
        QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst-make"));
        db.setDatabaseName(path);
        ok = db.open();
        for (const QString &statement : statements)
            ok = ok && QSqlQuery(db).exec(statement);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tst-make"));
    return ok;
}
} // namespace

class tst_HistoryWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void burstOf50000DatagramsIsStoredWholeAndInOrder();
    void searchAndScrollbackDuringABacklogDoNotWaitForIt();
    void backlogIsBoundedInBytesAndCounted();
    void queuedRowsAreLeanAndReadBackWhole();
    void notSavingClearsWhenTheDatabaseRecovers();
    void fullDiskIsCountedReportedAndRecoveredFrom();
    void otherSchemaWithOurVersionIsMovedAside();
    void otherProgramsDatabaseIsMovedAside();
    void newDatabaseIsMarkedAsUdpchats();
    void searchFoldsCaseBeyondAscii_data();
    void searchFoldsCaseBeyondAscii();
    void shortChineseQueriesMatch();
    void indexedSearchFindsTheSameAsAScan();
    void changedTextLeavesTheIndexConsistent();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("history.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_HistoryWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_HistoryWriter::burstOf50000DatagramsIsStoredWholeAndInOrder()
{
    HistoryStore store;
    QVERIFY2(store.open(dbPath()), qPrintable(store.error()));
    ChatSession session;
    session.setHistory(&store);
    QVERIFY(session.channel()->listen(0));
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    const quint16 port = session.channel()->localPort();
    // In bursts the kernel's receive buffer holds whole (what is tested is udpchat, not the
    // kernel): each burst is sent once the previous one has arrived.
    constexpr int total = 50000;
    constexpr int burst = 500;
    for (int sent = 0; sent < total; sent += burst) {
        for (int i = sent; i < sent + burst; ++i) {
            const QByteArray payload = QByteArray::number(i);
            QCOMPARE(peer.writeDatagram(payload, QHostAddress::LocalHost, port),
                     qint64(payload.size()));
        }
        QTRY_COMPARE(session.channel()->receivedCount(), quint64(sent + burst));
    }
    // Every one handed to the history (the session inserts rows in batches), then written.
    QTRY_COMPARE(store.lastId(), quint64(total));
    QVERIFY(store.flush());
    QCOMPARE(store.unsavedCount(), quint64(0));
    QCOMPARE(queryValue(dbPath(), QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), total);
    // In order: ids ascending carry 0, 1, 2, ...
    QList<ChatMessage> all;
    for (quint64 from = 0; all.size() < total;) {
        const QList<ChatMessage> part = store.range({}, from, 10000);
        QVERIFY(!part.isEmpty());
        all += part;
        from = part.constLast().id + 1;
    }
    for (int i = 0; i < total; ++i) {
        QCOMPARE(all.at(i).payload, QByteArray::number(i));
        if (i > 0)
            QVERIFY(all.at(i).id > all.at(i - 1).id);
    }
}

void tst_HistoryWriter::searchAndScrollbackDuringABacklogDoNotWaitForIt()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    store.setMaxPendingBytes(512 * 1024 * 1024);
    QList<ChatMessage> old = makeMessages(1, 1000);
    old[10].text = QStringLiteral("an old needle");
    store.record(old);
    QVERIFY(store.flush());
    QCOMPARE(store.lastFlushedId(), quint64(1000));
    QTRY_VERIFY(store.indexedId() >= 1000);

    // A 200,000-row backlog that cannot be written while another program holds the lock.
    WriteLock lock(dbPath());
    QVERIFY(lock.isLocked());
    constexpr int backlog = 200000;
    QList<ChatMessage> flood = makeMessages(1001, backlog);
    flood[150000].text = QStringLiteral("a new needle");
    store.record(flood);

    // Scrollback: the newest page, a page in the middle of the backlog, and one reaching back
    // onto the disk.
    QCOMPARE(idsOf(store.page({}, 0, 3)), (QList<quint64>{200998, 200999, 201000}));
    // A queued ASCII row keeps its text once (its payload); read back, it has it.
    QCOMPARE(store.page({}, 0, 1).constFirst().text, QStringLiteral("message 201000"));
    QCOMPARE(store.page({}, 0, 1).constFirst().payload, QByteArray("message 201000"));
    QCOMPARE(idsOf(store.page({}, 100000, 2)), (QList<quint64>{99998, 99999}));
    QCOMPARE(idsOf(store.page({}, 1002, 3)), (QList<quint64>{999, 1000, 1001}));
    // Through the session, as the window scrolls back.
    ChatSession session;
    session.setHistory(&store);
    QCOMPARE(session.messages()->at(session.messages()->rowCount() - 1).id, quint64(201000));

    // A search through everything, newest first.
    HistorySearch search;
    QSignalSpy finished(&search, &HistorySearch::finished);
    HistoryStore::Filter filter;
    filter.text = QStringLiteral("NEEDLE");
    search.start(&store, filter);
    QVERIFY(finished.wait(60000));
    QCOMPARE(idsOf(search.results()), (QList<quint64>{151001, 11}));
    QCOMPARE(store.count(filter), 2);

    // All of it answered while not one row of the backlog was written.
    QCOMPARE(store.lastFlushedId(), quint64(1000));
    QCOMPARE(queryValue(dbPath(), QStringLiteral("SELECT MAX(id) FROM messages")).toInt(), 1000);

    lock.release();
    QVERIFY(store.flush());
    QCOMPARE(store.count(), qint64(1000 + backlog));
    QCOMPARE(queryValue(dbPath(), QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(),
             1000 + backlog);
    QCOMPARE(store.pendingBytes(), qint64(0));
}

void tst_HistoryWriter::backlogIsBoundedInBytesAndCounted()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    constexpr qint64 budget = 1024 * 1024;
    store.setMaxPendingBytes(budget);
    QSignalSpy failed(&store, &HistoryStore::writeFailed);
    WriteLock lock(dbPath());
    QVERIFY(lock.isLocked());
    // 64 KiB datagrams (bytes and text: about 192 KiB each) while nothing can be written.
    const QString big(65507, u'x');
    quint64 id = 0;
    const auto recordBig = [&](int count) {
        for (int i = 0; i < count; ++i)
            store.record({makeMessage(++id, big)});
    };
    recordBig(100);
    QVERIFY(store.pendingBytes() <= budget);
    QVERIFY(store.pendingBytes() > budget / 2);
    const qint64 kept = 100 - qint64(store.unsavedCount());
    QVERIFY2(kept >= 1 && kept < 20, qPrintable(QString::number(kept)));
    QVERIFY(!failed.isEmpty());
    QVERIFY2(failed.constFirst().at(0).toString().contains(QStringLiteral("1 MB")),
             qPrintable(failed.constFirst().at(0).toString()));
    QVERIFY(!store.error().isEmpty());
    // Never grows: more of them are only counted.
    const qint64 bytes = store.pendingBytes();
    recordBig(1000);
    QCOMPARE(store.pendingBytes(), bytes);
    QCOMPARE(store.unsavedCount(), quint64(1100 - kept));
    // Everything kept is written once the lock goes; the ids counted are the only ones missing.
    lock.release();
    QVERIFY(store.flush());
    QCOMPARE(store.count(), kept);
    QCOMPARE(store.pendingBytes(), qint64(0));
    QCOMPARE(store.lastId(), quint64(1100));
}

// A queued message keeps what the database stores and nothing it can derive (issue 14: more of a
// flood fits in the budget), yet reads back whole, queued and written alike.
void tst_HistoryWriter::queuedRowsAreLeanAndReadBackWhole()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    WriteLock lock(dbPath());
    QVERIFY(lock.isLocked());
    // Chat lines of 12 to 14 ASCII bytes from one sender: at most 128 bytes each in the queue
    // (a whole ChatMessage per row took about 280).
    constexpr int lines = 10000;
    store.record(makeMessages(1, lines));
    QVERIFY2(store.pendingBytes() <= 128 * lines,
             qPrintable(QString::number(store.pendingBytes())));

    QList<ChatMessage> special;
    ChatMessage utf8 = makeMessage(lines + 1, QStringLiteral("Grüße, Σίσυφος, 你好"));
    special << utf8;
    ChatMessage latin1 = makeMessage(lines + 2, QString());
    latin1.payload = QByteArray("caf\xe9");
    latin1.text = QStringLiteral("café");
    latin1.encoding = QStringLiteral("ISO-8859-1");
    special << latin1;
    ChatMessage invalid = makeMessage(lines + 3, QString());
    invalid.payload = QByteArray("ab\xff");
    invalid.text = QStringLiteral("ab\ufffd");
    invalid.decodedCleanly = false;
    special << invalid;
    ChatMessage failed = makeMessage(lines + 4, QStringLiteral("not sent"));
    failed.direction = ChatMessage::Direction::Outgoing;
    failed.status = ChatMessage::Status::Failed;
    failed.error = QStringLiteral("Network unreachable");
    failed.peerAddress = QHostAddress(QStringLiteral("fe80::1%lo"));
    special << failed;
    ChatMessage ipmsg = makeMessage(lines + 5, QStringLiteral("hello from IP Messenger"));
    ipmsg.channel = ChatMessage::Channel::IpMsg;
    ipmsg.conversation = ChatMessage::ipMsgConversation(QStringLiteral("alice"),
                                                        QStringLiteral("pc1"), ipmsg.peerAddress);
    ipmsg.peerName = QStringLiteral("Alice");
    ipmsg.status = ChatMessage::Status::Delivered;
    special << ipmsg;
    ChatMessage empty = makeMessage(lines + 6, QString());
    special << empty;
    ChatMessage other = makeMessage(lines + 7, QStringLiteral("from another sender"));
    other.peerAddress = QHostAddress(QStringLiteral("2001:db8::7"));
    other.peerPort = 9;
    special << other;
    store.record(special);

    // Every field the history keeps, in one line (a difference shows which).
    const auto describe = [](const ChatMessage &m) {
        return QStringList{QString::number(m.id),
                           QString::number(int(m.direction)),
                           QString::number(int(m.status)),
                           normalizedAddress(m.peerAddress).toString(),
                           QString::number(m.peerPort),
                           m.time.toString(Qt::ISODateWithMs),
                           QString::fromLatin1(m.payload.toHex()),
                           m.text,
                           m.encoding,
                           m.decodedCleanly ? QStringLiteral("clean") : QStringLiteral("invalid"),
                           m.error,
                           QString::number(int(m.channel)),
                           m.conversation,
                           m.peerName}
                .join(u'|');
    };
    const auto compareAll = [&](const QList<ChatMessage> &read) {
        QCOMPARE(read.size(), special.size());
        for (qsizetype i = 0; i < special.size(); ++i)
            QCOMPARE(describe(read.at(i)), describe(special.at(i)));
    };
    // Queued (nothing can be written yet), then written.
    compareAll(store.page({}, 0, int(special.size())));
    QCOMPARE(store.lastFlushedId(), quint64(0));
    lock.release();
    QVERIFY(store.flush());
    QCOMPARE(store.pendingBytes(), qint64(0));
    compareAll(store.page({}, 0, int(special.size())));
    QCOMPARE(store.count(), qint64(lines + special.size()));
}

void tst_HistoryWriter::notSavingClearsWhenTheDatabaseRecovers()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    QSignalSpy failed(&store, &HistoryStore::writeFailed);
    QSignalSpy recovered(&store, &HistoryStore::recovered);
    {
        WriteLock lock(dbPath());
        QVERIFY(lock.isLocked());
        store.record(makeMessages(1, 10));
        // The writer gives up waiting for the lock and says so.
        QVERIFY(failed.wait(30000));
        QVERIFY2(failed.constFirst().at(0).toString().contains(QStringLiteral("locked")),
                 qPrintable(failed.constFirst().at(0).toString()));
        QVERIFY(!store.error().isEmpty());
        QVERIFY(recovered.isEmpty());
    }
    // Lock gone: the next try writes what waited, and the error is gone with it.
    QVERIFY(recovered.wait(30000));
    QVERIFY(store.error().isEmpty());
    QCOMPARE(store.lastFlushedId(), quint64(10));
    QCOMPARE(queryValue(dbPath(), QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 10);
}

void tst_HistoryWriter::fullDiskIsCountedReportedAndRecoveredFrom()
{
    const FaultEnv::Run run =
            FaultEnv::onTmpfs(m_dir->path(), QStringLiteral("1m"),
                              {QStringLiteral("history-full-disk"), m_dir->path()});
    if (!run.skip.isEmpty())
        QSKIP(qPrintable(run.skip));
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.flag("opened") && run.flag("first-saved"), qPrintable(run.errorOutput));
    QVERIFY(run.flag("write-failed"));
    QVERIFY2(run.value("error").contains(QStringLiteral("full")), qPrintable(run.value("error")));
    QVERIFY(run.flag("bounded"));
    QVERIFY(run.value("unsaved").toLongLong() > 0);
    QVERIFY(!run.value("error-after-budget").isEmpty());
    QVERIFY(run.flag("recovered"));
    QCOMPARE(run.value("error-after-recovery"), QString());
    // Everything recorded is on disk except what was counted as not saved.
    QCOMPARE(run.value("stored").toLongLong(),
             run.value("recorded").toLongLong() - run.value("unsaved").toLongLong());
    QCOMPARE(run.value("integrity"), QStringLiteral("ok"));
    // Quitting on a full disk: what could not be written is counted on stderr.
    QVERIFY2(run.errorOutput.contains(
                     QStringLiteral("50 messages could not be written to the history")),
             qPrintable(run.errorOutput));
}

void tst_HistoryWriter::otherSchemaWithOurVersionIsMovedAside()
{
    QVERIFY(makeDatabase(dbPath(), {QStringLiteral("CREATE TABLE messages (x TEXT)"),
                                    QStringLiteral("INSERT INTO messages VALUES ('theirs')"),
                                    QStringLiteral("PRAGMA user_version = 2")}));
    HistoryStore store;
    QVERIFY2(store.open(dbPath()), qPrintable(store.error()));
    QVERIFY2(store.notice().contains(QStringLiteral("moved to")), qPrintable(store.notice()));
    QCOMPARE(store.count(), 0);
    // The new history works: before the check, every write failed ("Parameter count mismatch").
    store.record(makeMessages(1, 3));
    QVERIFY2(store.flush(), qPrintable(store.error()));
    QCOMPARE(store.count(), 3);
    const QStringList aside =
            QDir(m_dir->path())
                    .entryList({QStringLiteral("history.sqlite.corrupt-*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    QCOMPARE(queryValue(m_dir->filePath(aside.first()), QStringLiteral("SELECT x FROM messages"))
                     .toString(),
             QStringLiteral("theirs"));
}

void tst_HistoryWriter::otherProgramsDatabaseIsMovedAside()
{
    // user_version 0 and tables of its own: not a new database, and not ours.
    QVERIFY(makeDatabase(dbPath(), {QStringLiteral("CREATE TABLE accounts (name TEXT)"),
                                    QStringLiteral("INSERT INTO accounts VALUES ('alice')")}));
    HistoryStore store;
    QVERIFY2(store.open(dbPath()), qPrintable(store.error()));
    QVERIFY2(store.notice().contains(QStringLiteral("another program")),
             qPrintable(store.notice()));
    QCOMPARE(queryValue(dbPath(), QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE "
                                                 "name = 'accounts'"))
                     .toInt(),
             0);
    const QStringList aside =
            QDir(m_dir->path())
                    .entryList({QStringLiteral("history.sqlite.corrupt-*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    QCOMPARE(queryValue(m_dir->filePath(aside.first()), QStringLiteral("SELECT name FROM accounts"))
                     .toString(),
             QStringLiteral("alice"));

    // A read-only window leaves such a file alone and says why.
    const QString other = m_dir->filePath(QStringLiteral("other.sqlite"));
    QVERIFY(makeDatabase(other, {QStringLiteral("CREATE TABLE accounts (name TEXT)"),
                                 QStringLiteral("PRAGMA application_id = 1234")}));
    HistoryStore reader;
    QVERIFY(!reader.open(other, HistoryStore::Mode::ReadOnly));
    QVERIFY2(reader.error().contains(QStringLiteral("another program")),
             qPrintable(reader.error()));
    QCOMPARE(queryValue(other, QStringLiteral("PRAGMA application_id")).toInt(), 1234);
}

void tst_HistoryWriter::newDatabaseIsMarkedAsUdpchats()
{
    {
        HistoryStore store;
        QVERIFY(store.open(dbPath()));
    }
    QCOMPARE(queryValue(dbPath(), QStringLiteral("PRAGMA application_id")).toInt(),
             HistoryStore::ApplicationId);
    QCOMPARE(queryValue(dbPath(), QStringLiteral("PRAGMA user_version")).toInt(),
             HistoryStore::SchemaVersion);
    // And it opens again as ours, without being moved.
    HistoryStore again;
    QVERIFY(again.open(dbPath()));
    QVERIFY(again.notice().isEmpty());
}

void tst_HistoryWriter::searchFoldsCaseBeyondAscii_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<quint64>("id");
    QTest::newRow("Ä finds ä") << QStringLiteral("ÄPFELB") << quint64(2);
    QTest::newRow("ä finds Ä") << QStringLiteral("äpfels") << quint64(3);
    QTest::newRow("σ finds Σ") << QStringLiteral("σοφια") << quint64(4);
    QTest::newRow("Σ finds σ") << QStringLiteral("ΚΌΣΜΟΣ") << quint64(5);
    QTest::newRow("short: ß") << QStringLiteral("ÖS") << quint64(6);
}

void tst_HistoryWriter::searchFoldsCaseBeyondAscii()
{
    QFETCH(QString, query);
    QFETCH(quint64, id);
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    store.record({makeMessage(1, QStringLiteral("plain ascii")),
                  makeMessage(2, QStringLiteral("ein äpfelbaum")),
                  makeMessage(3, QStringLiteral("ÄPFELSAFT")),
                  makeMessage(4, QStringLiteral("ΣΟΦΙΑ")),
                  makeMessage(5, QStringLiteral("καλός κόσμος")),
                  makeMessage(6, QStringLiteral("größe öst"))});
    HistoryStore::Filter filter;
    filter.text = query;
    const auto found = [&] { return idsOf(store.page(filter, 0, 10)); };
    QCOMPARE(found(), QList<quint64>{id}); // still queued
    QVERIFY(store.flush());
    QCOMPARE(found(), QList<quint64>{id}); // on disk
    QTRY_VERIFY(store.indexedId() >= 6);
    QCOMPARE(found(), QList<quint64>{id}); // through the full-text index
    HistorySearch search;
    QSignalSpy finished(&search, &HistorySearch::finished);
    search.start(&store, filter);
    QVERIFY(finished.wait(5000));
    QCOMPARE(idsOf(search.results()), QList<quint64>{id});
}

void tst_HistoryWriter::shortChineseQueriesMatch()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    QList<ChatMessage> messages = makeMessages(1, 3000);
    messages[99].text = QStringLiteral("你好，世界");
    messages[2999].text = QStringLiteral("明天见");
    messages[1500].text = QStringLiteral("世界很大");
    store.record(messages);
    QVERIFY(store.flush());
    QTRY_VERIFY(store.indexedId() >= 3000);
    HistoryStore::Filter filter;
    filter.text = QStringLiteral("世界"); // two characters: below the index's three
    QCOMPARE(idsOf(store.page(filter, 0, 10)), (QList<quint64>{100, 1501}));
    filter.text = QStringLiteral("见");
    QCOMPARE(idsOf(store.page(filter, 0, 10)), (QList<quint64>{3000}));
    filter.text = QStringLiteral("你好，世"); // long enough for the index
    QCOMPARE(idsOf(store.page(filter, 0, 10)), (QList<quint64>{100}));
    HistorySearch search;
    search.setSliceIds(700);
    QSignalSpy finished(&search, &HistorySearch::finished);
    filter.text = QStringLiteral("世界");
    search.start(&store, filter);
    QVERIFY(finished.wait(5000));
    QCOMPARE(idsOf(search.results()), (QList<quint64>{1501, 100}));
}

void tst_HistoryWriter::indexedSearchFindsTheSameAsAScan()
{
    // Part indexed, part written but not indexed yet, part still queued: one answer.
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    QList<ChatMessage> first = makeMessages(1, 6000);
    for (const int i : {0, 2500, 5999})
        first[i].text = QStringLiteral("Grüße aus Köln %1").arg(i);
    store.record(first);
    QVERIFY(store.flush());
    QTRY_VERIFY(store.indexedId() >= 6000);
    WriteLock lock(dbPath());
    QVERIFY(lock.isLocked());
    QList<ChatMessage> more = makeMessages(6001, 100);
    more[50].text = QStringLiteral("GRÜSSE AUS KÖLN");
    more[60].text = QStringLiteral("grüße aus köln, queued");
    store.record(more);
    HistorySearch search;
    QSignalSpy finished(&search, &HistorySearch::finished);
    HistoryStore::Filter filter;
    filter.text = QStringLiteral("GRÜSSE AUS");
    search.start(&store, filter);
    QVERIFY(finished.wait(5000));
    QCOMPARE(idsOf(search.results()), (QList<quint64>{6051})); // ß is not ss
    filter.text = QStringLiteral("grüße aus köln");
    search.start(&store, filter);
    QVERIFY(finished.wait(5000));
    QCOMPARE(idsOf(search.results()), (QList<quint64>{6061, 6000, 2501, 1}));
}

void tst_HistoryWriter::changedTextLeavesTheIndexConsistent()
{
    // "Decode As" changes the text of a message the index already holds.
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    store.record(makeMessages(1, 100));
    QVERIFY(store.flush());
    QTRY_VERIFY(store.indexedId() >= 100);
    ChatMessage changed = makeMessage(50, QStringLiteral("message 50"));
    changed.text = QStringLiteral("ganz anders");
    changed.encoding = QStringLiteral("ISO-8859-1");
    store.update(changed);
    QVERIFY(store.flush());
    HistoryStore::Filter filter;
    filter.text = QStringLiteral("GANZ ANDERS");
    QCOMPARE(idsOf(store.page(filter, 0, 10)), (QList<quint64>{50}));
    filter.text = QStringLiteral("message 50");
    QCOMPARE(idsOf(store.page(filter, 0, 10)), (QList<quint64>{}));
    // The index agrees with the table, and the file is whole.
    const QString problems = historyProblems(dbPath());
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

QTEST_GUILESS_MAIN(tst_HistoryWriter)
#include "tst_historywriter.moc"
