// ChatWindow: history, conversations, search, export, notifications and the tray. Kept apart
// from chatwindow.cpp so the two grow independently.

#include "chatsession.h"
#include "chatwindow.h"
#include "historypanels.h"
#include "plaintooltip.h"
#include "settings.h"
#include "ui_chatwindow.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QStatusBar>
#include <QSystemTrayIcon>

namespace {
constexpr int kHistoryNoticeShownMs = 10000;
constexpr int kNoticeTextLimit = 200;

void setHistoryAlarm(QLabel *label)
{
    QPalette palette = label->parentWidget() ? label->parentWidget()->palette() : label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    label->setPalette(palette);
}

QString noticeText(const QString &text)
{
    QString line = sanitizeForDisplay(text).text;
    if (line.size() > kNoticeTextLimit)
        line = line.left(kNoticeTextLimit) + QStringLiteral("\u2026");
    return line;
}
} // namespace

void ChatWindow::setUpHistory()
{
    // Side panels: conversations on the left, search on the right.
    m_conversations = new ConversationsPanel(m_session, this);
    m_conversationsDock = new QDockWidget(this);
    m_conversationsDock->setObjectName(QStringLiteral("conversationsDock"));
    m_conversationsDock->setWidget(m_conversations);
    addDockWidget(Qt::LeftDockWidgetArea, m_conversationsDock);
    m_search = new SearchPanel(m_session, this);
    m_searchDock = new QDockWidget(this);
    m_searchDock->setObjectName(QStringLiteral("searchDock"));
    m_searchDock->setWidget(m_search);
    addDockWidget(Qt::RightDockWidgetArea, m_searchDock);
    m_ui->viewMenu->addSeparator();
    m_ui->viewMenu->addAction(m_conversationsDock->toggleViewAction());
    m_ui->viewMenu->addAction(m_searchDock->toggleViewAction());
    m_conversations->setMinimumWidth(170);
    m_search->setMinimumWidth(220);
    // Room for both panels beside the conversation when no size was saved yet.
    if (m_settings.windowGeometry().isEmpty())
        resize(1180, 620);

    connect(m_conversations, &ConversationsPanel::conversationChosen, this,
            [this](const Endpoint &e) {
                setTarget(e);
                m_targetEditedByUser = true;
            });
    connect(m_conversations, &ConversationsPanel::unreadChanged, this,
            &ChatWindow::updateUnreadState);
    connect(m_search, &SearchPanel::resultActivated, this, &ChatWindow::jumpToMessage);
    connect(m_search, &SearchPanel::exportRequested, this, [this] { chooseExportFile(true); });

    // File menu: export and the history's limits.
    m_exportAction = new QAction(this);
    m_exportAction->setObjectName(QStringLiteral("exportConversationAction"));
    connect(m_exportAction, &QAction::triggered, this, [this] { chooseExportFile(false); });
    m_favouriteAction = new QAction(this);
    m_favouriteAction->setObjectName(QStringLiteral("addFavouriteAction"));
    connect(m_favouriteAction, &QAction::triggered, this, [this] {
        if (m_target)
            m_conversations->addFavourite(*m_target);
    });
    m_limitsAction = new QAction(this);
    m_limitsAction->setObjectName(QStringLiteral("historyLimitsAction"));
    connect(m_limitsAction, &QAction::triggered, this, &ChatWindow::editHistoryLimits);
    m_ui->fileMenu->insertAction(m_ui->quitAction, m_exportAction);
    m_ui->fileMenu->insertAction(m_ui->quitAction, m_favouriteAction);
    m_ui->fileMenu->insertAction(m_ui->quitAction, m_limitsAction);
    m_ui->fileMenu->insertSeparator(m_ui->quitAction);
    const bool writable = m_session.history() && !m_session.history()->isReadOnly();
    m_favouriteAction->setEnabled(writable);
    m_limitsAction->setEnabled(writable);

    // Notifications and what closing does: in the View menu, saved at once.
    m_notifyMenu = m_ui->viewMenu->addMenu(QString());
    m_notifyMenu->setObjectName(QStringLiteral("notificationsMenu"));
    m_alertAction = m_notifyMenu->addAction(QString());
    m_alertAction->setObjectName(QStringLiteral("alertAction"));
    m_alertAction->setCheckable(true);
    m_alertAction->setChecked(m_settings.alertOnMessage());
    connect(m_alertAction, &QAction::toggled, this, [this](bool on) {
        m_settings.setAlertOnMessage(on);
        saveSettings();
    });
    m_trayAction = m_notifyMenu->addAction(QString());
    m_trayAction->setObjectName(QStringLiteral("trayAction"));
    m_trayAction->setCheckable(true);
    m_trayAction->setChecked(m_settings.trayNotifications());
    connect(m_trayAction, &QAction::toggled, this, [this](bool on) {
        m_settings.setTrayNotifications(on);
        saveSettings();
        updateTray();
    });
    m_closeMenu = m_notifyMenu->addMenu(QString());
    auto *closeGroup = new QActionGroup(this);
    const auto addCloseChoice = [&](Settings::CloseAction action, const char *name) {
        QAction *a = m_closeMenu->addAction(QString());
        a->setObjectName(QLatin1String(name));
        a->setCheckable(true);
        a->setChecked(m_settings.closeAction() == action);
        closeGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, action] {
            m_settings.setCloseAction(action);
            saveSettings();
        });
        return a;
    };
    m_closeAskAction = addCloseChoice(Settings::CloseAction::Ask, "closeAskAction");
    m_closeQuitAction = addCloseChoice(Settings::CloseAction::Quit, "closeQuitAction");
    m_closeTrayAction = addCloseChoice(Settings::CloseAction::MinimizeToTray, "closeTrayAction");

    // Status bar: the history's state, always visible when it is not simply on.
    m_historyLabel = new QLabel(this);
    m_historyLabel->setObjectName(QStringLiteral("historyStatusLabel"));
    m_historyLabel->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(m_historyLabel);

    // Scrollback: older pages while the top is shown.
    QScrollBar *bar = m_ui->messageView->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, &ChatWindow::updateFetchOlder);
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar] {
        // Rows that do not fill the view: let Qt's view fetch older ones until they do.
        m_session.messages()->setFetchOlderEnabled(bar->maximum() == bar->minimum());
    });
    // A new page (start-up, another conversation) is shown from its newest message.
    const auto showNewest = [this] {
        QMetaObject::invokeMethod(
                this,
                [this] {
                    // Unless a message was chosen meanwhile (jumpToMessage()).
                    if (!m_ui->messageView->currentIndex().isValid())
                        m_ui->messageView->scrollToBottom();
                },
                Qt::QueuedConnection);
    };
    connect(m_session.messages(), &QAbstractItemModel::modelReset, this, showNewest);
    showNewest();

    connect(m_session.messages(), &MessageListModel::messagesAppended, this,
            &ChatWindow::onMessagesAppended);
    if (HistoryStore *history = m_session.history()) {
        connect(history, &HistoryStore::writeFailed, this, [this](const QString &sentence) {
            statusBar()->showMessage(sentence, kHistoryNoticeShownMs);
            retranslateHistory();
        });
        // "History not saving" goes when writing works again.
        connect(history, &HistoryStore::recovered, this, &ChatWindow::retranslateHistory);
        connect(history, &HistoryStore::pruned, this, &ChatWindow::updateCounters);
        if (!history->notice().isEmpty()) {
            QMetaObject::invokeMethod(
                    this,
                    [this, notice = history->notice()] {
                        statusBar()->showMessage(notice, kHistoryNoticeShownMs * 3);
                    },
                    Qt::QueuedConnection);
        }
    }

    m_noticeTimer.setSingleShot(true);
    connect(&m_noticeTimer, &QTimer::timeout, this, &ChatWindow::showPendingNotice);
    connect(&m_export, &HistoryExport::finished, this, &ChatWindow::onExportFinished);
    updateTray();
}

void ChatWindow::retranslateHistory()
{
    m_conversationsDock->setWindowTitle(tr("Conversations"));
    m_searchDock->setWindowTitle(tr("Search"));
    m_conversations->retranslate();
    m_search->retranslate();
    m_exportAction->setText(tr("&Export Conversation\u2026"));
    m_favouriteAction->setText(tr("Add Target to &Favourites"));
    m_limitsAction->setText(tr("History &Limits\u2026"));
    m_notifyMenu->setTitle(tr("&Notifications"));
    m_alertAction->setText(tr("Taskbar Alert for New Messages"));
    m_trayAction->setText(tr("Tray Icon and Notifications"));
    m_closeMenu->setTitle(tr("Closing the Window"));
    m_closeAskAction->setText(tr("Ask the First Time"));
    m_closeQuitAction->setText(tr("Quits udpchat"));
    m_closeTrayAction->setText(tr("Keeps Running in the Tray"));
    const HistoryStore *history = m_session.history();
    QString label;
    QString reason;
    if (!history) {
        label = tr("History off");
        reason = m_session.historyProblem().isEmpty() ? tr("No history database is used.")
                                                      : m_session.historyProblem();
        setHistoryAlarm(m_historyLabel);
    } else if (history->isReadOnly()) {
        label = tr("History read-only");
        reason = tr("Another udpchat window owns this profile: its history is shown, but "
                    "messages of this window are not saved.");
        setHistoryAlarm(m_historyLabel);
    } else if (!history->error().isEmpty()) {
        label = tr("History not saving");
        reason = history->error();
        setHistoryAlarm(m_historyLabel);
    }
    m_historyLabel->setText(label);
    m_historyLabel->setToolTip(plainToolTip(reason));
    m_historyLabel->setVisible(!label.isEmpty());
}

void ChatWindow::updateFetchOlder()
{
    MessageListModel *model = m_session.messages();
    const QScrollBar *bar = m_ui->messageView->verticalScrollBar();
    const bool atTop = bar->value() == bar->minimum();
    model->setFetchOlderEnabled(atTop);
    // When the rows fill the view, Qt does not ask for more at the top: the window does, and
    // keeps the row the user was looking at in place.
    if (!atTop || bar->maximum() == bar->minimum() || !model->canFetchMore({}))
        return;
    const QModelIndex first = m_ui->messageView->indexAt(QPoint(1, 1));
    const quint64 id = first.isValid() ? model->at(first.row()).id : 0;
    model->fetchMore({});
    if (const int row = model->rowOf(id); row >= 0)
        m_ui->messageView->scrollTo(model->index(row), QAbstractItemView::PositionAtTop);
}

void ChatWindow::onMessagesAppended(const QList<ChatMessage> &messages)
{
    const bool active = isActiveWindow() && isVisible();
    const QString shown = m_session.conversation();
    if (active && shown.isEmpty())
        return; // everything is in view
    QHash<QString, int> unread;
    const ChatMessage *latest = nullptr;
    int incoming = 0;
    for (const ChatMessage &m : messages) {
        if (!m.isIncoming())
            continue;
        const QString peer = displayAddress(normalizedAddress(m.peerAddress));
        // Unread: not looked at, or in another conversation than the one shown.
        if (!active || peer != shown) {
            ++unread[peer];
            latest = &m;
            ++incoming;
        }
    }
    for (auto it = unread.cbegin(); it != unread.cend(); ++it)
        m_conversations->addUnread(it.key(), it.value());
    if (active || !latest)
        return;
    if (m_settings.alertOnMessage())
        QApplication::alert(this);
    if (!m_tray)
        return;
    const QString peer = Endpoint{latest->peerAddress, latest->peerPort}.toString();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (const auto notice = m_notices.submit(peer, latest->text, now, incoming)) {
        showNotice(*notice);
    } else if (!m_noticeTimer.isActive()) {
        m_noticeTimer.start(int(m_notices.msUntilPending(now)));
    }
}

void ChatWindow::showNotice(const NotificationThrottle::Notice &notice)
{
    // Plain text; a summary when several came.
    if (notice.messages == 1)
        m_tray->showMessage(tr("Message from %1").arg(notice.peer), noticeText(notice.text),
                            QSystemTrayIcon::Information);
    else
        m_tray->showMessage(
                tr("udpchat"),
                tr("%1 new messages from %2 peers").arg(notice.messages).arg(notice.peers),
                QSystemTrayIcon::Information);
}

void ChatWindow::showPendingNotice()
{
    if (!m_tray)
        return;
    if (const auto notice = m_notices.takePending(QDateTime::currentMSecsSinceEpoch()))
        showNotice(*notice);
}

void ChatWindow::updateUnreadState(int total)
{
    if (total < 0) {
        // Activated: what is shown counts as read.
        m_conversations->markRead(m_session.conversation());
        return;
    }
    setWindowTitle(total > 0 ? tr("(%1) %2").arg(total).arg(QCoreApplication::applicationName())
                             : QCoreApplication::applicationName());
    if (m_tray)
        m_tray->setToolTip(total > 0 ? tr("udpchat: %n unread", nullptr, total)
                                     : QCoreApplication::applicationName());
}

void ChatWindow::updateTray()
{
    const bool wanted = m_settings.trayNotifications() && QSystemTrayIcon::isSystemTrayAvailable();
    if (!wanted) {
        delete m_tray;
        m_tray = nullptr;
        return;
    }
    if (m_tray)
        return;
    m_tray = new QSystemTrayIcon(applicationIcon(), this);
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    m_tray->setToolTip(QCoreApplication::applicationName());
    auto *menu = new QMenu(this);
    connect(menu->addAction(tr("Show udpchat")), &QAction::triggered, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(menu->addAction(tr("Quit")), &QAction::triggered, this, &ChatWindow::quitApplication);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger) {
            showNormal();
            raise();
            activateWindow();
        }
    });
    m_tray->show();
}

bool ChatWindow::closeToTray()
{
    if (!m_tray)
        return false;
    Settings::CloseAction action = m_settings.closeAction();
    if (action == Settings::CloseAction::Ask) {
        // Asked once, and the answer says where to change it.
        QMessageBox box(QMessageBox::Question, tr("Close udpchat"),
                        tr("Keep udpchat running in the tray, so messages are still received, "
                           "or quit?"),
                        QMessageBox::NoButton, this);
        box.setTextFormat(Qt::PlainText);
        box.setInformativeText(
                tr("You can change this later in View > Notifications > Closing the Window."));
        QPushButton *keep = box.addButton(tr("Keep Running in the Tray"), QMessageBox::AcceptRole);
        box.addButton(tr("Quit"), QMessageBox::DestructiveRole);
        box.exec();
        action = box.clickedButton() == keep ? Settings::CloseAction::MinimizeToTray
                                             : Settings::CloseAction::Quit;
        m_settings.setCloseAction(action);
        (action == Settings::CloseAction::Quit ? m_closeQuitAction : m_closeTrayAction)
                ->setChecked(true);
        saveSettings();
    }
    return action == Settings::CloseAction::MinimizeToTray;
}

void ChatWindow::quitApplication()
{
    m_quitting = true;
    close();
    if (m_tray)
        QCoreApplication::quit();
}

bool ChatWindow::jumpToMessage(quint64 id)
{
    const int row = m_session.showMessage(id);
    if (row < 0) {
        statusBar()->showMessage(tr("That message is no longer in the history, or too far back "
                                    "to show with every newer one; export the search results "
                                    "to read it."),
                                 kHistoryNoticeShownMs);
        return false;
    }
    m_conversations->select(m_session.conversation());
    const QModelIndex index = m_session.messages()->index(row);
    m_ui->messageView->setCurrentIndex(index);
    m_ui->messageView->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void ChatWindow::chooseExportFile(bool results)
{
    QString selected;
    const QString path = QFileDialog::getSaveFileName(
            this, results ? tr("Export Search Results") : tr("Export Conversation"),
            QStringLiteral("udpchat.pcapng"),
            tr("Wireshark capture (*.pcapng);;CSV (*.csv);;JSON Lines (*.jsonl)"), &selected);
    if (path.isEmpty())
        return;
    if (results)
        exportSearchResults(path);
    else
        exportConversation(path);
}

bool ChatWindow::exportConversation(const QString &path)
{
    HistoryStore *history = m_session.history();
    if (!history) {
        // No history: what the view holds.
        QList<ChatMessage> rows;
        const MessageListModel *model = m_session.messages();
        for (int row = 0; row < model->rowCount(); ++row)
            rows.append(model->at(row));
        return startExport(
                [rows](quint64 fromId, int limit) {
                    QList<ChatMessage> out;
                    for (const ChatMessage &m : rows) {
                        if (m.id >= fromId && out.size() < limit)
                            out.append(m);
                    }
                    return out;
                },
                rows.size(), path, int(rows.size()));
    }
    HistoryStore::Filter filter;
    filter.peer = m_session.conversation();
    const qint64 total = history->count(filter);
    return startExport(
            [history, filter](quint64 fromId, int limit) {
                return history->range(filter, fromId, limit);
            },
            total, path, -1);
}

bool ChatWindow::exportSearchResults(const QString &path)
{
    QList<ChatMessage> results = m_search->searcher()->results();
    std::sort(results.begin(), results.end(),
              [](const ChatMessage &a, const ChatMessage &b) { return a.id < b.id; });
    return startExport(
            [results](quint64 fromId, int limit) {
                QList<ChatMessage> out;
                for (const ChatMessage &m : results) {
                    if (m.id >= fromId && out.size() < limit)
                        out.append(m);
                }
                return out;
            },
            results.size(), path, int(results.size()));
}

bool ChatWindow::startExport(const HistoryExport::Source &source, qint64 total, const QString &path,
                             int count)
{
    Q_UNUSED(count)
    const quint16 localPort =
            m_session.channel()->isListening() ? m_session.channel()->localPort() : 0;
    if (!m_export.start(source, total, path, HistoryExport::formatFor(path), localPort)) {
        statusBar()->showMessage(
                tr("Not exported: %1 cannot be written: %2").arg(path, m_export.error()),
                kHistoryNoticeShownMs);
        return false;
    }
    m_exportPath = path;
    delete m_exportProgress;
    m_exportProgress = new QProgressDialog(this);
    m_exportProgress->setObjectName(QStringLiteral("exportProgress"));
    m_exportProgress->setWindowTitle(tr("Export"));
    m_exportProgress->setLabelText(tr("Exporting to %1\u2026").arg(path));
    m_exportProgress->setMinimumDuration(500);
    m_exportProgress->setRange(0, 1000);
    m_exportProgress->setValue(0);
    connect(m_exportProgress, &QProgressDialog::canceled, &m_export, &HistoryExport::cancel);
    connect(&m_export, &HistoryExport::progress, m_exportProgress,
            [progress = m_exportProgress](qint64 written, qint64 all) {
                progress->setValue(all > 0 ? int(written * 1000 / all) : 0);
            });
    return true;
}

void ChatWindow::onExportFinished(bool ok)
{
    if (m_exportProgress) {
        m_exportProgress->deleteLater();
        m_exportProgress = nullptr;
    }
    if (ok)
        statusBar()->showMessage(tr("Exported %n messages to %1.", nullptr, int(m_export.written()))
                                         .arg(m_exportPath),
                                 kHistoryNoticeShownMs);
    else if (m_export.error().isEmpty())
        statusBar()->showMessage(tr("Export cancelled; %1 was not changed.").arg(m_exportPath),
                                 kHistoryNoticeShownMs);
    else
        statusBar()->showMessage(tr("Not exported: %1").arg(m_export.error()),
                                 kHistoryNoticeShownMs);
}

void ChatWindow::editHistoryLimits()
{
    HistoryStore *history = m_session.history();
    if (!history)
        return;
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("historyLimitsDialog"));
    dialog.setWindowTitle(tr("History Limits"));
    auto *count = new QSpinBox(&dialog);
    count->setRange(0, 1000000000);
    count->setSingleStep(100000);
    count->setSpecialValueText(tr("no limit"));
    count->setValue(int(m_settings.historyMaxCount()));
    auto *days = new QSpinBox(&dialog);
    days->setRange(0, 36500);
    days->setSpecialValueText(tr("no limit"));
    days->setSuffix(tr(" days"));
    days->setValue(m_settings.historyMaxAgeDays());
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
    m_settings.setHistoryMaxCount(count->value());
    m_settings.setHistoryMaxAgeDays(days->value());
    saveSettings();
    history->setLimits(count->value(), days->value());
    updateCounters();
}
