#include "core/chat/chatmessage.h"

#include "core/net/endpoint.h"

#include <QUrl>

namespace {
const QString kPrefix = QStringLiteral("ipmsg:");
}

QString ChatMessage::ipMsgConversation(const QString &user, const QString &host,
                                       const QHostAddress &address)
{
    // '@' and '/' separate the parts, so they are encoded in the names (as is everything else
    // outside the unreserved set: the key is ASCII).
    return kPrefix + QString::fromLatin1(QUrl::toPercentEncoding(user)) + u'@'
           + QString::fromLatin1(QUrl::toPercentEncoding(host)) + u'/'
           + displayAddress(normalizedAddress(address));
}

ChatMessage::IpMsgPerson ChatMessage::ipMsgPerson(const QString &conversation)
{
    IpMsgPerson person;
    if (!conversation.startsWith(kPrefix))
        return person;
    const QString rest = conversation.mid(kPrefix.size());
    const qsizetype at = rest.indexOf(u'@');
    const qsizetype slash = rest.indexOf(u'/', at + 1);
    if (at < 0 || slash < 0)
        return person;
    person.user = QUrl::fromPercentEncoding(rest.left(at).toLatin1());
    person.host = QUrl::fromPercentEncoding(rest.mid(at + 1, slash - at - 1).toLatin1());
    person.address = rest.mid(slash + 1);
    return person;
}
