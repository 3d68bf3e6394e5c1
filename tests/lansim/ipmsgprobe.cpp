// A headless IP Messenger peer built from udpchat's core (IpMsgSession), for the lan-sim
// integration test: it announces itself, waits for a peer, sends it a message and reports whether
// the message was confirmed; or it waits for messages to arrive.
//
// It broadcasts on every interface, so it refuses to run unless every non-loopback IPv4 address of
// this network namespace is in lan-sim's 10.99.0.0/24 (i.e. it runs inside `lan-sim run K`).

#include "core/ipmsg/ipmsgsession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkInterface>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>

namespace {
void say(const QString &line)
{
    std::fputs((line + u'\n').toUtf8().constData(), stdout);
    std::fflush(stdout);
}

bool insideLanSim()
{
    const auto subnet = QHostAddress::parseSubnet(QStringLiteral("10.99.0.0/24"));
    bool any = false;
    for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
        if (a.isLoopback() || a.protocol() != QAbstractSocket::IPv4Protocol)
            continue;
        if (!a.isInSubnet(subnet))
            return false;
        any = true;
    }
    return any;
}
// Fetches the files of @p m one after the other into @p folder, saying each result, then calls
// @p done.
void fetchAll(IpMsgSession &session, const IpMsgSession::Message &m, const QString &folder,
              std::function<void()> done, int index = 0)
{
    if (index >= m.files.size()) {
        done();
        return;
    }
    const IpMsg::FileEntry file = m.files.at(index);
    std::shared_ptr<IpMsgFileFetch> fetch = session.fetchFile(m.id, file.fileId, folder);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    QObject::connect(
            fetch.get(), &IpMsgFileFetch::finished, fetch.get(),
            [&session, m, folder, done, index, fetch, clock, file](bool ok, const QString &why) {
                say(QStringLiteral("fetched name=%1 ok=%2 bytes=%3 ms=%4 %5")
                            .arg(file.name)
                            .arg(ok ? 1 : 0)
                            .arg(fetch->received())
                            .arg(clock->elapsed())
                            .arg(why));
                QTimer::singleShot(0, [&session, m, folder, done, index, fetch] {
                    fetchAll(session, m, folder, done, index + 1);
                });
            });
    fetch->start();
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("UDP port"),
                                  QStringLiteral("port"), QStringLiteral("2425"));
    const QCommandLineOption nickname(QStringLiteral("nickname"), QStringLiteral("our nickname"),
                                      QStringLiteral("name"), QStringLiteral("probe"));
    const QCommandLineOption expectNickname(QStringLiteral("expect-nickname"),
                                            QStringLiteral("wait for a peer with this nickname"),
                                            QStringLiteral("name"));
    const QCommandLineOption expectVersion(QStringLiteral("expect-version"),
                                           QStringLiteral("wait for a peer whose version field "
                                                          "starts with this"),
                                           QStringLiteral("prefix"));
    const QCommandLineOption send(QStringLiteral("send"),
                                  QStringLiteral("send this to the expected peer and wait for "
                                                 "its RECVMSG"),
                                  QStringLiteral("text"));
    const QCommandLineOption waitMessages(QStringLiteral("wait-messages"),
                                          QStringLiteral("exit 0 once this many arrived"),
                                          QStringLiteral("count"), QStringLiteral("0"));
    const QCommandLineOption timeout(QStringLiteral("timeout-ms"), QStringLiteral("give up"),
                                     QStringLiteral("ms"), QStringLiteral("15000"));
    const QCommandLineOption sendFile(QStringLiteral("send-file"),
                                      QStringLiteral("offer this file or folder with --send"),
                                      QStringLiteral("path"));
    const QCommandLineOption receiveFiles(QStringLiteral("receive-files"),
                                          QStringLiteral("fetch every file offered into this "
                                                         "folder; a message counts once saved"),
                                          QStringLiteral("folder"));
    parser.addOptions({port, nickname, expectNickname, expectVersion, send, waitMessages, timeout,
                       sendFile, receiveFiles});
    parser.addHelpOption();
    parser.process(app);

    if (!insideLanSim()) {
        say(QStringLiteral("error: refusing to broadcast outside lan-sim (10.99.0.0/24)"));
        return 3;
    }

    IpMsgSession session;
    IpMsgSession::Identity id = IpMsgSession::defaultIdentity();
    id.nickname = parser.value(nickname);
    id.group = QStringLiteral("udpchat-test");
    session.setIdentity(id);
    session.setRetryPolicy(1000, 4);
    const int wantMessages = parser.value(waitMessages).toInt();
    int gotMessages = 0;
    bool sent = false;
    int status = -1;
    const auto finish = [&](int code) {
        if (status >= 0)
            return;
        status = code;
        // Let the last datagrams (acks) leave before BR_EXIT and exit.
        QTimer::singleShot(300, &app, [&session] {
            session.stop();
            QCoreApplication::quit();
        });
    };
    const auto matches = [&](const IpMsgSession::Peer &p) {
        if (parser.isSet(expectNickname) && p.nickname != parser.value(expectNickname))
            return false;
        if (parser.isSet(expectVersion) && !p.version.startsWith(parser.value(expectVersion)))
            return false;
        return parser.isSet(expectNickname) || parser.isSet(expectVersion);
    };

    QObject::connect(&session, &IpMsgSession::peersChanged, &app, [&] {
        for (const IpMsgSession::Peer &p : session.peers()) {
            if (sent || !matches(p))
                continue;
            say(QStringLiteral("peer nickname=%1 user=%2 host=%3 group=%4 version=%5 at=%6:%7 "
                               "utf8=%8 encoding=%9")
                        .arg(p.nickname, p.user, p.host, p.group, p.version,
                             displayAddress(p.address))
                        .arg(p.port)
                        .arg(p.utf8 ? 1 : 0)
                        .arg(p.encoding));
            if (!parser.isSet(send)) {
                sent = true;
                if (wantMessages == 0)
                    finish(0);
                continue;
            }
            QString error;
            const quint64 mid = parser.isSet(sendFile)
                                        ? session.sendFiles(p.key, parser.value(send),
                                                            parser.values(sendFile), &error)
                                        : session.sendMessage(p.key, parser.value(send), &error);
            sent = true;
            if (!mid) {
                say(QStringLiteral("error: %1").arg(error));
                finish(1);
            }
        }
    });
    QObject::connect(&session, &IpMsgSession::deliveryChanged, &app,
                     [&](quint64 mid, IpMsgSession::Delivery delivery) {
                         const IpMsgSession::Message *m = session.message(mid);
                         say(QStringLiteral("delivery %1 attempts=%2")
                                     .arg(IpMsgSession::describe(delivery))
                                     .arg(m ? m->attempts : 0));
                         if (delivery == IpMsgSession::Delivery::Delivered && wantMessages == 0)
                             finish(0);
                         else if (delivery == IpMsgSession::Delivery::NotConfirmed)
                             finish(1);
                     });
    QObject::connect(
            &session, &IpMsgSession::messageAdded, &app, [&](const IpMsgSession::Message &m) {
                if (!m.incoming)
                    return;
                say(QStringLiteral("received from=%1 encoding=%2 text=%3")
                            .arg(m.peerName, m.encoding, m.text));
                if (qEnvironmentVariableIsSet("IPMSG_PROBE_DEBUG")) {
                    say(QStringLiteral("  key=%1 own=%2")
                                .arg(m.peerKey)
                                .arg(session.counters().ownPackets));
                    for (const IpMsgSession::Peer &p : session.peers())
                        say(QStringLiteral("  peer key=%1 nick=%2").arg(p.key, p.nickname));
                }
                if (parser.isSet(receiveFiles) && !m.files.isEmpty()) {
                    fetchAll(session, m, parser.value(receiveFiles), [&, wantMessages] {
                        if (wantMessages > 0 && ++gotMessages >= wantMessages)
                            finish(0);
                    });
                    return;
                }
                if (wantMessages > 0 && ++gotMessages >= wantMessages)
                    finish(0);
            });
    QObject::connect(&session, &IpMsgSession::problem, &app,
                     [](const QString &s) { say(QStringLiteral("problem: %1").arg(s)); });
    QTimer::singleShot(parser.value(timeout).toInt(), &app, [&] {
        const auto c = session.counters();
        say(QStringLiteral("timeout: peers=%1 received=%2 malformed=%3 unknown=%4")
                    .arg(session.peers().size())
                    .arg(c.received)
                    .arg(c.malformed)
                    .arg(c.unknown));
        for (const IpMsgSession::Peer &p : session.peers())
            say(QStringLiteral("  seen nickname=%1 version=%2").arg(p.nickname, p.version));
        finish(1);
    });

    if (!session.start(quint16(parser.value(port).toUInt()))) {
        say(QStringLiteral("error: cannot listen: %1").arg(session.startError()));
        return 2;
    }
    QStringList targets;
    for (const Endpoint &e : session.broadcastTargets())
        targets.append(e.toString());
    say(QStringLiteral("listening port=%1 broadcast=%2")
                .arg(session.localPort())
                .arg(targets.join(u',')));
    QTimer refresh;
    // Discovery is a broadcast: announce again now and then in case the other side was not up.
    QObject::connect(&refresh, &QTimer::timeout, &session, &IpMsgSession::refresh);
    refresh.start(2000);
    app.exec();
    return status < 0 ? 1 : status;
}
