#include "ui/chat/messageactions.h"

#include "core/chat/messagelistmodel.h"
#include "core/session/chatsession.h"
#include "core/session/encodingpolicy.h"

#include <QMenu>
#include <QPersistentModelIndex>

namespace {
constexpr int kStatusShownMs = 5000;
} // namespace

MessageActions::MessageActions(ChatSession &session, EncodingPolicy &encodings, QWidget *window)
    : MessageMenu(window), m_session(session), m_encodings(encodings)
{ }

void MessageActions::addPeerMenus(QMenu *menu, const QModelIndex &index)
{
    const QPersistentModelIndex row(index);
    const ChatMessage message = messageAt(index);
    const QString remembered = m_session.peerEncoding(message.peerAddress);
    QMenu *peerMenu =
            menu->addMenu(tr("Always Decode %1 As").arg(displayAddress(message.peerAddress)));
    peerMenu->setObjectName(QStringLiteral("decodePeerAsMenu"));
    const QStringList encodings = TextCodec::availableEncodings();
    for (const QString &name : encodings) {
        QAction *action = peerMenu->addAction(name);
        action->setCheckable(true);
        action->setChecked(name == remembered);
        connect(action, &QAction::triggered, this, [this, row, name] {
            if (row.isValid())
                decodeAs(row, name, true);
        });
    }
    if (remembered.isEmpty())
        return;
    peerMenu->addSeparator();
    QAction *forget = peerMenu->addAction(
            tr("Forget (Use the Receive Encoding, %1)").arg(m_session.receiveEncoding()));
    forget->setObjectName(QStringLiteral("forgetPeerEncodingAction"));
    connect(forget, &QAction::triggered, this, [this, row] {
        if (row.isValid())
            forgetPeerEncoding(row);
    });
}

bool MessageActions::decodeAs(const QModelIndex &index, const QString &encoding,
                              bool rememberForPeer)
{
    const ChatMessage message = messageAt(index);
    if (!redecode(index, encoding))
        return false;
    if (rememberForPeer) {
        m_encodings.choosePeerEncoding(message.peerAddress, encoding);
        Q_EMIT statusMessage(tr("Messages from %1 are now decoded as %2.")
                                     .arg(displayAddress(message.peerAddress), encoding),
                             kStatusShownMs);
    }
    return true;
}

void MessageActions::forgetPeerEncoding(const QModelIndex &index)
{
    m_encodings.choosePeerEncoding(messageAt(index).peerAddress, QString());
}

void MessageActions::replyToMessage(const QModelIndex &index)
{
    const ChatMessage message = messageAt(index);
    Q_EMIT replyRequested(Endpoint{message.peerAddress, message.peerPort});
}
