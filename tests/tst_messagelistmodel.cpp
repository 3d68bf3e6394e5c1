#include "core/chat/messagelistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {
ChatMessage incoming(const QString &text, quint16 port = 5000)
{
    ChatMessage m;
    m.direction = ChatMessage::Direction::Incoming;
    m.status = ChatMessage::Status::Received;
    m.peerAddress = QHostAddress(QStringLiteral("::ffff:10.0.0.5"));
    m.peerPort = port;
    m.time = QDateTime::currentDateTimeUtc();
    m.text = text;
    m.payload = text.toUtf8();
    return m;
}

QList<ChatMessage> batch(int count, const QString &prefix = QStringLiteral("m"))
{
    QList<ChatMessage> list;
    for (int i = 0; i < count; ++i)
        list.append(incoming(prefix + QString::number(i)));
    return list;
}
} // namespace

class tst_MessageListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void appendsBatchWithOneInsert();
    void rolesExposeTheMessage();
    void idsGrowAndFindRows();
    void capEvictsOldestFirst();
    void batchLargerThanCapKeepsNewest();
    void clearKeepsIdsGrowing();
    void emptyBatchIsNoOp();
    void redecodeReplacesTextOfThatRowOnly();
    void redecodeRefusesOutgoingUnknownAndGone();

private:
    MessageListModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void tst_MessageListModel::init()
{
    m_model = new MessageListModel(this);
    m_tester = new QAbstractItemModelTester(
            m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
}

void tst_MessageListModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

void tst_MessageListModel::appendsBatchWithOneInsert()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->append(batch(300));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 299);
    QCOMPARE(m_model->rowCount(), 300);
    m_model->append(batch(2, QStringLiteral("x")));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(m_model->rowCount(), 302);
    QCOMPARE(m_model->index(301).data(MessageListModel::TextRole).toString(), QStringLiteral("x1"));
}

void tst_MessageListModel::rolesExposeTheMessage()
{
    ChatMessage failed = incoming(QStringLiteral("hi"));
    failed.direction = ChatMessage::Direction::Outgoing;
    failed.status = ChatMessage::Status::Failed;
    failed.error = QStringLiteral("no route");
    failed.decodedCleanly = false;
    m_model->append(failed);
    const QModelIndex index = m_model->index(0);
    QCOMPARE(index.data(MessageListModel::TextRole).toString(), QStringLiteral("hi"));
    // What the view draws is the sanitised form.
    QCOMPARE(index.data().toString(), QStringLiteral("hi"));
    QCOMPARE(index.data(MessageListModel::DisplayTextRole).value<DisplayText>().text,
             index.data().toString());
    QCOMPARE(index.data(MessageListModel::PeerRole).toString(), QStringLiteral("10.0.0.5:5000"));
    QCOMPARE(index.data(MessageListModel::DirectionRole).toInt(),
             int(ChatMessage::Direction::Outgoing));
    QCOMPARE(index.data(MessageListModel::StatusRole).toInt(), int(ChatMessage::Status::Failed));
    QCOMPARE(index.data(MessageListModel::ErrorRole).toString(), QStringLiteral("no route"));
    QCOMPARE(index.data(MessageListModel::PayloadRole).toByteArray(), QByteArray("hi"));
    QCOMPARE(index.data(MessageListModel::DecodedCleanlyRole).toBool(), false);
    QCOMPARE(index.data(MessageListModel::TimeRole).toDateTime().timeSpec(), Qt::UTC);
    QCOMPARE(index.data(MessageListModel::MessageRole).value<ChatMessage>().text,
             QStringLiteral("hi"));
    QVERIFY(!index.data(Qt::DecorationRole).isValid());
    QVERIFY(m_model->roleNames().contains(MessageListModel::PeerRole));
}

void tst_MessageListModel::idsGrowAndFindRows()
{
    const quint64 last = m_model->append(batch(10));
    QCOMPARE(last, quint64(10));
    QCOMPARE(m_model->at(0).id, quint64(1));
    QCOMPARE(m_model->rowOf(7), 6);
    QCOMPARE(m_model->rowOf(11), -1);
    m_model->setMaxRows(5);
    QCOMPARE(m_model->rowOf(3), -1); // evicted
    QCOMPARE(m_model->rowOf(10), 4);
}

void tst_MessageListModel::capEvictsOldestFirst()
{
    m_model->setMaxRows(100);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    m_model->append(batch(80, QStringLiteral("a")));
    m_model->append(batch(50, QStringLiteral("b")));
    QCOMPARE(m_model->rowCount(), 100);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(m_model->evictedCount(), quint64(30));
    QCOMPARE(m_model->index(0).data(MessageListModel::TextRole).toString(), QStringLiteral("a30"));
    QCOMPARE(m_model->index(99).data(MessageListModel::TextRole).toString(), QStringLiteral("b49"));
}

void tst_MessageListModel::batchLargerThanCapKeepsNewest()
{
    m_model->setMaxRows(10);
    m_model->append(batch(3, QStringLiteral("old")));
    m_model->append(batch(25));
    QCOMPARE(m_model->rowCount(), 10);
    QCOMPARE(m_model->index(0).data(MessageListModel::TextRole).toString(), QStringLiteral("m15"));
    QCOMPARE(m_model->index(9).data(MessageListModel::TextRole).toString(), QStringLiteral("m24"));
    QCOMPARE(m_model->evictedCount(), quint64(18));
}

void tst_MessageListModel::clearKeepsIdsGrowing()
{
    m_model->append(batch(3));
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->append(incoming(QStringLiteral("after"))), quint64(4));
}

void tst_MessageListModel::emptyBatchIsNoOp()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QCOMPARE(m_model->append(QList<ChatMessage>()), quint64(0));
    QCOMPARE(inserted.size(), 0);
}

void tst_MessageListModel::redecodeReplacesTextOfThatRowOnly()
{
    ChatMessage gbk = incoming(QString());
    gbk.payload = QByteArray::fromHex("c4e3bac3"); // 你好 in GBK: not valid UTF-8
    gbk.text = QString::fromUtf8(gbk.payload);
    gbk.encoding = QStringLiteral("UTF-8");
    gbk.decodedCleanly = false;
    m_model->append(incoming(QStringLiteral("before")));
    const quint64 id = m_model->append(gbk);
    m_model->append(incoming(QStringLiteral("after")));
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);

    QVERIFY(m_model->redecode(id, QStringLiteral("gbk")));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
    const QModelIndex row = m_model->index(1);
    const QString chinese = QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd");
    QCOMPARE(row.data(MessageListModel::TextRole).toString(), chinese);
    QCOMPARE(row.data(Qt::DisplayRole).toString(), chinese);
    QCOMPARE(row.data(MessageListModel::EncodingRole).toString(), QStringLiteral("GBK"));
    QVERIFY(row.data(MessageListModel::DecodedCleanlyRole).toBool());
    QCOMPARE(row.data(MessageListModel::PayloadRole).toByteArray(), gbk.payload); // unchanged
    QCOMPARE(row.data(MessageListModel::IdRole).toULongLong(), id);
    QCOMPARE(m_model->index(0).data(MessageListModel::TextRole).toString(),
             QStringLiteral("before"));

    // Back again: Latin-1 decodes anything, UTF-8 marks it invalid.
    QVERIFY(m_model->redecode(id, QStringLiteral("UTF-8")));
    QVERIFY(!row.data(MessageListModel::DecodedCleanlyRole).toBool());
    QVERIFY(row.data(MessageListModel::TextRole).toString().contains(QChar::ReplacementCharacter));
    // Displayed text is sanitised as on arrival: a control byte is escaped, not drawn.
    ChatMessage control = incoming(QString());
    control.payload = QByteArray("a\x1b[31mb");
    const quint64 controlId = m_model->append(control);
    QVERIFY(m_model->redecode(controlId, QStringLiteral("ISO-8859-1")));
    QVERIFY(!m_model->index(m_model->rowOf(controlId))
                     .data(Qt::DisplayRole)
                     .toString()
                     .contains(QChar(0x1b)));
}

void tst_MessageListModel::redecodeRefusesOutgoingUnknownAndGone()
{
    ChatMessage sent = incoming(QStringLiteral("mine"));
    sent.direction = ChatMessage::Direction::Outgoing;
    sent.status = ChatMessage::Status::Sent;
    sent.encoding = QStringLiteral("UTF-8");
    const quint64 sentId = m_model->append(sent);
    const quint64 id = m_model->append(incoming(QStringLiteral("theirs")));
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QVERIFY(!m_model->redecode(sentId, QStringLiteral("GBK")));
    QVERIFY(!m_model->redecode(id, QStringLiteral("no-such-encoding")));
    QVERIFY(!m_model->redecode(id, QStringLiteral("Hex")));
    QVERIFY(!m_model->redecode(id + 100, QStringLiteral("GBK")));
    m_model->clear();
    QVERIFY(!m_model->redecode(id, QStringLiteral("GBK")));
    QCOMPARE(changed.size(), 0);
}

QTEST_GUILESS_MAIN(tst_MessageListModel)
#include "tst_messagelistmodel.moc"
