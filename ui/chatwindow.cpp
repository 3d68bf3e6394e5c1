#include "chatwindow.h"

#include "chatsession.h"
#include "hexcodec.h"
#include "messagedelegate.h"
#include "plaintooltip.h"
#include "settings.h"
#include "translations.h"
#include "udpstats.h"
#include "ui_chatwindow.h"

#include <QActionGroup>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
constexpr int kDraftSaveDelayMs = 500;
constexpr int kCountersIntervalMs = 1000;
// From this many datagrams a second, the busiest sender is named in the status bar.
constexpr double kBusySenderRate = 10;
constexpr int kRateTooltipSenders = 5;

// At most one network error message per this interval; the rest are counted.
constexpr qint64 kNetworkErrorIntervalMs = 5000;
// The same failing save is reported again after a minute, or at once after a save succeeded.
constexpr qint64 kSettingsErrorIntervalMs = 60000;
constexpr int kNetworkErrorShownMs = 10000;
constexpr int kSettingsErrorShownMs = 15000;
constexpr int kStartupNoticeShownMs = 30000;

void setAlarm(QLabel *label, bool alarm)
{
    QPalette palette = label->parentWidget() ? label->parentWidget()->palette() : label->palette();
    if (alarm)
        palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    label->setPalette(palette);
}

// Amber: worth knowing, not an error.
void setWarning(QLabel *label)
{
    QPalette palette = label->parentWidget() ? label->parentWidget()->palette() : label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xa0, 0x5a, 0x00));
    label->setPalette(palette);
}

constexpr int kBytesPerHexLine = 16;
} // namespace

ChatWindow::ChatWindow(ChatSession &session, Settings &settings, QWidget *parent)
    : QMainWindow(parent),
      m_ui(std::make_unique<Ui::ChatWindow>()),
      m_session(session),
      m_settings(settings),
      m_networkErrors(kNetworkErrorIntervalMs),
      m_settingsErrors(kSettingsErrorIntervalMs)
{
    m_ui->setupUi(this);
    setWindowTitle(QCoreApplication::applicationName());
    setWindowIcon(applicationIcon());

    // Status bar: where we listen, always visible; a one-click way out when the port is taken.
    m_listenLabel = new QLabel(this);
    m_listenLabel->setObjectName(QStringLiteral("listenStatusLabel"));
    m_listenLabel->setTextFormat(Qt::PlainText);
    m_freePortButton = new QToolButton(this);
    m_freePortButton->setObjectName(QStringLiteral("freePortButton"));
    // Its text is set in retranslate().
    m_freePortButton->setAutoRaise(true);
    statusBar()->addWidget(m_listenLabel, 1);
    statusBar()->addPermanentWidget(m_freePortButton);
    // What arrived and what was lost, refreshed once a second (not per datagram).
    m_countersLabel = new QLabel(this);
    m_countersLabel->setObjectName(QStringLiteral("countersLabel"));
    m_countersLabel->setTextFormat(Qt::PlainText);
    m_countersLabel->hide();
    statusBar()->addPermanentWidget(m_countersLabel);
    m_countersTimer.setInterval(kCountersIntervalMs);
    connect(&m_countersTimer, &QTimer::timeout, this, &ChatWindow::updateCounters);
    m_countersTimer.start();
    // Permanent, so the read-only state stays visible after the startup notice times out.
    m_profileLabel = new QLabel(this);
    m_profileLabel->setObjectName(QStringLiteral("profileStatusLabel"));
    m_profileLabel->setTextFormat(Qt::PlainText);
    setAlarm(m_profileLabel, true);
    m_profileLabel->setToolTip(plainToolTip(m_settings.readOnlyReason()));
    m_profileLabel->setVisible(m_settings.isReadOnly());
    statusBar()->addPermanentWidget(m_profileLabel);

    m_ui->targetErrorLabel->setTextFormat(Qt::PlainText);
    m_ui->sendErrorLabel->setTextFormat(Qt::PlainText);
    setAlarm(m_ui->targetErrorLabel, true);
    setAlarm(m_ui->sendErrorLabel, true);
    m_ui->targetErrorLabel->hide();
    m_ui->sendErrorLabel->hide();
    m_ui->composeNoteLabel->hide();
    m_ui->repeatStatusLabel->hide();

    m_delegate = new MessageDelegate(m_ui->messageView);
    m_ui->messageView->setItemDelegate(m_delegate);
    // Connected before the view's own handlers, so the row at the top of the view is still
    // where it was drawn when it is remembered (see rememberScrollAnchor()).
    connect(m_session.messages(), &QAbstractItemModel::rowsAboutToBeInserted, this,
            &ChatWindow::onRowsAboutToChange);
    connect(m_session.messages(), &QAbstractItemModel::rowsAboutToBeRemoved, this,
            &ChatWindow::onRowsAboutToChange);
    m_ui->messageView->setModel(m_session.messages());
    m_ui->messageView->setUniformItemSizes(false);

    // Initial values: settings, then command-line presets through setTarget().
    m_ui->targetAddressEdit->setText(m_settings.targetAddress());
    m_ui->targetPortEdit->setText(QString::number(m_settings.targetPort()));
    setUpEncodings();
    m_ui->messageEdit->setPlainText(m_settings.draft());
    m_ui->messageEdit->moveCursor(QTextCursor::End);
    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(760, 560);

    connect(m_ui->targetAddressEdit, &QLineEdit::textChanged, this, &ChatWindow::validateTarget);
    connect(m_ui->targetPortEdit, &QLineEdit::textChanged, this, &ChatWindow::validateTarget);
    // Typed by the user (unlike --target presets): remembered when sending and on close.
    connect(m_ui->targetAddressEdit, &QLineEdit::textEdited, this,
            [this] { m_targetEditedByUser = true; });
    connect(m_ui->targetPortEdit, &QLineEdit::textEdited, this,
            [this] { m_targetEditedByUser = true; });
    connect(m_ui->targetAddressEdit, &QLineEdit::returnPressed, m_ui->messageEdit,
            qOverload<>(&QWidget::setFocus));
    connect(m_ui->targetPortEdit, &QLineEdit::returnPressed, m_ui->messageEdit,
            qOverload<>(&QWidget::setFocus));
    connect(m_ui->messageEdit, &MessageEdit::submitted, this, &ChatWindow::sendCurrentMessage);
    connect(m_ui->sendButton, &QPushButton::clicked, this, &ChatWindow::sendCurrentMessage);
    connect(m_ui->messageEdit, &QPlainTextEdit::textChanged, this, [this] {
        updateSendEnabled();
        updateByteCount();
        m_draftTimer.start();
    });
    connect(m_ui->sendEncodingCombo, &QComboBox::activated, this, &ChatWindow::chooseSendEncoding);
    connect(m_ui->receiveEncodingCombo, &QComboBox::activated, this,
            &ChatWindow::chooseReceiveEncoding);
    connect(m_ui->repeatButton, &QPushButton::clicked, this, &ChatWindow::toggleRepeat);
    connect(&m_repeat, &RepeatSender::due, this, &ChatWindow::sendRepeated);
    connect(&m_repeat, &RepeatSender::runningChanged, this, &ChatWindow::updateRepeatState);
    connect(m_ui->applyBindButton, &QPushButton::clicked, this, &ChatWindow::applyBindPort);
    connect(m_freePortButton, &QToolButton::clicked, this, &ChatWindow::listenOnAnyFreePort);
    connect(m_ui->messageView, &QListView::doubleClicked, this, &ChatWindow::replyTo);
    m_ui->messageView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_ui->messageView, &QWidget::customContextMenuRequested, this,
            &ChatWindow::showMessageMenu);
    connect(m_ui->quitAction, &QAction::triggered, this, &ChatWindow::quitApplication);
    connect(m_ui->clearAction, &QAction::triggered, m_session.messages(), &MessageListModel::clear);
    connect(m_ui->aboutAction, &QAction::triggered, this, &ChatWindow::showAbout);
    connect(m_ui->aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);

    UdpChannel *channel = m_session.channel();
    connect(channel, &UdpChannel::listeningChanged, this, &ChatWindow::updateListeningState);
    connect(channel, &UdpChannel::socketError, this, &ChatWindow::showNetworkError);
    m_networkSummaryTimer.setSingleShot(true);
    connect(&m_networkSummaryTimer, &QTimer::timeout, this, &ChatWindow::showHeldBackNetworkErrors);

    MessageListModel *model = m_session.messages();
    connect(model, &QAbstractItemModel::rowsInserted, this, &ChatWindow::onRowsInserted);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ChatWindow::restoreScrollAnchor);
    const QScrollBar *bar = m_ui->messageView->verticalScrollBar();
    connect(bar, &QScrollBar::rangeChanged, this, &ChatWindow::onScrollRangeChanged);
    connect(bar, &QScrollBar::valueChanged, this, &ChatWindow::onScrolled);
    connect(model, &QAbstractItemModel::dataChanged, this, &ChatWindow::onRowsChanged);

    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(kDraftSaveDelayMs);
    connect(&m_draftTimer, &QTimer::timeout, this, &ChatWindow::saveDraft);

    setUpLanguageMenu();
    setUpHistory();
    retranslate(); // also validates the target and shows the listening state
    // Once the window is up: a status message set before show() would not hide the listening
    // label, and both would be drawn on top of each other.
    QMetaObject::invokeMethod(this, &ChatWindow::showStartupNotice, Qt::QueuedConnection);
    m_ui->messageEdit->setFocus();
}

ChatWindow::~ChatWindow() = default;

void ChatWindow::setUpLanguageMenu()
{
    m_languageMenu = new QMenu(this);
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_ui->viewMenu->addSeparator();
    m_ui->viewMenu->addMenu(m_languageMenu);
    auto *group = new QActionGroup(this);
    // Language names in their own language, so anyone can find theirs.
    const QList<std::pair<QString, QString>> languages{
            {QString(), QString()},
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("zh_CN"), QStringLiteral("\u7b80\u4f53\u4e2d\u6587")}};
    for (const auto &[code, name] : languages) {
        QAction *action = m_languageMenu->addAction(name);
        action->setObjectName(code.isEmpty() ? QStringLiteral("languageSystemAction")
                                             : QStringLiteral("language_%1_Action").arg(code));
        action->setData(code);
        action->setCheckable(true);
        action->setChecked(code == m_settings.language());
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code] { setLanguage(code); });
        if (code.isEmpty())
            m_systemLanguageAction = action;
    }
}

void ChatWindow::setLanguage(const QString &language)
{
    m_settings.setLanguage(language);
    saveSettings();
    // Installing the catalogues sends LanguageChange to every widget: see changeEvent().
    Translations::apply(Translations::resolve(language));
}

void ChatWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    } else if (event->type() == QEvent::ActivationChange && isActiveWindow()) {
        updateUnreadState(-1); // the user sees the conversation now
    }
    QMainWindow::changeEvent(event);
}

void ChatWindow::updateCounters()
{
    const UdpChannel *channel = m_session.channel();
    const quint64 received = channel->receivedCount();
    // Every second, so each rate covers one second.
    const QList<SenderRates::Rate> rates = m_session.senderRates()->take(kRateTooltipSenders);
    const HistoryStore *history = m_session.history();
    if (received == 0 && !(history && history->prunedCount() > 0)) {
        m_countersLabel->hide();
        return;
    }
    const QLocale locale;
    QStringList parts{tr("%1 received").arg(locale.toString(received))};
    // The busiest sender while datagrams come faster than anyone types: where a flood is from.
    QStringList busiest;
    for (const SenderRates::Rate &rate : rates) {
        busiest << tr("%1: %2/s")
                           .arg(rate.sender.toString(), locale.toString(qRound64(rate.perSecond)));
    }
    // One host through many ports (each below the threshold, or one port among many): the
    // address is named, with how many ports it used.
    const QList<SenderRates::Rate> &hosts = m_session.senderRates()->byAddress();
    const bool busyHost = !hosts.isEmpty() && hosts.constFirst().ports > 1
                          && hosts.constFirst().perSecond >= kBusySenderRate
                          && (rates.isEmpty()
                              || hosts.constFirst().perSecond >= 2 * rates.constFirst().perSecond);
    if (busyHost) {
        //: %1 datagrams per second from the address %2, sent from %3 different ports
        parts << tr("%1/s from %2 (%3 ports)")
                         .arg(locale.toString(qRound64(hosts.constFirst().perSecond)),
                              displayAddress(hosts.constFirst().sender.address),
                              locale.toString(hosts.constFirst().ports));
    } else if (!rates.isEmpty() && rates.constFirst().perSecond >= kBusySenderRate) {
        parts << tr("%1/s from %2")
                         .arg(locale.toString(qRound64(rates.constFirst().perSecond)),
                              rates.constFirst().sender.toString());
    }
    m_countersLabel->setToolTip(plainToolTip(
            busiest.isEmpty()
                    ? QString()
                    : tr("Datagrams per second in the last second:\n%1").arg(busiest.join(u'\n'))));
    const quint64 scrolledOut = m_session.messages()->evictedCount();
    if (scrolledOut > 0)
        parts << tr("%1 scrolled out").arg(locale.toString(scrolledOut));
    if (history) {
        // Never silent: what the caps removed from the history, and what a flood kept out.
        if (history->prunedCount() > 0)
            parts << tr("%1 pruned from history").arg(locale.toString(history->prunedCount()));
        if (history->unsavedCount() > 0)
            parts << tr("%1 not saved to history").arg(locale.toString(history->unsavedCount()));
    }
    // The kernel's count for our socket: datagrams that came while the receive buffer was full.
    if (const auto drops =
                channel->isListening() ? UdpStats::kernelDrops(channel->localPort()) : std::nullopt;
        drops && *drops > 0) {
        parts << tr("%1 dropped by the system").arg(locale.toString(*drops));
    }
    m_countersLabel->setText(parts.join(QStringLiteral(" \u00b7 ")));
    m_countersLabel->show();
}

void ChatWindow::retranslate()
{
    // Everything not in the .ui form: set here, again after each language change.
    m_languageMenu->setTitle(tr("&Language"));
    m_systemLanguageAction->setText(tr("System Default"));
    m_freePortButton->setText(tr("Use a free port"));
    m_profileLabel->setText(tr("Not saving settings"));
    m_ui->bindPortSpin->setSpecialValueText(tr("any free"));
    m_ui->repeatCountSpin->setSpecialValueText(tr("until stopped"));
    updateRepeatState();
    validateTarget();
    updateListeningState();
    updateCounters();
    retranslateHistory();
    // Headers and notes are in the new language: measure the rows again.
    m_delegate->forgetSizes();
    m_ui->messageView->doItemsLayout();
}

QIcon ChatWindow::applicationIcon()
{
    // Decoded once per process (the application and the window share it). Up to 128 px: the
    // window system gets every size on show (decoding the 256 px one cost 3 ms of a 36 ms
    // start-up), and larger icons (launchers, task switchers) come from the installed icon
    // theme through the desktop file.
    static const QIcon icon = [] {
        QIcon sizes;
        for (const int size : {16, 22, 24, 32, 48, 64, 128})
            sizes.addPixmap(QPixmap(QStringLiteral(":/icons/udpchat-%1.png").arg(size), "PNG"));
        return sizes;
    }();
    return icon;
}

void ChatWindow::showStartupNotice()
{
    // One non-modal notice for everything found while loading.
    QStringList sentences;
    if (!m_settings.loadProblem().isEmpty())
        sentences.append(m_settings.loadProblem());
    if (!m_settings.draftNotice().isEmpty())
        sentences.append(m_settings.draftNotice());
    if (m_settings.isReadOnly())
        sentences.append(m_settings.readOnlyReason());
    if (!sentences.isEmpty())
        statusBar()->showMessage(sentences.join(u' '), kStartupNoticeShownMs);
}

void ChatWindow::showNetworkError(const QString &message)
{
    if (const auto text = m_networkErrors.submit(message)) {
        statusBar()->showMessage(tr("Network error: %1").arg(*text), kNetworkErrorShownMs);
    } else if (!m_networkSummaryTimer.isActive()) {
        // Held back: say how many once the interval is over, even if no further error comes.
        m_networkSummaryTimer.start(int(m_networkErrors.msUntilSummary()));
    }
}

void ChatWindow::showHeldBackNetworkErrors()
{
    if (const auto text = m_networkErrors.takeSummary())
        statusBar()->showMessage(tr("Network error: %1").arg(*text), kNetworkErrorShownMs);
    else if (m_networkErrors.heldBack() > 0)
        m_networkSummaryTimer.start(int(m_networkErrors.msUntilSummary()));
}

void ChatWindow::setTarget(const Endpoint &target)
{
    m_ui->targetAddressEdit->setText(displayAddress(target.address));
    m_ui->targetPortEdit->setText(QString::number(target.port));
}

void ChatWindow::validateTarget()
{
    const auto address = EndpointParser::parseAddress(m_ui->targetAddressEdit->text());
    const auto port = EndpointParser::parsePort(m_ui->targetPortEdit->text());
    m_target.reset();
    QString problem;
    if (!address.ok())
        problem = EndpointParser::describe(address.error);
    else if (!port.ok())
        problem = EndpointParser::describe(port.error);
    else
        m_target = Endpoint{address.address, port.port};

    m_ui->targetErrorLabel->setText(problem);
    m_ui->targetErrorLabel->setVisible(!problem.isEmpty());
    m_ui->sendErrorLabel->hide();
    // The encoding remembered for this target, if any (not a user choice: nothing is saved).
    m_ui->sendEncodingCombo->setCurrentIndex(m_ui->sendEncodingCombo->findData(
            m_session.sendEncodingFor(m_target ? m_target->address : QHostAddress())));
    updateSendEnabled();
    updateByteCount();
}

void ChatWindow::setUpEncodings()
{
    // Only what this system can convert; anything missing is said once, in the log.
    const QStringList available = TextCodec::availableEncodings();
    const QStringList offered = TextCodec::offeredEncodings();
    for (const QString &name : offered) {
        if (!available.contains(name))
            qInfo("udpchat: encoding %s is not available on this system; it is not offered",
                  qPrintable(name));
    }
    const QStringList sendable = ChatSession::sendEncodings();
    for (const QString &name : sendable)
        m_ui->sendEncodingCombo->addItem(name, name);
    for (const QString &name : available)
        m_ui->receiveEncodingCombo->addItem(name, name);
    m_ui->sendEncodingCombo->setCurrentIndex(
            m_ui->sendEncodingCombo->findData(m_session.sendEncoding()));
    m_ui->receiveEncodingCombo->setCurrentIndex(
            m_ui->receiveEncodingCombo->findData(m_session.receiveEncoding()));
}

void ChatWindow::chooseSendEncoding()
{
    // The default for new targets, and remembered for this one.
    const QString name = m_ui->sendEncodingCombo->currentData().toString();
    if (!m_session.setSendEncoding(name))
        return;
    m_settings.setSendEncoding(name);
    if (m_target) {
        m_session.setTargetEncoding(m_target->address, name);
        m_settings.setTargetEncoding(m_ui->targetAddressEdit->text().trimmed(), name);
    }
    saveSettings();
    m_ui->sendErrorLabel->hide();
    updateByteCount();
}

void ChatWindow::chooseReceiveEncoding()
{
    const QString name = m_ui->receiveEncodingCombo->currentData().toString();
    if (!m_session.setReceiveEncoding(name))
        return;
    m_settings.setReceiveEncoding(name);
    saveSettings();
}

void ChatWindow::updateByteCount()
{
    // What the message box would be on the wire, before anything is sent.
    const QString text = m_ui->messageEdit->text();
    const QHostAddress to = m_target ? m_target->address : QHostAddress();
    const ChatSession::Encoded encoded = m_session.encodeForSending(text, to);
    const qsizetype bytes = encoded.bytes.size();
    m_ui->byteCountLabel->setText(tr("%1 bytes").arg(bytes));
    const ChatSession::SizeLevel level = ChatSession::sizeLevel(bytes, to);
    QString note;
    if (!encoded.ok()) {
        note = encoded.error;
        setAlarm(m_ui->composeNoteLabel, true);
    } else if (level == ChatSession::SizeLevel::TooLarge) {
        note = tr("Too large for one UDP datagram: at most %1 bytes can be sent to this target.")
                       .arg(UdpChannel::maxPayloadFor(
                               to.isNull() ? QHostAddress(QHostAddress::LocalHost) : to));
        setAlarm(m_ui->composeNoteLabel, true);
    } else if (level == ChatSession::SizeLevel::Fragmented) {
        note = tr("Above %1 bytes the datagram is split into fragments on Ethernet; if any "
                  "fragment is lost, the whole message is lost.")
                       .arg(ChatSession::FragmentationWarningBytes);
        setWarning(m_ui->composeNoteLabel);
    }
    if (level == ChatSession::SizeLevel::TooLarge)
        setAlarm(m_ui->byteCountLabel, true);
    else if (level == ChatSession::SizeLevel::Fragmented)
        setWarning(m_ui->byteCountLabel);
    else
        setAlarm(m_ui->byteCountLabel, false);
    m_ui->composeNoteLabel->setText(note);
    m_ui->composeNoteLabel->setVisible(!note.isEmpty());
}

void ChatWindow::toggleRepeat(bool start)
{
    if (!start) {
        m_repeat.stop();
        return;
    }
    const QString text = m_ui->messageEdit->text();
    QString problem;
    if (!m_target)
        problem = tr("Type a valid target address and port first.");
    else if (text.isEmpty())
        problem = tr("Type the message to repeat first.");
    if (!problem.isEmpty()) {
        m_ui->sendErrorLabel->setText(problem);
        m_ui->sendErrorLabel->show();
        updateRepeatState();
        return;
    }
    m_ui->sendErrorLabel->hide();
    m_repeatTarget = *m_target; // where it started: editing the target does not redirect it
    m_repeat.start(text, m_ui->repeatIntervalSpin->value(), m_ui->repeatCountSpin->value());
    updateRepeatState();
}

void ChatWindow::sendRepeated(const QString &text)
{
    const ChatSession::SendOutcome outcome = m_session.send(text, m_repeatTarget);
    if (!outcome.sent) {
        m_repeat.stop();
        m_ui->sendErrorLabel->setText(outcome.error);
        m_ui->sendErrorLabel->show();
    }
    updateRepeatState();
}

void ChatWindow::updateRepeatState()
{
    const bool running = m_repeat.isRunning();
    {
        const QSignalBlocker blocker(m_ui->repeatButton);
        m_ui->repeatButton->setChecked(running);
    }
    m_ui->repeatButton->setText(running ? tr("Sto&p") : tr("Re&peat"));
    m_ui->repeatIntervalSpin->setEnabled(!running);
    m_ui->repeatCountSpin->setEnabled(!running);
    QString status;
    if (running && m_repeat.totalCount() > 0)
        status = tr("Sending %1/%2\u2026").arg(m_repeat.sentCount()).arg(m_repeat.totalCount());
    else if (running)
        status = tr("Sending %1\u2026").arg(m_repeat.sentCount());
    else if (m_repeat.sentCount() > 0)
        status = tr("Repeat: %1 sent").arg(m_repeat.sentCount());
    m_ui->repeatStatusLabel->setText(status);
    m_ui->repeatStatusLabel->setVisible(!status.isEmpty());
}

void ChatWindow::updateSendEnabled()
{
    const bool canSend = m_target.has_value() && !m_ui->messageEdit->text().isEmpty();
    m_ui->sendButton->setEnabled(canSend);
    if (!m_target)
        m_ui->sendButton->setToolTip(tr("Type a valid target address and port first."));
    else
        m_ui->sendButton->setToolTip(tr("Send as one UDP datagram (Enter)"));
}

void ChatWindow::sendCurrentMessage()
{
    const QString text = m_ui->messageEdit->text();
    if (!m_target || text.isEmpty())
        return;
    const ChatSession::SendOutcome outcome = m_session.send(text, *m_target);
    m_ui->messageView->scrollToBottom();
    if (!outcome.sent) {
        // The text stays in the box; the reason is next to it (and on the row, if one was added).
        m_ui->sendErrorLabel->setText(outcome.error);
        m_ui->sendErrorLabel->show();
        return;
    }
    m_ui->sendErrorLabel->hide();
    m_ui->messageEdit->clear();
    m_draftTimer.stop();
    m_settings.setDraft(QString());
    rememberTarget();
}

void ChatWindow::rememberTarget()
{
    // Only a target the user chose is remembered; --target presets are for one run.
    if (m_target && m_targetEditedByUser) {
        m_settings.setTargetAddress(m_ui->targetAddressEdit->text().trimmed());
        m_settings.setTargetPort(m_target->port);
    }
}

void ChatWindow::updateListeningState()
{
    const UdpChannel *channel = m_session.channel();
    const bool listening = channel->isListening();
    if (listening) {
        m_listenLabel->setText(
                tr("Listening on UDP port %1 (IPv4 and IPv6)").arg(channel->localPort()));
    } else if (!channel->bindError().isEmpty()) {
        m_listenLabel->setText(tr("Not listening: %1").arg(channel->bindError()));
    } else {
        m_listenLabel->setText(tr("Not listening"));
    }
    setAlarm(m_listenLabel, !listening);
    m_freePortButton->setVisible(!listening);
    m_ui->bindPortSpin->setValue(channel->requestedPort());
    m_ui->messageView->setPlaceholderText(
            listening
                    ? tr("No messages yet.\nWhat arrives on UDP port %1 is listed here; what you "
                         "type below goes to the target above.")
                              .arg(channel->localPort())
                    : tr("No messages yet.\nudpchat is not listening: choose a free port above."));
}

void ChatWindow::applyBindPort()
{
    const auto port = static_cast<quint16>(m_ui->bindPortSpin->value());
    m_session.channel()->listen(port);
    m_settings.setBindPort(port);
    saveSettings();
}

void ChatWindow::listenOnAnyFreePort()
{
    m_ui->bindPortSpin->setValue(0);
    m_session.channel()->listen(0);
}

void ChatWindow::replyTo(const QModelIndex &index)
{
    const ChatMessage message = index.data(MessageListModel::MessageRole).value<ChatMessage>();
    if (!message.isIncoming())
        return;
    const Endpoint sender{message.peerAddress, message.peerPort};
    setTarget(sender);
    m_targetEditedByUser = true;
    statusBar()->showMessage(tr("Replying to %1").arg(sender.toString()), 5000);
    m_ui->messageEdit->setFocus();
}

void ChatWindow::showMessageMenu(const QPoint &position)
{
    const QModelIndex index = m_ui->messageView->indexAt(position);
    if (!index.isValid())
        return;
    const std::unique_ptr<QMenu> menu = createMessageMenu(index);
    menu->exec(m_ui->messageView->viewport()->mapToGlobal(position));
}

std::unique_ptr<QMenu> ChatWindow::createMessageMenu(const QModelIndex &index)
{
    // Rows may arrive (or leave at the cap) while the menu is open: act on this very message.
    const QPersistentModelIndex row(index);
    auto menu = std::make_unique<QMenu>(this);
    menu->setObjectName(QStringLiteral("messageMenu"));
    connect(menu->addAction(tr("Show Whole Message\u2026")), &QAction::triggered, this,
            [this, row] {
                if (row.isValid())
                    showWholeMessage(row);
            });
    connect(menu->addAction(tr("Copy Text")), &QAction::triggered, this, [row] {
        if (row.isValid())
            QGuiApplication::clipboard()->setText(row.data(MessageListModel::TextRole).toString());
    });
    QAction *bytes = menu->addAction(tr("Show Bytes (Hex)\u2026"));
    bytes->setObjectName(QStringLiteral("showBytesAction"));
    connect(bytes, &QAction::triggered, this, [this, row] {
        if (row.isValid())
            showBytes(row);
    });
    const ChatMessage message = index.data(MessageListModel::MessageRole).value<ChatMessage>();
    if (!message.isIncoming())
        return menu;
    connect(menu->addAction(tr("Reply to Sender")), &QAction::triggered, this, [this, row] {
        if (row.isValid())
            replyTo(row);
    });
    menu->addSeparator();
    const QString remembered = m_session.peerEncoding(message.peerAddress);
    QMenu *decodeMenu = menu->addMenu(tr("Decode As"));
    decodeMenu->setObjectName(QStringLiteral("decodeAsMenu"));
    QMenu *peerMenu =
            menu->addMenu(tr("Always Decode %1 As").arg(displayAddress(message.peerAddress)));
    peerMenu->setObjectName(QStringLiteral("decodePeerAsMenu"));
    const QStringList encodings = TextCodec::availableEncodings();
    for (const QString &name : encodings) {
        QAction *once = decodeMenu->addAction(name);
        once->setCheckable(true);
        once->setChecked(name == message.encoding);
        connect(once, &QAction::triggered, this, [this, row, name] {
            if (row.isValid())
                decodeAs(row, name, false);
        });
        QAction *always = peerMenu->addAction(name);
        always->setCheckable(true);
        always->setChecked(name == remembered);
        connect(always, &QAction::triggered, this, [this, row, name] {
            if (row.isValid())
                decodeAs(row, name, true);
        });
    }
    if (!remembered.isEmpty()) {
        peerMenu->addSeparator();
        QAction *forget = peerMenu->addAction(
                tr("Forget (Use the Receive Encoding, %1)").arg(m_session.receiveEncoding()));
        forget->setObjectName(QStringLiteral("forgetPeerEncodingAction"));
        connect(forget, &QAction::triggered, this, [this, row] {
            if (row.isValid())
                forgetPeerEncoding(row);
        });
    }
    return menu;
}

QDialog *ChatWindow::showWholeMessage(const QModelIndex &index)
{
    // Non-modal and plain text: the whole message, still with controls and bidi neutralised.
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("wholeMessageDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Message \u2013 %1").arg(MessageDelegate::headerText(index)));
    auto *text = new QPlainTextEdit(dialog);
    text->setObjectName(QStringLiteral("wholeMessageText"));
    text->setReadOnly(true);
    text->setPlainText(sanitizeForDisplay(index.data(MessageListModel::TextRole).toString(),
                                          DisplayLimits::unbounded())
                               .text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog->resize(560, 400);
    dialog->show();
    return dialog;
}

QDialog *ChatWindow::showBytes(const QModelIndex &index)
{
    // The exact bytes, 16 to a line with their offset; only hex digits, so nothing remote can
    // be drawn as anything but itself.
    const QByteArray payload = index.data(MessageListModel::PayloadRole).toByteArray();
    QStringList lines;
    for (qsizetype offset = 0; offset < payload.size(); offset += kBytesPerHexLine) {
        lines.append(QStringLiteral("%1  %2")
                             .arg(offset, 4, 16, QLatin1Char('0'))
                             .arg(HexCodec::format(payload.mid(offset, kBytesPerHexLine), ' ')));
    }
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("bytesDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Bytes \u2013 %1").arg(MessageDelegate::headerText(index)));
    auto *summary = new QLabel(dialog);
    summary->setObjectName(QStringLiteral("bytesSummaryLabel"));
    summary->setTextFormat(Qt::PlainText);
    summary->setText(tr("%1 bytes; shown as text in %2")
                             .arg(payload.size())
                             .arg(index.data(MessageListModel::EncodingRole).toString()));
    auto *text = new QPlainTextEdit(dialog);
    text->setObjectName(QStringLiteral("bytesText"));
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setPlainText(lines.join(u'\n'));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(summary);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog->resize(520, 320);
    dialog->show();
    return dialog;
}

bool ChatWindow::decodeAs(const QModelIndex &index, const QString &encoding, bool rememberForPeer)
{
    const ChatMessage message = index.data(MessageListModel::MessageRole).value<ChatMessage>();
    if (!message.isIncoming() || !m_session.messages()->redecode(message.id, encoding))
        return false;
    if (rememberForPeer) {
        m_session.setPeerEncoding(message.peerAddress, encoding);
        m_settings.setPeerEncodings(m_session.peerEncodings());
        saveSettings();
        statusBar()->showMessage(tr("Messages from %1 are now decoded as %2.")
                                         .arg(displayAddress(message.peerAddress), encoding),
                                 5000);
    }
    return true;
}

void ChatWindow::forgetPeerEncoding(const QModelIndex &index)
{
    const ChatMessage message = index.data(MessageListModel::MessageRole).value<ChatMessage>();
    m_session.setPeerEncoding(message.peerAddress, QString());
    m_settings.setPeerEncodings(m_session.peerEncodings());
    saveSettings();
}

void ChatWindow::onRowsChanged(const QModelIndex &first, const QModelIndex &last)
{
    // A row decoded again has another text and height: measure it anew.
    for (int row = first.row(); row <= last.row(); ++row)
        m_delegate->forgetSize(m_session.messages()->at(row).id);
    m_ui->messageView->doItemsLayout();
}

void ChatWindow::onRowsAboutToChange()
{
    // Rows arrive below or the row cap removes the oldest: whoever reads above the bottom keeps
    // their place.
    if (!m_followNewRows)
        rememberScrollAnchor();
}

void ChatWindow::onRowsInserted()
{
    // Follow the conversation only when the user is at the bottom.
    if (m_followNewRows)
        m_ui->messageView->scrollToBottom();
    else
        restoreScrollAnchor();
}

void ChatWindow::onScrollRangeChanged()
{
    // Rows measured exactly when painted can grow the list: whoever was at the bottom stays.
    if (m_followNewRows)
        m_ui->messageView->verticalScrollBar()->setValue(
                m_ui->messageView->verticalScrollBar()->maximum());
}

void ChatWindow::onScrolled(int value)
{
    m_followNewRows = value >= m_ui->messageView->verticalScrollBar()->maximum();
}

void ChatWindow::rememberScrollAnchor()
{
    const QModelIndex top = m_ui->messageView->indexAt(QPoint(1, 1));
    m_anchorId = top.isValid() ? m_session.messages()->at(top.row()).id : 0;
    m_anchorOffset = top.isValid() ? m_ui->messageView->visualRect(top).top() : 0;
}

void ChatWindow::restoreScrollAnchor()
{
    if (m_anchorId == 0)
        return;
    const int row = m_session.messages()->rowOf(m_anchorId);
    m_anchorId = 0;
    if (row < 0)
        return; // the row itself left: the view stays where it is
    MessageView *view = m_ui->messageView;
    view->doItemsLayout(); // rows above may have gone: positions first
    QScrollBar *bar = view->verticalScrollBar();
    const QModelIndex index = m_session.messages()->index(row);
    bar->setValue(bar->value() + view->visualRect(index).top() - m_anchorOffset);
}

void ChatWindow::saveDraft()
{
    m_settings.setDraft(m_ui->messageEdit->text());
    saveSettings();
}

void ChatWindow::saveSettings()
{
    QString error;
    if (m_settings.save(&error)) {
        // The problem went away: stop saying otherwise, and a new failure is news again.
        if (!m_shownSettingsError.isEmpty()
            && statusBar()->currentMessage() == m_shownSettingsError)
            statusBar()->clearMessage();
        m_shownSettingsError.clear();
        m_settingsErrors.reset();
        return;
    }
    // Nothing is lost meanwhile: the text stays in the box and the values in memory, and the
    // next save tries again.
    if (const auto text = m_settingsErrors.submit(error)) {
        m_shownSettingsError = *text;
        statusBar()->showMessage(*text, kSettingsErrorShownMs);
    }
}

void ChatWindow::showAbout()
{
    // A QMessageBox built by hand so its text format can be forced to plain text.
    QMessageBox box(QMessageBox::Information, tr("About udpchat"),
                    tr("udpchat %1").arg(QCoreApplication::applicationVersion()), QMessageBox::Ok,
                    this);
    box.setTextFormat(Qt::PlainText);
    box.setIconPixmap(applicationIcon().pixmap(64, 64));
    box.setInformativeText(
            tr("Chat over plain UDP with any program on your local network: every line is one "
               "datagram, exactly the bytes of the text.\n\nBuilt with Qt %1 (running on %2).")
                    .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
    box.exec();
}

void ChatWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitting && closeToTray()) {
        // Still running in the tray; the draft was saved as it was typed.
        saveDraft();
        hide();
        event->ignore();
        return;
    }
    m_settings.setWindowGeometry(saveGeometry());
    rememberTarget();
    m_settings.setDraft(m_ui->messageEdit->text());
    saveSettings();
    event->accept();
}
