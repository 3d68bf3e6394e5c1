// A child process for tst_historystore: records messages into a history database as a chat under
// a flood would (a batch every few milliseconds, flushed by the store's own timer) and prints
// "flushed=<last id>" after every committed transaction, until it is killed. Not a test itself.

#include "core/history/historystore.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fputs("usage: udpchat_historywriter DATABASE\n", stderr);
        return 2;
    }
    HistoryStore store;
    if (!store.open(QString::fromLocal8Bit(argv[1]))) {
        std::fprintf(stderr, "%s\n", store.error().toLocal8Bit().constData());
        return 1;
    }
    QObject::connect(&store, &HistoryStore::flushed, [](quint64 lastId) {
        std::printf("flushed=%llu\n", static_cast<unsigned long long>(lastId));
        std::fflush(stdout);
    });
    quint64 next = store.lastId() + 1;
    QTimer batch;
    batch.setInterval(5);
    QObject::connect(&batch, &QTimer::timeout, [&] {
        QList<ChatMessage> messages;
        for (int i = 0; i < 50; ++i) {
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
