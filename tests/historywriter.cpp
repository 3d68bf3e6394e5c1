// A child process for tst_historystore: records messages into a history database as a chat under
// a flood would (a batch every few milliseconds, written by the store's writer thread) and prints
// "flushed=<last id> pending=<rows waiting>" after every committed transaction, until it is
// killed. With --backlog it records far faster than SQLite writes, so a backlog builds up.
// Not a test itself.

#include "core/history/historystore.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fputs("usage: udpchat_historywriter DATABASE [--backlog]\n", stderr);
        return 2;
    }
    const bool backlog = argc > 2 && qstrcmp(argv[2], "--backlog") == 0;
    const int perBatch = backlog ? 10000 : 50;
    HistoryStore store;
    if (!store.open(QString::fromLocal8Bit(argv[1]))) {
        std::fprintf(stderr, "%s\n", store.error().toLocal8Bit().constData());
        return 1;
    }
    QObject::connect(&store, &HistoryStore::flushed, [&store](quint64 lastId) {
        std::printf("flushed=%llu pending=%llu\n", static_cast<unsigned long long>(lastId),
                    static_cast<unsigned long long>(store.lastId() - store.lastFlushedId()));
        std::fflush(stdout);
    });
    quint64 next = store.lastId() + 1;
    QTimer batch;
    batch.setInterval(5);
    QObject::connect(&batch, &QTimer::timeout, [&] {
        QList<ChatMessage> messages;
        for (int i = 0; i < perBatch; ++i) {
            ChatMessage m;
            m.id = next;
            m.peerAddress = QHostAddress(QStringLiteral("::ffff:10.0.0.5"));
            m.peerPort = 6666;
            m.time = QDateTime::currentDateTimeUtc();
            m.payload = QByteArray("message ") + QByteArray::number(next);
            m.text = QString::fromLatin1(m.payload);
            m.encoding = QStringLiteral("UTF-8");
            messages.append(m);
            ++next;
        }
        store.record(messages);
    });
    batch.start();
    return QCoreApplication::exec();
}
