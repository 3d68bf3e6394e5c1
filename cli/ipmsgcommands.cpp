#include "ipmsgcommands.h"

#include "console.h"
#include "core/net/endpoint.h"
#include "core/text/jsonline.h"
#include "core/text/textescape.h"

#include <QDateTime>
#include <QDir>

namespace {
IpMsgSession::Identity identityWith(const QString &nickname, const QString &group)
{
    IpMsgSession::Identity identity = IpMsgSession::defaultIdentity();
    if (!nickname.isEmpty())
        identity.nickname = nickname;
    identity.group = group;
    return identity;
}

QString now()
{
    return QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString utcNow()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
}

// A person as one line of a terminal: "Nick (user@host) 10.0.0.5:2425", remote text escaped.
QString who(const QString &nickname, const QString &conversation, const QHostAddress &address,
            quint16 port)
{
    const ChatMessage::IpMsgPerson person = ChatMessage::ipMsgPerson(conversation);
    return QStringLiteral("%1 (%2@%3) %4")
            .arg(TextEscape::forTerminal(nickname), TextEscape::forTerminal(person.user),
                 TextEscape::forTerminal(person.host), Endpoint{address, port}.toString());
}
} // namespace

IpMsgListenCommand::IpMsgListenCommand(const IpMsgListenOptions &options) : m_options(options)
{
    m_session.setIdentity(identityWith(options.nickname, options.group));
    if (!options.broadcast)
        m_session.setBroadcastTargets({});
    connect(&m_session, &IpMsgSession::peersChanged, this, &IpMsgListenCommand::onPeers);
    connect(&m_chat, &IpMsgChat::messagesReceived, this, &IpMsgListenCommand::onMessages);
    connect(m_chat.offers(), &IpMsgOffers::fileSaved, this, &IpMsgListenCommand::onSaved);
    connect(m_chat.offers(), &IpMsgOffers::finished, this, &IpMsgListenCommand::onTransferFinished);
    m_timeout.setSingleShot(true);
    m_timeout.setTimerType(Qt::PreciseTimer);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        Console::message(tr("--timeout came after %n message(s).", nullptr, int(m_messages)));
        finish(m_options.count > 0 ? ExitStatus::Failure : ExitStatus::Success);
    });
}

void IpMsgListenCommand::start()
{
    if (!m_options.receiveFiles.isEmpty() && !QFileInfo(m_options.receiveFiles).isDir()) {
        Console::message(tr("cannot save files: %1 is not a folder.")
                                 .arg(TextEscape::forTerminal(m_options.receiveFiles)));
        finish(ExitStatus::Failure);
        return;
    }
    if (!m_session.start(m_options.port)) {
        Console::message(tr("cannot listen: %1.").arg(m_session.startError()));
        finish(ExitStatus::Failure);
        return;
    }
    Console::message(tr("listening on UDP port %1 for IP Messenger as %2")
                             .arg(m_session.localPort())
                             .arg(TextEscape::forTerminal(m_session.identity().nickname)));
    if (!m_session.fileServerError().isEmpty())
        Console::message(m_session.fileServerError());
    if (m_options.timeoutMs > 0)
        m_timeout.start(m_options.timeoutMs);
}

void IpMsgListenCommand::interrupt(int)
{
    finish(ExitStatus::Success);
}

void IpMsgListenCommand::print(const QByteArray &line)
{
    if (!Console::writeOut(line)) {
        Console::message(tr("cannot write the output: %1").arg(Console::errorString()));
        finish(ExitStatus::Failure);
    }
}

void IpMsgListenCommand::onPeers()
{
    for (const IpMsgSession::Peer &p : m_session.peers()) {
        if (m_peersShown.contains(p.key) || m_peersShown.size() > IpMsgSession::MaxPeers)
            continue;
        m_peersShown.insert(p.key);
        const QString conversation = IpMsgSession::conversationOf(p);
        if (m_options.json) {
            print(JsonLine()
                          .addString(u"event", QStringLiteral("peer"))
                          .addString(u"time", utcNow())
                          .addString(u"nickname", p.displayName())
                          .addString(u"user", p.user)
                          .addString(u"host", p.host)
                          .addString(u"group", p.group)
                          .addString(u"address", displayAddress(p.address))
                          .addNumber(u"port", p.port)
                          .toLine());
        } else {
            print(QStringLiteral("%1  peer %2\n")
                          .arg(now(), who(p.displayName(), conversation, p.address, p.port))
                          .toUtf8());
        }
    }
}

void IpMsgListenCommand::onMessages(const QList<ChatMessage> &messages)
{
    for (const ChatMessage &m : messages) {
        if (m_options.json) {
            print(JsonLine()
                          .addString(u"event", QStringLiteral("message"))
                          .addString(u"time", utcNow())
                          .addString(u"nickname", m.peerName)
                          .addString(u"address", displayAddress(normalizedAddress(m.peerAddress)))
                          .addNumber(u"port", m.peerPort)
                          .addString(u"encoding", m.encoding)
                          .addString(u"text", m.text)
                          .toLine());
        } else {
            print(QStringLiteral("%1  %2  %3\n")
                          .arg(now(), who(m.peerName, m.conversation, m.peerAddress, m.peerPort),
                               TextEscape::forTerminal(m.text))
                          .toUtf8());
        }
        // Each message's files are fetched at once, beside the others.
        QString error;
        if (m_options.receiveFiles.isEmpty() || !m_chat.offers()->canSave(m.id))
            counted();
        else if (!m_chat.offers()->save(m.id, m_options.receiveFiles, &error))
            onTransferFinished(m.id, false, error);
    }
}

void IpMsgListenCommand::onSaved(quint64, const QString &path)
{
    if (m_options.json) {
        print(JsonLine()
                      .addString(u"event", QStringLiteral("file"))
                      .addString(u"time", utcNow())
                      .addString(u"saved", QDir::toNativeSeparators(path))
                      .toLine());
    } else {
        print(QStringLiteral("%1  saved %2\n")
                      .arg(now(), TextEscape::forTerminal(QDir::toNativeSeparators(path)))
                      .toUtf8());
    }
}

void IpMsgListenCommand::onTransferFinished(quint64, bool ok, const QString &sentence)
{
    if (!ok) {
        if (m_options.json) {
            print(JsonLine()
                          .addString(u"event", QStringLiteral("refused"))
                          .addString(u"time", utcNow())
                          .addString(u"reason", sentence)
                          .toLine());
        } else {
            print(QStringLiteral("%1  not saved: %2\n")
                          .arg(now(), TextEscape::forTerminal(sentence))
                          .toUtf8());
        }
    }
    counted();
}

void IpMsgListenCommand::counted()
{
    ++m_messages;
    if (m_options.count > 0 && m_messages >= m_options.count)
        finish(ExitStatus::Success);
}

void IpMsgListenCommand::finish(int status)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    m_session.stop(); // BR_EXIT: the others take us off their lists
    Q_EMIT finished(status);
}

IpMsgSendCommand::IpMsgSendCommand(const IpMsgSendOptions &options) : m_options(options)
{
    m_session.setIdentity(identityWith(options.nickname, QString()));
    // Introduced to this one peer only: nothing is broadcast.
    m_session.setBroadcastTargets({options.to});
    connect(&m_session, &IpMsgSession::peersChanged, this, &IpMsgSendCommand::onPeers);
    connect(&m_session, &IpMsgSession::deliveryChanged, this, &IpMsgSendCommand::check);
    connect(m_session.fileServer(), &IpMsgFileServer::served, this,
            [this](quint32, quint32 fileId, qint64) {
                m_served.insert(fileId);
                check();
            });
    connect(&m_session, &IpMsgSession::offerChanged, this, [this](quint64 id) {
        const IpMsgSession::Message *m = m_session.message(id);
        if (id == m_sent && m && m->offer == IpMsgSession::Offer::Rejected) {
            Console::message(tr("the peer rejected the files."));
            finish(ExitStatus::Failure);
        }
    });
    m_introduce.setInterval(1000);
    connect(&m_introduce, &QTimer::timeout, &m_session, &IpMsgSession::refresh);
    m_timeout.setSingleShot(true);
    m_timeout.setTimerType(Qt::PreciseTimer);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        const IpMsgSession::Message *m = m_session.message(m_sent);
        Console::message(!m ? tr("no answer from %1: is IP Messenger running there, on UDP port "
                                 "%2?")
                                         .arg(displayAddress(m_options.to.address))
                                         .arg(m_options.to.port)
                         : m->delivery != IpMsgSession::Delivery::Delivered
                                 ? tr("sent, but no receipt came.")
                                 : tr("delivered; %1 of %2 files were fetched.")
                                           .arg(m_served.size())
                                           .arg(m->files.size()));
        finish(ExitStatus::Failure);
    });
}

void IpMsgSendCommand::start()
{
    if (!m_session.start(m_options.port)) {
        Console::message(tr("cannot listen: %1.").arg(m_session.startError()));
        finish(ExitStatus::Failure);
        return;
    }
    m_introduce.start();
    m_timeout.start(m_options.timeoutMs);
}

void IpMsgSendCommand::interrupt(int)
{
    finish(ExitStatus::Failure);
}

void IpMsgSendCommand::onPeers()
{
    if (m_sent != 0)
        return;
    const QHostAddress to = normalizedAddress(m_options.to.address);
    for (const IpMsgSession::Peer &p : m_session.peers()) {
        if (!p.address.isEqual(to) || p.port != m_options.to.port)
            continue;
        m_introduce.stop();
        QString error;
        m_sent = m_options.files.isEmpty()
                         ? m_session.sendMessage(p.key, m_options.text, &error)
                         : m_session.sendFiles(p.key, m_options.text, m_options.files, &error);
        if (m_sent == 0 || !error.isEmpty()) {
            Console::message(error);
            finish(ExitStatus::Failure);
        }
        return;
    }
}

void IpMsgSendCommand::check()
{
    const IpMsgSession::Message *m = m_session.message(m_sent);
    if (!m)
        return;
    if (m->delivery == IpMsgSession::Delivery::NotConfirmed) {
        Console::message(tr("sent, but no receipt came after every retry."));
        finish(ExitStatus::Failure);
        return;
    }
    if (m->delivery == IpMsgSession::Delivery::Delivered && m_served.size() >= m->files.size()) {
        Console::message(m->files.isEmpty() ? tr("delivered.")
                                            : tr("delivered; every file was fetched whole."));
        finish(ExitStatus::Success);
    }
}

void IpMsgSendCommand::finish(int status)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    m_session.stop();
    Q_EMIT finished(status);
}
