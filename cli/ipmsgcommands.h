#pragma once

#include "clioptions.h"
#include "command.h"
#include "core/ipmsg/ipmsgchat.h"
#include "core/ipmsg/ipmsgsession.h"

#include <QSet>
#include <QTimer>

/// `udpchat-cli ipmsg listen`: announces us, prints each person who appears and each message
/// (a line or a JSON object each), and with --receive-files saves every file offered, reporting
/// each one. The window's core (IpMsgSession, IpMsgChat), without a window.
class IpMsgListenCommand : public Command
{
    Q_OBJECT
public:
    explicit IpMsgListenCommand(const IpMsgListenOptions &options);
    void start() override;
    void interrupt(int signalNumber) override;

private:
    void onPeers();
    void onMessages(const QList<ChatMessage> &messages);
    void onSaved(quint64 id, const QString &path);
    void onTransferFinished(quint64 id, bool ok, const QString &sentence);
    void counted();
    void print(const QByteArray &line);
    void finish(int status);

    IpMsgListenOptions m_options;
    IpMsgSession m_session;
    IpMsgChat m_chat{m_session};
    QSet<QString> m_peersShown;
    qint64 m_messages = 0;
    QTimer m_timeout;
    bool m_done = false;
};

/// `udpchat-cli ipmsg send`: introduces us to one peer (BR_ENTRY to it alone, nothing broadcast),
/// again each second until it answers, sends TEXT with the --file attachments then, and exits 0
/// when the receipt came and every attachment was fetched whole; 1 on timeout, failure or when the
/// peer rejects the files.
class IpMsgSendCommand : public Command
{
    Q_OBJECT
public:
    explicit IpMsgSendCommand(const IpMsgSendOptions &options);
    void start() override;
    void interrupt(int signalNumber) override;

private:
    void onPeers();
    void check();
    void finish(int status);

    IpMsgSendOptions m_options;
    IpMsgSession m_session;
    quint64 m_sent = 0;
    QSet<quint32> m_served; // file ids fetched whole
    QTimer m_timeout;
    QTimer m_introduce; // BR_ENTRY again until the peer answers (it may start after us)
    bool m_done = false;
};
