#include "ui/chat/chatpage.h"

#include "core/config/settings.h"
#include "core/config/settingssaver.h"
#include "core/session/chatsession.h"
#include "core/session/encodingpolicy.h"
#include "ui/chat/composer.h"
#include "ui/chat/endpointbar.h"
#include "ui/chat/messageactions.h"
#include "ui/common/messageview.h"

#include <QEvent>
#include <QMenu>
#include <QVBoxLayout>

namespace {
constexpr int kReplyNoticeShownMs = 5000;

MessageView *createView(QWidget *parent)
{
    auto *view = new MessageView(parent);
    view->setObjectName(QStringLiteral("messageView"));
    view->setFocusPolicy(Qt::StrongFocus);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setResizeMode(QListView::Adjust);
    view->setWordWrap(true);
    return view;
}
} // namespace

ChatPage::ChatPage(ChatSession &session, SettingsSaver &saver, EncodingPolicy &encodings,
                   QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_settings(saver.settings()),
      m_saver(saver),
      m_encodings(encodings),
      m_endpoints(new EndpointBar(this)),
      m_view(createView(this)),
      m_composer(new Composer(session, this)),
      m_actions(new MessageActions(session, encodings, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_endpoints);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_composer);
    m_view->setMessages(m_session.messages());
    setFocusProxy(m_composer);
    // The task's order: where to, then what; the rest (encodings, list) after.
    setTabOrder(m_endpoints->addressField(), m_endpoints->portField());
    setTabOrder(m_endpoints->portField(), m_composer->messageField());
    setTabOrder(m_composer->messageField(), m_composer->sendField());

    // Initial values: settings, then command-line presets through setTarget().
    m_endpoints->setTargetText(m_settings.targetAddress(), m_settings.targetPort());
    m_composer->setTarget(m_endpoints->target());
    m_composer->setText(m_settings.draft());
    m_composer->setBytesShown(m_settings.showBytes());
    connect(m_composer, &Composer::bytesShownChanged, this, [this](bool shown) {
        m_settings.setShowBytes(shown);
        m_saver.save();
    });

    connect(m_endpoints, &EndpointBar::targetChanged, this,
            [this] { m_composer->setTarget(m_endpoints->target()); });
    connect(m_endpoints, &EndpointBar::targetConfirmed, m_composer, &Composer::focusMessage);
    connect(m_endpoints, &EndpointBar::listenPortApplied, this, &ChatPage::applyListenPort);
    connect(m_composer, &Composer::submitted, this, &ChatPage::sendCurrentMessage);
    connect(m_composer, &Composer::draftPaused, this, &ChatPage::saveDraft);
    connect(m_composer, &Composer::sendEncodingChosen, this, [this](const QString &name) {
        const std::optional<Endpoint> to = target();
        m_encodings.chooseSendEncoding(name, to ? std::optional(to->address) : std::nullopt,
                                       m_endpoints->addressText());
    });
    connect(m_composer, &Composer::receiveEncodingChosen, &m_encodings,
            &EncodingPolicy::chooseReceiveEncoding);
    connect(m_view, &QListView::doubleClicked, m_actions, &MessageActions::replyTo);
    connect(m_view, &MessageView::rowActivatedByKey, m_actions, &MessageActions::replyTo);
    connect(m_view, &MessageView::menuRequested, this, &ChatPage::showMessageMenu);
    connect(m_actions, &MessageActions::replyRequested, this, &ChatPage::replyTo);
    connect(m_actions, &MessageActions::statusMessage, this, &ChatPage::statusMessage);
    connect(m_session.channel(), &UdpChannel::listeningChanged, this,
            &ChatPage::updateListeningState);
    retranslate();
}

void ChatPage::setTarget(const Endpoint &target)
{
    m_endpoints->setTarget(target);
}

std::optional<Endpoint> ChatPage::target() const
{
    return m_endpoints->target();
}

void ChatPage::chooseTarget(const Endpoint &peer)
{
    setTarget(peer);
    m_endpoints->setTargetEditedByUser(true);
}

void ChatPage::showRow(int row)
{
    const QModelIndex index = m_session.messages()->index(row);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void ChatPage::replyTo(const Endpoint &peer)
{
    chooseTarget(peer);
    m_endpoints->setTargetNote(
            tr("Replies go to %1, the port its messages came from. A program that sends from a "
               "passing port (nc, a script) may not listen there: then ask for its port.")
                    .arg(peer.toString()));
    Q_EMIT statusMessage(tr("Replying to %1").arg(peer.toString()), kReplyNoticeShownMs);
    m_composer->focusMessage();
}

void ChatPage::sendCurrentMessage()
{
    const std::optional<Endpoint> to = target();
    const QString text = m_composer->text();
    if (!to || text.isEmpty())
        return;
    const ChatSession::SendOutcome outcome = m_session.send(text, *to);
    m_view->scrollToBottom();
    // On failure the text stays in the box; the reason is next to it (and on the row, if one
    // was added).
    m_composer->showSendError(outcome.sent ? QString() : outcome.error);
    if (!outcome.sent)
        return;
    m_composer->clearText();
    // Cleared on disk too: a draft saved while typing must not come back after a restart.
    m_settings.setDraft(QString());
    rememberTarget();
    m_saver.save();
}

void ChatPage::rememberTarget()
{
    // Only a target the user chose is remembered; --target presets are for one run.
    const std::optional<Endpoint> to = target();
    if (to && m_endpoints->targetEditedByUser()) {
        m_settings.setTargetAddress(m_endpoints->addressText());
        m_settings.setTargetPort(to->port);
    }
}

void ChatPage::storeBeforeClose()
{
    rememberTarget();
    m_settings.setDraft(m_composer->text());
}

void ChatPage::saveDraft()
{
    m_settings.setDraft(m_composer->text());
    m_saver.save();
}

void ChatPage::applyListenPort(quint16 port)
{
    m_session.channel()->listen(port);
    m_settings.setBindPort(port);
    m_saver.save();
}

void ChatPage::listenOnAnyFreePort()
{
    m_endpoints->setListenPort(0);
    m_session.channel()->listen(0);
}

void ChatPage::updateListeningState()
{
    const UdpChannel *channel = m_session.channel();
    m_endpoints->setListening(channel->requestedPort(),
                              channel->isListening() ? channel->localPort() : 0);
    m_view->setPlaceholderText(
            channel->isListening()
                    ? tr("No messages yet.\nWhat arrives on UDP port %1 is listed here; what you "
                         "type below goes to the target above.")
                              .arg(channel->localPort())
                    : tr("No messages yet.\nudpchat is not listening: choose a free port above."));
}

void ChatPage::showMessageMenu(const QModelIndex &index, const QPoint &globalPos)
{
    const std::unique_ptr<QMenu> menu = m_actions->createMenu(index);
    menu->exec(globalPos);
}

void ChatPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        // Headers and notes are in the new language: measure the rows again.
        m_view->relayoutRows();
    }
    QWidget::changeEvent(event);
}

void ChatPage::retranslate()
{
    m_view->setToolTip(tr("Messages; double-click a received one, or press Enter on it, to "
                          "reply to its sender"));
    m_view->setAccessibleName(tr("Messages"));
    updateListeningState();
}
