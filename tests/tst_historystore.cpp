// The history database: round trips, migrations, pruning, crash safety, scrollback, search.

#include "core/history/historysearch.h"
#include "core/history/historystore.h"
#include "core/history/historywriter.h"
#include "core/session/chatsession.h"
#include "tests/support/historycheck.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QNetworkDatagram>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

namespace {
ChatMessage makeMessage(quint64 id, const QString &text, const QString &address = QString(),
                        ChatMessage::Direction direction = ChatMessage::Direction::Incoming)
{
    ChatMessage m;
    m.id = id;
    m.direction = direction;
    m.status = direction == ChatMessage::Direction::Incoming ? ChatMessage::Status::Received
                                                             : ChatMessage::Status::Sent;
    m.peerAddress = QHostAddress(address.isEmpty() ? QStringLiteral("::ffff:10.0.0.5") : address);
    m.peerPort = 6666;
    m.time = QDateTime::fromMSecsSinceEpoch(1764000000000 + qint64(id) * 1000, Qt::UTC);
    m.payload = text.toUtf8();
    m.text = text;
    m.encoding = QStringLiteral("UTF-8");
    return m;
}

QList<ChatMessage> makeMessages(quint64 first, int count, const QString &prefix = QString())
{
    QList<ChatMessage> list;
    for (int i = 0; i < count; ++i) {
        const quint64 id = first + quint64(i);
        list.append(makeMessage(id, prefix + QStringLiteral("message %1").arg(id)));
    }
    return list;
}

// Runs @p statement on the database at @p path through its own connection.
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
} // namespace

class tst_HistoryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void spoofedSendersLeaveBoundedConversations();
    void roundTripAcrossNewStore();
    void sessionRoundTripKeepsSentReceivedAndStatus();
    void migratesFromVersion1();
    void newerSchemaIsLeftUntouched();
    void openFailureSaysWhy();
    void readOnlyStoreWritesNothing();
    void pruneKeepsCountCapAndCountsRemoved();
    void pruneByAge();
    void pruningWaitsForTheFloodToEnd();
    void limitsPruneAfterAFlushPastTheCap();
    void killDuringWritesKeepsEveryFlushedBatch();
    void killDuringABacklogKeepsEveryCommit();
    void lazyScrollbackKeepsTheModelValid();
    void evictedRowsComeBackFromHistory();
    void clearDoesNotFetchClearedRowsBack();
    void searchFindsAMessageThatIsNotLoaded();
    void slicedSearchFindsEverythingNewestFirst();
    void peersGroupMappedAddresses();
    void conversationShowsOnePeer();
    void jumpLoadsTheMessagePage();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("history.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_HistoryStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// Issue 15: 10,000 spoofed senders left 10,000 rows in peers for ever. The most recent
// HistoryWriter::MaxPeers are kept, named and favourite ones always; every message stays.
void tst_HistoryStore::spoofedSendersLeaveBoundedConversations()
{
    HistoryStore store;
    QVERIFY2(store.open(dbPath()), qPrintable(store.error()));
    store.record({makeMessage(1, QStringLiteral("an old friend"), QStringLiteral("10.1.0.1"))});
    QVERIFY(store.flush());
    QVERIFY(store.setPeerName(QStringLiteral("10.1.0.1"), QStringLiteral("friend")));
    QList<ChatMessage> flood;
    const int senders = HistoryWriter::MaxPeers + 3000;
    for (int i = 0; i < senders; ++i) {
        flood.append(makeMessage(quint64(i + 2), QStringLiteral("spoofed"),
                                 QHostAddress(quint32(0x0a020000 + i)).toString()));
    }
    store.record(flood);
    QVERIFY(store.flush());
    const QList<HistoryStore::Peer> peers = store.peers();
    QCOMPARE(peers.size(), HistoryWriter::MaxPeers + 1); // the most recent, and the named one
    const auto has = [&](const QString &address) {
        return std::any_of(peers.cbegin(), peers.cend(),
                           [&](const HistoryStore::Peer &p) { return p.address == address; });
    };
    QVERIFY(has(QStringLiteral("10.1.0.1")));
    QVERIFY(has(QHostAddress(quint32(0x0a020000 + senders - 1)).toString())); // the newest
    QVERIFY(!has(QHostAddress(quint32(0x0a020000)).toString())); // the oldest spoofed one
    QCOMPARE(store.count(), qint64(senders + 1)); // no message is lost
}

void tst_HistoryStore::roundTripAcrossNewStore()
{
    ChatMessage garbled = makeMessage(2, QStringLiteral("\ufffd"), QStringLiteral("fe80::1%lo"),
                                      ChatMessage::Direction::Incoming);
    garbled.payload = QByteArray("\xff\x00\xfe", 3);
    garbled.decodedCleanly = false;
    ChatMessage failed = makeMessage(3, QStringLiteral("not sent"), QStringLiteral("192.0.2.1"),
                                     ChatMessage::Direction::Outgoing);
    failed.status = ChatMessage::Status::Failed;
    failed.error = QStringLiteral("Network unreachable");
    ChatMessage empty = makeMessage(4, QString());
    const QList<ChatMessage> written{makeMessage(1, QStringLiteral("hello \u4f60\u597d")), garbled,
                                     failed, empty};
    {
        HistoryStore store;
        QVERIFY2(store.open(dbPath()), qPrintable(store.error()));
        QCOMPARE(store.foundVersion(), 0);
        store.record(written);
        // Not flushed by hand: the destructor writes what is pending.
    }
    HistoryStore store;
    QVERIFY2(store.open(dbPath()), qPrintable(store.error()));
    QCOMPARE(store.foundVersion(), HistoryStore::SchemaVersion);
    QCOMPARE(store.lastId(), quint64(4));
    const QList<ChatMessage> read = store.page({});
    QCOMPARE(read.size(), written.size());
    for (int i = 0; i < read.size(); ++i) {
        const ChatMessage &a = read.at(i);
        const ChatMessage &b = written.at(i);
        QCOMPARE(a.id, b.id);
        QCOMPARE(a.direction, b.direction);
        QCOMPARE(a.status, b.status);
        QCOMPARE(a.peerAddress, normalizedAddress(b.peerAddress));
        QCOMPARE(a.peerPort, b.peerPort);
        QCOMPARE(a.time, b.time);
        QCOMPARE(a.time.timeSpec(), Qt::UTC);
        QCOMPARE(a.payload, b.payload);
        QCOMPARE(a.text, b.text);
        QCOMPARE(a.encoding, b.encoding);
        QCOMPARE(a.decodedCleanly, b.decodedCleanly);
        QCOMPARE(a.error, b.error);
    }
    // Stored normalised: ::ffff:10.0.0.5 is 10.0.0.5; the IPv6 scope is kept.
    QCOMPARE(displayAddress(read.at(0).peerAddress), QStringLiteral("10.0.0.5"));
    QCOMPARE(displayAddress(read.at(1).peerAddress), QStringLiteral("fe80::1%lo"));
    QCOMPARE(queryValue(dbPath(), QStringLiteral("PRAGMA journal_mode")).toString(),
             QStringLiteral("wal"));
}

void tst_HistoryStore::sessionRoundTripKeepsSentReceivedAndStatus()
{
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    quint64 sentId = 0;
    {
        HistoryStore store;
        QVERIFY(store.open(dbPath()));
        ChatSession session;
        session.setHistory(&store);
        QVERIFY(session.channel()->listen(0));
        const auto outcome = session.send(QStringLiteral("to the peer"),
                                          Endpoint{QHostAddress::LocalHost, peer.localPort()});
        QVERIFY(outcome.sent);
        sentId = outcome.messageId;
        peer.writeDatagram(QByteArray("from the peer"), QHostAddress::LocalHost,
                           session.channel()->localPort());
        QTRY_COMPARE(session.messages()->rowCount(), 2);
        // A status change after sending is saved too.
        QVERIFY(session.messages()->setStatus(sentId, ChatMessage::Status::Failed,
                                              QStringLiteral("later failure")));
        // Also for a message that is not in the view (another conversation shown).
        session.showConversation(QStringLiteral("192.0.2.99"));
        QCOMPARE(session.messages()->rowCount(), 0);
        session.setMessageStatus(sentId + 1, ChatMessage::Status::Received,
                                 QStringLiteral("noted"));
        QSignalSpy flushed(&store, &HistoryStore::flushed);
        QVERIFY(flushed.wait(2000)); // within one flush interval, without quitting
    }
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    ChatSession session; // a new session object sees the old messages
    session.setHistory(&store);
    MessageListModel *model = session.messages();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->at(0).text, QStringLiteral("to the peer"));
    QCOMPARE(model->at(0).id, sentId);
    QCOMPARE(model->at(0).status, ChatMessage::Status::Failed);
    QCOMPARE(model->at(0).error, QStringLiteral("later failure"));
    QCOMPARE(model->at(1).text, QStringLiteral("from the peer"));
    QCOMPARE(model->at(1).error, QStringLiteral("noted"));
    QCOMPARE(model->at(1).payload, QByteArray("from the peer"));
    QCOMPARE(model->at(1).peerPort, peer.localPort());
    // New messages continue the ids.
    const quint64 next = model->append(makeMessage(0, QStringLiteral("new")));
    QCOMPARE(next, model->at(1).id + 1);
}

void tst_HistoryStore::migratesFromVersion1()
{
    {
        QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE messages (id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, "
                "direction INTEGER NOT NULL, status INTEGER NOT NULL, peer TEXT NOT NULL, "
                "port INTEGER NOT NULL, encoding TEXT NOT NULL, payload BLOB NOT NULL, "
                "text TEXT NOT NULL, clean INTEGER NOT NULL, error TEXT NOT NULL)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO messages VALUES "
                                      "(1, 1000, 0, 0, '10.0.0.7', 5000, 'UTF-8', x'6869', "
                                      "'hi', 1, ''), (2, 2000, 1, 1, '10.0.0.7', 5001, "
                                      "'UTF-8', x'796f', 'yo', 1, '')")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));

    HistoryStore store;
    QVERIFY2(store.open(dbPath()), qPrintable(store.error()));
    QCOMPARE(store.foundVersion(), 1);
    QCOMPARE(queryValue(dbPath(), QStringLiteral("PRAGMA user_version")).toInt(),
             HistoryStore::SchemaVersion);
    const QList<ChatMessage> rows = store.page({});
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(1).text, QStringLiteral("yo"));
    // Version 2's peers table was filled from the old messages.
    const QList<HistoryStore::Peer> peers = store.peers();
    QCOMPARE(peers.size(), 1);
    QCOMPARE(peers.at(0).address, QStringLiteral("10.0.0.7"));
    QCOMPARE(peers.at(0).messages, 2);
    QCOMPARE(peers.at(0).lastPort, quint16(5001));
    QCOMPARE(peers.at(0).lastActivity.toMSecsSinceEpoch(), 2000);
}

void tst_HistoryStore::newerSchemaIsLeftUntouched()
{
    QCOMPARE(queryValue(dbPath(), QStringLiteral("PRAGMA user_version = 99")), QVariant());
    const QByteArray before = [this] {
        QFile f(dbPath());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    HistoryStore store;
    QVERIFY(!store.open(dbPath()));
    QVERIFY2(store.error().contains(QStringLiteral("newer")), qPrintable(store.error()));
    QFile f(dbPath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    store.record(makeMessages(1, 3)); // ignored, no crash
    QVERIFY(store.flush());
}

void tst_HistoryStore::openFailureSaysWhy()
{
    // A folder where the file should be.
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("history.sqlite")));
    HistoryStore store;
    QVERIFY(!store.open(dbPath()));
    QVERIFY(store.error().startsWith(QStringLiteral("History is off:")));

    // Not a database at all: a read-only window leaves it as it is and says why ...
    const QString garbage = m_dir->filePath(QStringLiteral("garbage.sqlite"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    HistoryStore other;
    QVERIFY(!other.open(garbage, HistoryStore::Mode::ReadOnly));
    QVERIFY2(other.error().contains(QStringLiteral("not a readable database")),
             qPrintable(other.error()));
    QFile check(garbage);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), QByteArray(4096, 'x'));
    check.close();

    // ... the owner moves it aside (never deletes it) and starts a new history.
    {
        HistoryStore owner;
        QVERIFY2(owner.open(garbage), qPrintable(owner.error()));
        QVERIFY(owner.notice().contains(QStringLiteral("moved to")));
        QCOMPARE(owner.count(), 0);
        const QStringList aside =
                QDir(m_dir->path())
                        .entryList({QStringLiteral("garbage.sqlite.corrupt-*")}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QFile moved(m_dir->filePath(aside.first()));
        QVERIFY(moved.open(QIODevice::ReadOnly));
        QCOMPARE(moved.readAll(), QByteArray(4096, 'x'));
    }

    // A session with it still works, and says why there is no history.
    ChatSession session;
    session.setHistory(&other);
    QVERIFY(session.history() == nullptr);
    QCOMPARE(session.historyProblem(), other.error());
    QCOMPARE(session.messages()->append(makeMessage(0, QStringLiteral("x"))), quint64(1));
}

void tst_HistoryStore::readOnlyStoreWritesNothing()
{
    {
        HistoryStore owner;
        QVERIFY(owner.open(dbPath()));
        owner.record(makeMessages(1, 5));
    }
    HistoryStore reader;
    QVERIFY(!reader.open(m_dir->filePath(QStringLiteral("missing.sqlite")),
                         HistoryStore::Mode::ReadOnly));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("missing.sqlite"))));
    QVERIFY2(reader.open(dbPath(), HistoryStore::Mode::ReadOnly), qPrintable(reader.error()));
    QVERIFY(reader.isReadOnly());
    QCOMPARE(reader.page({}).size(), 5);
    reader.record(makeMessages(6, 5));
    reader.update(makeMessage(1, QStringLiteral("changed")));
    QVERIFY(reader.flush());
    QVERIFY(!reader.setPeerName(QStringLiteral("10.0.0.5"), QStringLiteral("x")));
    QCOMPARE(reader.prune(1, 0), 0);
    QCOMPARE(queryValue(dbPath(), QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 5);
    QCOMPARE(queryValue(dbPath(), QStringLiteral("SELECT text FROM messages WHERE id = 1"))
                     .toString(),
             QStringLiteral("message 1"));
}

void tst_HistoryStore::pruneKeepsCountCapAndCountsRemoved()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    store.record(makeMessages(1, 1000));
    QSignalSpy pruned(&store, &HistoryStore::pruned);
    QCOMPARE(store.prune(300, 0), 700);
    QCOMPARE(store.count(), 300);
    QCOMPARE(store.firstId(), quint64(701));
    QCOMPARE(store.prunedCount(), quint64(700));
    QCOMPARE(pruned.size(), 1);
    QCOMPARE(pruned.at(0).at(0).toLongLong(), 700);
    QCOMPARE(store.prune(300, 0), 0); // within the cap: nothing more
    QCOMPARE(pruned.size(), 1);
}

void tst_HistoryStore::pruneByAge()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    QList<ChatMessage> messages = makeMessages(1, 10);
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(1764000000000, Qt::UTC);
    for (int i = 0; i < messages.size(); ++i)
        messages[i].time = now.addDays(-(10 - i)); // 10 days old ... 1 day old
    store.record(messages);
    QCOMPARE(store.prune(0, 3, now), 7); // older than 3 days: 10..4 days old
    QCOMPARE(store.count(), 3);
    QCOMPARE(store.prunedCount(), quint64(7));
}

void tst_HistoryStore::limitsPruneAfterAFlushPastTheCap()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    store.setLimits(1000, 0);
    store.record(makeMessages(1, 2500));
    QVERIFY(store.flush());
    QCOMPARE(store.count(), 1000);
    QCOMPARE(store.prunedCount(), quint64(1500));
    QCOMPARE(store.page({}, 0, 1).constFirst().id, quint64(2500));
}

// Removing a message costs nearly twice what writing one does (its words leave the index), so
// during a flood the oldest stay: up to twice the limit; past that they go, a part at a time; and
// once no message came for the quiet time, the history is back at its limit. The quiet time is an
// hour, then 1 ms: nothing here depends on how fast the machine is.
void tst_HistoryStore::pruningWaitsForTheFloodToEnd()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    store.setLimits(10000, 0);
    // Some of it in the search index, as a history kept for a while is.
    store.setQuietMs(1);
    store.record(makeMessages(1, 9000));
    QTRY_VERIFY(store.indexedId() >= 9000);

    store.setQuietMs(3600 * 1000);
    store.record(makeMessages(9001, 6000));
    QTRY_COMPARE(store.lastFlushedId(), quint64(15000));
    QCOMPARE(store.count(), 15000);
    QCOMPARE(store.prunedCount(), quint64(0));

    // Past twice the limit: back to it, the newest kept.
    store.record(makeMessages(15001, 6000));
    QTRY_COMPARE(store.lastFlushedId(), quint64(21000));
    QTRY_COMPARE(store.count(), 10000);
    QCOMPARE(store.prunedCount(), quint64(11000));
    QCOMPARE(store.page({}, 0, 1).constFirst().id, quint64(21000));

    // Over it again, under twice: it waits for the quiet.
    store.record(makeMessages(21001, 5000));
    QTRY_COMPARE(store.lastFlushedId(), quint64(26000));
    QCOMPARE(store.count(), 15000);
    store.setQuietMs(1);
    QTRY_COMPARE(store.count(), 10000);
    QCOMPARE(store.prunedCount(), quint64(16000));
    QTRY_VERIFY(store.indexedId() >= 26000);
    // The index agrees with the table, and the file is whole.
    const QString problems = historyProblems(dbPath());
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void tst_HistoryStore::killDuringWritesKeepsEveryFlushedBatch()
{
    QProcess writer;
    writer.setProgram(QStringLiteral(UDPCHAT_HISTORYWRITER));
    writer.setArguments({dbPath()});
    writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    writer.start();
    QVERIFY(writer.waitForStarted());
    // Wait for several committed batches, then kill -9 in the middle of writing more.
    quint64 lastFlushed = 0;
    QByteArray out;
    const auto enoughFlushed = [&] {
        out += writer.readAllStandardOutput();
        const QList<QByteArray> lines = out.split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith("flushed="))
                lastFlushed = std::max(lastFlushed, line.mid(8).split(' ').value(0).toULongLong());
        }
        return lastFlushed >= 1500;
    };
    QTRY_VERIFY_WITH_TIMEOUT(enoughFlushed(), 20000);
    writer.kill(); // SIGKILL
    QVERIFY(writer.waitForFinished());
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
    out += writer.readAllStandardOutput();
    for (const QByteArray &line : out.split('\n')) {
        if (line.startsWith("flushed="))
            lastFlushed = std::max(lastFlushed, line.mid(8).split(' ').value(0).toULongLong());
    }

    QCOMPARE(queryValue(dbPath(), QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
    HistoryStore store;
    QVERIFY2(store.open(dbPath()), qPrintable(store.error()));
    // Everything up to the last reported batch, without a gap.
    QVERIFY2(store.lastId() >= lastFlushed,
             qPrintable(QStringLiteral("%1 < %2").arg(store.lastId()).arg(lastFlushed)));
    QCOMPARE(quint64(store.count()), store.lastId());
    QCOMPARE(store.firstId(), quint64(1));
    const QList<ChatMessage> last = store.page({}, 0, 1);
    QCOMPARE(last.constFirst().text, QStringLiteral("message %1").arg(store.lastId()));
}

void tst_HistoryStore::killDuringABacklogKeepsEveryCommit()
{
    // Recording much faster than SQLite writes: killed while a backlog waits, the database holds
    // every committed transaction, without a gap, and is intact.
    QProcess writer;
    writer.setProgram(QStringLiteral(UDPCHAT_HISTORYWRITER));
    writer.setArguments({dbPath(), QStringLiteral("--backlog")});
    writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    writer.start();
    QVERIFY(writer.waitForStarted());
    quint64 lastFlushed = 0;
    quint64 lastPending = 0;
    QByteArray out;
    const auto parse = [&] {
        out += writer.readAllStandardOutput();
        for (const QByteArray &line : out.split('\n')) {
            const QList<QByteArray> fields = line.split(' ');
            if (fields.size() == 2 && fields.at(0).startsWith("flushed=")) {
                const quint64 flushed = fields.at(0).mid(8).toULongLong();
                if (flushed >= lastFlushed) {
                    lastFlushed = flushed;
                    lastPending = fields.at(1).mid(8).toULongLong();
                }
            }
        }
    };
    // Several commits, with thousands of rows still waiting at the last one.
    QTRY_VERIFY_WITH_TIMEOUT((parse(), lastFlushed >= 20000 && lastPending >= 5000), 60000);
    writer.kill(); // SIGKILL
    QVERIFY(writer.waitForFinished());
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
    parse();

    QCOMPARE(queryValue(dbPath(), QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
    HistoryStore store;
    QVERIFY2(store.open(dbPath()), qPrintable(store.error()));
    QVERIFY2(store.lastId() >= lastFlushed,
             qPrintable(QStringLiteral("%1 < %2").arg(store.lastId()).arg(lastFlushed)));
    QCOMPARE(quint64(store.count()), store.lastId());
    QCOMPARE(store.firstId(), quint64(1));
    QCOMPARE(store.page({}, 0, 1).constFirst().text,
             QStringLiteral("message %1").arg(store.lastId()));
    // Restarted, the window shows the newest of them.
    ChatSession session;
    session.setHistory(&store);
    QCOMPARE(session.messages()->at(session.messages()->rowCount() - 1).id, store.lastId());
}

void tst_HistoryStore::lazyScrollbackKeepsTheModelValid()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    store.record(makeMessages(1, 1000));
    ChatSession session;
    MessageListModel *model = session.messages();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    session.setHistory(&store);
    // Start-up: only the latest page.
    QCOMPARE(model->rowCount(), MessageListModel::PageSize);
    QCOMPARE(model->at(0).id, quint64(1000 - MessageListModel::PageSize + 1));
    QCOMPARE(model->at(model->rowCount() - 1).id, quint64(1000));
    // Fetching only while the view shows the top.
    QVERIFY(!model->canFetchMore({}));
    model->setFetchOlderEnabled(true);
    int pages = 0;
    while (model->canFetchMore({})) {
        model->fetchMore({});
        ++pages;
        QVERIFY(pages < 10);
    }
    QCOMPARE(pages, 5); // 4 more pages of 200, then one that finds nothing more
    QCOMPARE(model->rowCount(), 1000);
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->at(row).id, quint64(row + 1));
}

void tst_HistoryStore::evictedRowsComeBackFromHistory()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    ChatSession session;
    MessageListModel *model = session.messages();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    session.setHistory(&store);
    model->setMaxRows(100);
    model->append(makeMessages(0, 250)); // ids given by the model: 1..250
    QCOMPARE(model->rowCount(), 100);
    QCOMPARE(model->at(0).id, quint64(151));
    model->setFetchOlderEnabled(true);
    QVERIFY(model->canFetchMore({}));
    model->fetchMore({}); // the rows that left the window are still in the history
    QCOMPARE(model->rowCount(), 250);
    QCOMPARE(model->at(0).id, quint64(1));
    QCOMPARE(model->at(0).text, QStringLiteral("message 0"));
    QVERIFY(!model->canFetchMore({}));
    // New rows bring the window back to the cap; what leaves can be fetched again.
    model->append(makeMessage(0, QStringLiteral("newest")));
    QCOMPARE(model->rowCount(), 100);
    QVERIFY(model->canFetchMore({}));
}

void tst_HistoryStore::clearDoesNotFetchClearedRowsBack()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    ChatSession session;
    session.setHistory(&store);
    MessageListModel *model = session.messages();
    model->append(makeMessages(0, 10));
    model->clear();
    model->setFetchOlderEnabled(true);
    model->fetchMore({});
    QCOMPARE(model->rowCount(), 0);
    model->append(makeMessage(0, QStringLiteral("after clear")));
    model->fetchMore({});
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(store.count(), 11); // cleared from the view, not from the history
}

void tst_HistoryStore::searchFindsAMessageThatIsNotLoaded()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    QList<ChatMessage> messages = makeMessages(1, 5000);
    messages[16].text = QStringLiteral("a Needle_in 100% of hay");
    messages[4000] = makeMessage(4001, QStringLiteral("needle sent"), QStringLiteral("10.0.0.9"),
                                 ChatMessage::Direction::Outgoing);
    store.record(messages);
    ChatSession session;
    session.setHistory(&store);
    QCOMPARE(session.messages()->rowOf(17), -1); // not loaded

    HistoryStore::Filter filter;
    filter.text = QStringLiteral("NEEDLE");
    QList<ChatMessage> found = store.page(filter, 0, 100);
    QCOMPARE(found.size(), 2);
    QCOMPARE(found.at(0).id, quint64(17));
    // LIKE wildcards in the search text are literal.
    filter.text = QStringLiteral("_in 100%");
    QCOMPARE(store.page(filter).size(), 1);
    filter.text = QStringLiteral("%");
    QCOMPARE(store.page(filter).size(), 1);
    // By direction and by peer.
    filter.text = QStringLiteral("needle");
    filter.direction = ChatMessage::Direction::Outgoing;
    found = store.page(filter);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.at(0).id, quint64(4001));
    filter.direction.reset();
    filter.peer = QStringLiteral("10.0.0.5");
    found = store.page(filter);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.at(0).id, quint64(17));
    // Slices cover the history piece by piece.
    QCOMPARE(store.count(filter), 1);
    filter.peer.clear();
    QCOMPARE(store.count(filter), 2);
    QCOMPARE(store.slice(filter, 1, 2000, 100).size(), 1);
    QCOMPARE(store.slice(filter, 2001, 5000, 100).size(), 1);
}

void tst_HistoryStore::slicedSearchFindsEverythingNewestFirst()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    QList<ChatMessage> messages = makeMessages(1, 3000);
    for (const int i : {5, 1499, 1500, 2999})
        messages[i].text = QStringLiteral("find me %1").arg(i);
    store.record(messages);
    HistorySearch search;
    search.setSliceIds(700);
    QSignalSpy found(&search, &HistorySearch::found);
    QSignalSpy finished(&search, &HistorySearch::finished);
    HistoryStore::Filter filter;
    filter.text = QStringLiteral("FIND ME");
    search.start(&store, filter);
    QVERIFY(search.isRunning()); // not in one call
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(found.size() >= 3); // from several slices
    QList<quint64> ids;
    for (const ChatMessage &m : search.results())
        ids << m.id;
    QCOMPARE(ids, (QList<quint64>{3000, 1501, 1500, 6}));
}

void tst_HistoryStore::peersGroupMappedAddresses()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    store.record({makeMessage(1, QStringLiteral("a"), QStringLiteral("::ffff:10.0.0.5")),
                  makeMessage(2, QStringLiteral("b"), QStringLiteral("10.0.0.5"),
                              ChatMessage::Direction::Outgoing),
                  makeMessage(3, QStringLiteral("c"), QStringLiteral("2001:db8::1"))});
    QVERIFY(store.flush());
    QList<HistoryStore::Peer> peers = store.peers();
    QCOMPARE(peers.size(), 2);
    QCOMPARE(peers.at(0).address, QStringLiteral("2001:db8::1")); // most recent first
    QCOMPARE(peers.at(1).address, QStringLiteral("10.0.0.5"));
    QCOMPARE(peers.at(1).messages, 2);
    QVERIFY(store.setPeerName(QStringLiteral("10.0.0.5"), QStringLiteral("  printer  ")));
    QVERIFY(store.setPeerFavourite(QStringLiteral("10.0.0.5"), 7000, true));
    QVERIFY(store.setPeerFavourite(QStringLiteral("192.0.2.8"), 9000, true)); // never talked to
    peers = store.peers();
    QCOMPARE(peers.size(), 3);
    const auto it = std::find_if(peers.cbegin(), peers.cend(), [](const HistoryStore::Peer &p) {
        return p.address == QStringLiteral("10.0.0.5");
    });
    QCOMPARE(it->name, QStringLiteral("printer"));
    QVERIFY(it->favourite);
    QCOMPARE(it->lastPort, quint16(7000));
    QCOMPARE(peers.constLast().address, QStringLiteral("192.0.2.8"));
    QCOMPARE(peers.constLast().lastPort, quint16(9000));
}

void tst_HistoryStore::conversationShowsOnePeer()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    store.record({makeMessage(1, QStringLiteral("a"), QStringLiteral("10.0.0.5")),
                  makeMessage(2, QStringLiteral("b"), QStringLiteral("10.0.0.6")),
                  makeMessage(3, QStringLiteral("c"), QStringLiteral("::ffff:10.0.0.5"))});
    ChatSession session;
    MessageListModel *model = session.messages();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    session.setHistory(&store);
    QCOMPARE(model->rowCount(), 3);
    session.showConversation(QStringLiteral("10.0.0.5"));
    QCOMPARE(model->rowCount(), 2);
    // Arriving messages of other peers are recorded, not shown.
    model->append(makeMessage(0, QStringLiteral("d"), QStringLiteral("10.0.0.6")));
    model->append(makeMessage(0, QStringLiteral("e"), QStringLiteral("::ffff:10.0.0.5")));
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->at(2).text, QStringLiteral("e"));
    session.showConversation(QString());
    QCOMPARE(model->rowCount(), 5);
}

void tst_HistoryStore::jumpLoadsTheMessagePage()
{
    HistoryStore store;
    QVERIFY(store.open(dbPath()));
    store.record(makeMessages(1, 3000));
    ChatSession session;
    MessageListModel *model = session.messages();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    session.setHistory(&store);
    const int row = session.showMessage(1234);
    QVERIFY(row >= 0);
    QCOMPARE(model->at(row).id, quint64(1234));
    QCOMPARE(model->at(model->rowCount() - 1).id, quint64(3000)); // contiguous to the newest
    QCOMPARE(session.showMessage(99999), -1);
}

QTEST_GUILESS_MAIN(tst_HistoryStore)
#include "tst_historystore.moc"
