#include "ui/history/historydocks.h"

#include "core/config/settings.h"
#include "core/config/settingssaver.h"
#include "core/session/chatsession.h"
#include "ui/common/plaintooltip.h"
#include "ui/common/statuscolors.h"
#include "ui/history/exportcontroller.h"
#include "ui/history/historypanels.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFormLayout>
#include <QLabel>
#include <QMainWindow>
#include <QSpinBox>

namespace {
constexpr int kNoticeShownMs = 10000;

QDockWidget *addDock(QMainWindow *window, const QString &name, QWidget *panel,
                     Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(window);
    dock->setObjectName(name);
    dock->setWidget(panel);
    window->addDockWidget(area, dock);
    return dock;
}

QAction *namedAction(const QString &name, QObject *parent)
{
    auto *action = new QAction(parent);
    action->setObjectName(name);
    return action;
}
} // namespace

HistoryDocks::HistoryDocks(ChatSession &session, SettingsSaver &saver, QMainWindow *window,
                           TargetSource target)
    : QObject(window),
      m_session(session),
      m_saver(saver),
      m_window(window),
      m_conversations(new ConversationsPanel(session, window)),
      m_search(new SearchPanel(session, window)),
      m_conversationsDock(addDock(window, QStringLiteral("conversationsDock"), m_conversations,
                                  Qt::LeftDockWidgetArea)),
      m_searchDock(
              addDock(window, QStringLiteral("searchDock"), m_search, Qt::RightDockWidgetArea)),
      m_export(new ExportController(session, window)),
      m_exportAction(namedAction(QStringLiteral("exportConversationAction"), this)),
      m_favouriteAction(namedAction(QStringLiteral("addFavouriteAction"), this)),
      m_limitsAction(namedAction(QStringLiteral("historyLimitsAction"), this)),
      m_statusLabel(new QLabel(window))
{
    m_conversations->setMinimumWidth(170);
    m_search->setMinimumWidth(220);
    m_statusLabel->setObjectName(QStringLiteral("historyStatusLabel"));
    m_statusLabel->setTextFormat(Qt::PlainText);

    connect(m_conversations, &ConversationsPanel::replyRequested, this,
            &HistoryDocks::replyRequested);
    connect(m_conversations, &ConversationsPanel::unreadChanged, this,
            &HistoryDocks::unreadChanged);
    connect(m_search, &SearchPanel::resultActivated, this, &HistoryDocks::jumpToMessage);
    connect(m_search, &SearchPanel::exportRequested, this, [this] {
        const QList<ChatMessage> results = m_search->searcher()->results();
        m_export->chooseFileAndExport(&results);
    });
    connect(m_export, &ExportController::statusMessage, this, &HistoryDocks::statusMessage);
    connect(m_exportAction, &QAction::triggered, this,
            [this] { m_export->chooseFileAndExport(nullptr); });
    connect(m_favouriteAction, &QAction::triggered, this, [this, target = std::move(target)] {
        if (const std::optional<Endpoint> to = target())
            m_conversations->addFavourite(*to);
    });
    connect(m_limitsAction, &QAction::triggered, this, &HistoryDocks::editLimits);
    const bool writable = m_session.history() && !m_session.history()->isReadOnly();
    m_favouriteAction->setEnabled(writable);
    m_limitsAction->setEnabled(writable);
    connectHistory();
    retranslate();
}

void HistoryDocks::connectHistory()
{
    if (HistoryStore *history = m_session.history()) {
        connect(history, &HistoryStore::writeFailed, this, [this](const QString &sentence) {
            Q_EMIT statusMessage(sentence, kNoticeShownMs);
            updateStatusLabel();
        });
        // "History not saving" goes when writing works again.
        connect(history, &HistoryStore::recovered, this, &HistoryDocks::updateStatusLabel);
        if (!history->notice().isEmpty()) {
            // Once the window is up, or the status bar would not show it.
            QMetaObject::invokeMethod(
                    this,
                    [this, notice = history->notice()] {
                        Q_EMIT statusMessage(notice, kNoticeShownMs * 3);
                    },
                    Qt::QueuedConnection);
        }
    }
}

QList<QAction *> HistoryDocks::fileActions() const
{
    return {m_exportAction, m_favouriteAction, m_limitsAction};
}

QList<QAction *> HistoryDocks::panelActions() const
{
    return {m_conversationsDock->toggleViewAction(), m_searchDock->toggleViewAction()};
}

void HistoryDocks::retranslate()
{
    m_conversationsDock->setWindowTitle(tr("Conversations"));
    m_searchDock->setWindowTitle(tr("Search"));
    m_conversations->retranslate();
    m_search->retranslate();
    m_exportAction->setText(tr("&Export Conversation\u2026"));
    m_favouriteAction->setText(tr("Add Target to &Favourites"));
    m_limitsAction->setText(tr("History &Limits\u2026"));
    updateStatusLabel();
}

void HistoryDocks::updateStatusLabel()
{
    const HistoryStore *history = m_session.history();
    QString label;
    QString reason;
    if (!history) {
        label = tr("History off");
        reason = m_session.historyProblem().isEmpty() ? tr("No history database is used.")
                                                      : m_session.historyProblem();
    } else if (history->isReadOnly()) {
        label = tr("History read-only");
        reason = tr("Another udpchat window owns this profile: its history is shown, but "
                    "messages of this window are not saved.");
    } else if (!history->error().isEmpty()) {
        label = tr("History not saving");
        reason = history->error();
    }
    setAlarm(m_statusLabel, !label.isEmpty());
    m_statusLabel->setText(label);
    m_statusLabel->setToolTip(plainToolTip(reason));
    m_statusLabel->setVisible(!label.isEmpty());
}

void HistoryDocks::countUnread(const QList<ChatMessage> &messages, bool pageShown,
                               const QString &shown)
{
    const bool active = m_window->isActiveWindow() && m_window->isVisible() && pageShown;
    if (active && shown.isEmpty())
        return; // everything is in view
    QHash<QString, int> unread;
    for (const ChatMessage &m : messages) {
        const QString peer = HistoryStore::conversationOf(m);
        // Unread: not looked at, or in another conversation than the one shown.
        if (m.isIncoming() && (!active || peer != shown))
            ++unread[peer];
    }
    for (auto it = unread.cbegin(); it != unread.cend(); ++it)
        m_conversations->addUnread(it.key(), it.value());
}

void HistoryDocks::markShownAsRead(ChatMessage::Channel mode, const QString &shown)
{
    if (shown.isEmpty())
        m_conversations->markAllRead(mode);
    else
        m_conversations->markRead(shown);
}

void HistoryDocks::focusSearch()
{
    m_searchDock->show();
    m_searchDock->raise();
    m_search->focusField();
}

bool HistoryDocks::jumpToMessage(quint64 id)
{
    if (HistoryStore *history = m_session.history()) {
        const QList<ChatMessage> found = history->range({}, id, 1);
        if (!found.isEmpty() && found.constFirst().id == id && found.constFirst().isIpMsg()) {
            Q_EMIT ipmsgMessageRequested(id);
            return true;
        }
    }
    const int row = m_session.showMessage(id);
    if (row < 0) {
        Q_EMIT statusMessage(tr("That message is no longer in the history, or too far back "
                                "to show with every newer one; export the search results "
                                "to read it."),
                             kNoticeShownMs);
        return false;
    }
    m_conversations->select(m_session.conversation());
    Q_EMIT messageShown(row);
    return true;
}

void HistoryDocks::editLimits()
{
    HistoryStore *history = m_session.history();
    if (!history)
        return;
    Settings &settings = m_saver.settings();
    QDialog dialog(m_window);
    dialog.setObjectName(QStringLiteral("historyLimitsDialog"));
    dialog.setWindowTitle(tr("History Limits"));
    auto *count = new QSpinBox(&dialog);
    count->setRange(0, 1000000000);
    count->setSingleStep(100000);
    count->setSpecialValueText(tr("no limit"));
    count->setValue(int(settings.historyMaxCount()));
    auto *days = new QSpinBox(&dialog);
    days->setRange(0, 36500);
    days->setSpecialValueText(tr("no limit"));
    days->setSuffix(tr(" days"));
    days->setValue(settings.historyMaxAgeDays());
    auto *note = new QLabel(tr("Older messages beyond these limits are deleted from the history "
                               "(the status bar counts them)."),
                            &dialog);
    note->setTextFormat(Qt::PlainText);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("Keep at most (messages):"), count);
    form->addRow(tr("Keep for at most:"), days);
    form->addRow(note);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    settings.setHistoryMaxCount(count->value());
    settings.setHistoryMaxAgeDays(days->value());
    m_saver.save();
    history->setLimits(count->value(), days->value());
}
