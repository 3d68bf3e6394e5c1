// Exports parse back: CSV, JSON Lines and pcapng (read with a small parser here, and with
// tshark when it is installed).

#include "core/history/historyexport.h"
#include "core/net/endpoint.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

namespace {
ChatMessage message(quint64 id, const QString &peer, ChatMessage::Direction direction,
                    const QByteArray &payload)
{
    ChatMessage m;
    m.id = id;
    m.direction = direction;
    m.status = direction == ChatMessage::Direction::Incoming ? ChatMessage::Status::Received
                                                             : ChatMessage::Status::Sent;
    m.peerAddress = QHostAddress(peer);
    m.peerPort = 40000 + quint16(id);
    m.time = QDateTime::fromMSecsSinceEpoch(1764114343123 + qint64(id), Qt::UTC);
    m.payload = payload;
    m.text = QString::fromUtf8(payload);
    m.encoding = QStringLiteral("UTF-8");
    return m;
}

QList<ChatMessage> sample()
{
    return {message(1, QStringLiteral("::ffff:10.0.0.5"), ChatMessage::Direction::Incoming,
                    QByteArray("hello, \"world\"\nline 2")),
            message(2, QStringLiteral("2001:db8::7"), ChatMessage::Direction::Outgoing,
                    QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd").toUtf8()),
            message(3, QStringLiteral("192.0.2.1"), ChatMessage::Direction::Outgoing,
                    QByteArray("=1+2")),
            message(4, QStringLiteral("10.0.0.5"), ChatMessage::Direction::Incoming,
                    QByteArray("odd", 3))};
}

HistoryExport::Source listSource(const QList<ChatMessage> &messages)
{
    return [messages](quint64 fromId, int limit) {
        QList<ChatMessage> out;
        for (const ChatMessage &m : messages) {
            if (m.id >= fromId && out.size() < limit)
                out.append(m);
        }
        return out;
    };
}

// RFC 4180 fields of one record starting at @p pos.
QStringList parseCsvRecord(const QString &text, qsizetype &pos)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    while (pos < text.size()) {
        const QChar c = text[pos++];
        if (quoted) {
            if (c == u'"' && pos < text.size() && text[pos] == u'"') {
                field += u'"';
                ++pos;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            fields << field;
            field.clear();
        } else if (c == u'\r') {
        } else if (c == u'\n') {
            break;
        } else {
            field += c;
        }
    }
    fields << field;
    return fields;
}

quint16 onesComplement(const QByteArray &bytes)
{
    quint32 sum = 0;
    for (qsizetype i = 0; i + 1 < bytes.size(); i += 2)
        sum += quint32(uchar(bytes[i]) << 8 | uchar(bytes[i + 1]));
    if (bytes.size() % 2)
        sum += quint32(uchar(bytes.back()) << 8);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(sum);
}

struct Packet
{
    quint64 timestampUs = 0;
    QByteArray data;
};

// A small pcapng reader: checks the block structure and returns the packets.
QList<Packet> readPcapng(const QByteArray &file, QString *problem)
{
    QList<Packet> packets;
    qsizetype pos = 0;
    auto u32 = [&](qsizetype at) { return qFromLittleEndian<quint32>(file.constData() + at); };
    bool sawHeader = false;
    bool sawInterface = false;
    while (pos + 12 <= file.size()) {
        const quint32 type = u32(pos);
        const quint32 length = u32(pos + 4);
        if (length < 12 || length % 4 || pos + length > file.size()
            || u32(pos + length - 4) != length) {
            *problem = QStringLiteral("bad block at %1").arg(pos);
            return {};
        }
        if (type == 0x0A0D0D0A) {
            sawHeader = u32(pos + 8) == 0x1A2B3C4D;
        } else if (type == 1) {
            sawInterface = qFromLittleEndian<quint16>(file.constData() + pos + 8) == 101;
        } else if (type == 6) {
            Packet p;
            p.timestampUs = quint64(u32(pos + 12)) << 32 | u32(pos + 16);
            const quint32 captured = u32(pos + 20);
            p.data = file.mid(pos + 28, captured);
            packets.append(p);
        }
        pos += length;
    }
    if (!sawHeader || !sawInterface || pos != file.size())
        *problem = QStringLiteral("missing header or interface, or trailing bytes");
    return packets;
}
} // namespace

class tst_HistoryExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void csvParsesBack();
    void textLogReadsAsAConversation();
    void jsonLinesParseBack();
    void pcapngParsesBackWithCorrectChecksums();
    void pcapngOpensInTshark();
    void largeExportCanBeCancelledAndLeavesNoFile();
    void formatFromFileName();
    void csvAndJsonNameTheSameFields();

private:
    QString exportTo(const QString &name, const QList<ChatMessage> &messages);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_HistoryExport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString tst_HistoryExport::exportTo(const QString &name, const QList<ChatMessage> &messages)
{
    const QString path = m_dir->filePath(name);
    HistoryExport exporter;
    QSignalSpy finished(&exporter, &HistoryExport::finished);
    if (!exporter.start(listSource(messages), messages.size(), path, HistoryExport::formatFor(name),
                        6666))
        return QString();
    if (!finished.wait(10000) || !finished.at(0).at(0).toBool())
        return QString();
    return path;
}

void tst_HistoryExport::csvParsesBack()
{
    const QString path = exportTo(QStringLiteral("out.csv"), sample());
    QVERIFY(!path.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    qsizetype pos = 0;
    const QStringList header = parseCsvRecord(text, pos);
    QCOMPARE(header.first(), QStringLiteral("id"));
    const int timeColumn = int(header.indexOf(QStringLiteral("time")));
    const int textColumn = int(header.indexOf(QStringLiteral("text")));
    const int hexColumn = int(header.indexOf(QStringLiteral("hex")));
    const int peerColumn = int(header.indexOf(QStringLiteral("peer")));
    const QList<ChatMessage> messages = sample();
    for (const ChatMessage &m : messages) {
        const QStringList row = parseCsvRecord(text, pos);
        QCOMPARE(row.size(), header.size());
        QCOMPARE(row.at(0).toULongLong(), m.id);
        QCOMPARE(row.at(timeColumn), HistoryExport::isoTime(m.time));
        QCOMPARE(QByteArray::fromHex(row.at(hexColumn).toLatin1()), m.payload);
        if (m.id == 3) // a formula is defused; the bytes are exact in the hex column
            QCOMPARE(row.at(textColumn), QStringLiteral("'=1+2"));
        else
            QCOMPARE(row.at(textColumn), m.text);
    }
    QCOMPARE(pos, text.size());
    QVERIFY(text.contains(QStringLiteral("2025-11-25T23:45:43.124Z")));
    pos = 0;
    parseCsvRecord(text, pos);
    QCOMPARE(parseCsvRecord(text, pos).at(peerColumn), QStringLiteral("10.0.0.5"));
}

void tst_HistoryExport::jsonLinesParseBack()
{
    const QString path = exportTo(QStringLiteral("out.jsonl"), sample());
    QVERIFY(!path.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    const QList<ChatMessage> messages = sample();
    QCOMPARE(lines.size(), messages.size() + 1);
    QVERIFY(lines.last().isEmpty());
    for (int i = 0; i < messages.size(); ++i) {
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(lines.at(i), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const ChatMessage &m = messages.at(i);
        QCOMPARE(o.value(QStringLiteral("id")).toInteger(), qint64(m.id));
        QCOMPARE(o.value(QStringLiteral("text")).toString(), m.text);
        QCOMPARE(QByteArray::fromHex(o.value(QStringLiteral("hex")).toString().toLatin1()),
                 m.payload);
        QCOMPARE(QDateTime::fromString(o.value(QStringLiteral("time")).toString(),
                                       Qt::ISODateWithMs),
                 m.time);
        QCOMPARE(o.value(QStringLiteral("direction")).toString(),
                 m.isIncoming() ? QStringLiteral("in") : QStringLiteral("out"));
    }
}

void tst_HistoryExport::pcapngParsesBackWithCorrectChecksums()
{
    const QString path = exportTo(QStringLiteral("out.pcapng"), sample());
    QVERIFY(!path.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString problem;
    const QList<Packet> packets = readPcapng(file.readAll(), &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QList<ChatMessage> messages = sample();
    QCOMPARE(packets.size(), messages.size());
    for (int i = 0; i < messages.size(); ++i) {
        const ChatMessage &m = messages.at(i);
        const QByteArray &d = packets.at(i).data;
        QCOMPARE(packets.at(i).timestampUs, quint64(m.time.toMSecsSinceEpoch()) * 1000);
        const bool v4 = (uchar(d[0]) >> 4) == 4;
        QCOMPARE(v4, normalizedAddress(m.peerAddress).protocol() == QAbstractSocket::IPv4Protocol);
        const int ipLength = v4 ? 20 : 40;
        QByteArray src = v4 ? d.mid(12, 4) : d.mid(8, 16);
        QByteArray dst = v4 ? d.mid(16, 4) : d.mid(24, 16);
        if (v4) {
            QCOMPARE(onesComplement(d.left(20)), quint16(0xffff)); // header checksum
            QCOMPARE(qFromBigEndian<quint16>(d.constData() + 2), quint16(d.size()));
            QCOMPARE(uchar(d[9]), uchar(17));
        } else {
            QCOMPARE(qFromBigEndian<quint16>(d.constData() + 4), quint16(d.size() - 40));
            QCOMPARE(uchar(d[6]), uchar(17));
        }
        const QByteArray udp = d.mid(ipLength);
        QCOMPARE(qFromBigEndian<quint16>(udp.constData() + 4), quint16(udp.size()));
        QCOMPARE(udp.mid(8), m.payload);
        const quint16 peerPort =
                qFromBigEndian<quint16>(udp.constData() + (m.isIncoming() ? 0 : 2));
        QCOMPARE(peerPort, m.peerPort);
        const quint16 ourPort = qFromBigEndian<quint16>(udp.constData() + (m.isIncoming() ? 2 : 0));
        QCOMPARE(ourPort, quint16(6666));
        const QByteArray peerBytes = m.isIncoming() ? src : dst;
        const QHostAddress peer = normalizedAddress(m.peerAddress);
        if (v4)
            QCOMPARE(qFromBigEndian<quint32>(peerBytes.constData()), peer.toIPv4Address());
        // UDP checksum over the pseudo header verifies to 0xffff.
        QByteArray pseudo = src + dst;
        if (v4) {
            pseudo.append(char(0)).append(char(17));
            pseudo.append(char(udp.size() >> 8)).append(char(udp.size() & 0xff));
        } else {
            pseudo.append(QByteArray(2, '\0'));
            pseudo.append(char(udp.size() >> 8)).append(char(udp.size() & 0xff));
            pseudo.append(QByteArray(3, '\0')).append(char(17));
        }
        QVERIFY(qFromBigEndian<quint16>(udp.constData() + 6) != 0);
        QCOMPARE(onesComplement(pseudo + udp), quint16(0xffff));
    }
}

void tst_HistoryExport::pcapngOpensInTshark()
{
    const QString tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
    if (tshark.isEmpty())
        QSKIP("tshark is not installed (apt-get install tshark); the pcapng is still checked by "
              "pcapngParsesBackWithCorrectChecksums");
    const QString path = exportTo(QStringLiteral("out.pcapng"), sample());
    QVERIFY(!path.isEmpty());
    QProcess process;
    process.start(tshark,
                  {QStringLiteral("-r"), path, QStringLiteral("-o"),
                   QStringLiteral("udp.check_checksum:TRUE"), QStringLiteral("-o"),
                   QStringLiteral("ip.check_checksum:TRUE"), QStringLiteral("-T"),
                   QStringLiteral("fields"), QStringLiteral("-e"), QStringLiteral("udp.srcport"),
                   QStringLiteral("-e"), QStringLiteral("udp.checksum.status"),
                   QStringLiteral("-e"), QStringLiteral("data.data")});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
    const QList<ChatMessage> messages = sample();
    QCOMPARE(lines.size(), messages.size());
    for (int i = 0; i < messages.size(); ++i) {
        const QList<QByteArray> fields = lines.at(i).split('\t');
        QCOMPARE(fields.size(), 3);
        const ChatMessage &m = messages.at(i);
        QCOMPARE(fields.at(0).toUInt(), m.isIncoming() ? uint(m.peerPort) : 6666u);
        QCOMPARE(fields.at(1), QByteArray("1")); // good checksum
        QCOMPARE(QByteArray::fromHex(fields.at(2)), m.payload);
    }
}

void tst_HistoryExport::largeExportCanBeCancelledAndLeavesNoFile()
{
    QList<ChatMessage> many;
    for (quint64 id = 1; id <= 20000; ++id)
        many.append(message(id, QStringLiteral("10.0.0.5"), ChatMessage::Direction::Incoming,
                            QByteArray("flood")));
    const QString path = m_dir->filePath(QStringLiteral("big.jsonl"));
    HistoryExport exporter;
    QSignalSpy progress(&exporter, &HistoryExport::progress);
    QSignalSpy finished(&exporter, &HistoryExport::finished);
    QVERIFY(exporter.start(listSource(many), many.size(), path, HistoryExport::Format::JsonLines,
                           6666));
    QVERIFY(exporter.isRunning()); // chunked through the event loop, not in one call
    QVERIFY(progress.wait(5000));
    QCOMPARE(progress.at(0).at(0).toLongLong(), qint64(HistoryExport::ChunkSize));
    QCOMPARE(progress.at(0).at(1).toLongLong(), qint64(20000));
    exporter.cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(exporter.error().isEmpty());
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files).size(), 0); // no temporary file left
}

void tst_HistoryExport::formatFromFileName()
{
    QCOMPARE(HistoryExport::formatFor(QStringLiteral("a.CSV")), HistoryExport::Format::Csv);
    QCOMPARE(HistoryExport::formatFor(QStringLiteral("a.pcapng")), HistoryExport::Format::Pcapng);
    QCOMPARE(HistoryExport::formatFor(QStringLiteral("a.jsonl")), HistoryExport::Format::JsonLines);
    QCOMPARE(HistoryExport::formatFor(QStringLiteral("chat.txt")), HistoryExport::Format::Text);
    QCOMPARE(HistoryExport::formatFor(QStringLiteral("chat.LOG")), HistoryExport::Format::Text);
}

void tst_HistoryExport::textLogReadsAsAConversation()
{
    const QList<ChatMessage> messages = sample();
    const QString path = m_dir->filePath(QStringLiteral("chat.txt"));
    HistoryExport exporter;
    QSignalSpy finished(&exporter, &HistoryExport::finished);
    QVERIFY(exporter.start(listSource(messages), messages.size(), path,
                           HistoryExport::formatFor(path), 0));
    QVERIFY(finished.wait(5000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    // One line per message (and the final newline), the text's own line break escaped.
    QCOMPARE(lines.size(), messages.size() + 1);
    const QString time =
            messages.at(0).time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QCOMPARE(QString::fromUtf8(lines.at(0)),
             time + QStringLiteral(" from 10.0.0.5:40001: hello, \"world\"\\nline 2"));
    QVERIFY2(lines.at(1).contains(" to [2001:db8::7]:40002: "), lines.at(1).constData());
    QVERIFY(lines.at(1).endsWith(QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd").toUtf8()));
    // Controls and bidi marks never reach a terminal that shows the log.
    ChatMessage hostile = messages.at(0);
    hostile.text = QStringLiteral("\x1b[31mred\u202e");
    QCOMPARE(HistoryExport::textLine(hostile).count('\x1b'), 0);
}

// Issue 15: JSON Lines called a field decodedCleanly while CSV called it decoded_cleanly. One
// spelling (snake_case, as CSV columns), the same fields in the same order, as docs/export.md
// lists them.
void tst_HistoryExport::csvAndJsonNameTheSameFields()
{
    const QList<QByteArray> columns = HistoryExport::csvHeader().trimmed().split(',');
    const QStringList expected{QStringLiteral("id"),        QStringLiteral("time"),
                               QStringLiteral("direction"), QStringLiteral("status"),
                               QStringLiteral("peer"),      QStringLiteral("port"),
                               QStringLiteral("encoding"),  QStringLiteral("text"),
                               QStringLiteral("hex"),       QStringLiteral("decoded_cleanly"),
                               QStringLiteral("error"),     QStringLiteral("mode"),
                               QStringLiteral("name")};
    QStringList csv;
    for (const QByteArray &column : columns)
        csv << QString::fromLatin1(column);
    QCOMPARE(csv, expected);
    for (const ChatMessage &m : sample()) {
        const QByteArray line = HistoryExport::jsonLine(m);
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o.keys().size(), expected.size());
        // In the order of the line, as CSV has them.
        qsizetype previous = -1;
        for (const QString &key : expected) {
            QVERIFY2(o.contains(key), qPrintable(key));
            const qsizetype at = line.indexOf('"' + key.toLatin1() + "\":");
            QVERIFY2(at > previous, qPrintable(key));
            previous = at;
        }
        QCOMPARE(o.value(QStringLiteral("decoded_cleanly")).toBool(), m.decodedCleanly);
    }
}

QTEST_GUILESS_MAIN(tst_HistoryExport)
#include "tst_historyexport.moc"
