#include "ui/chat/composer.h"

#include "core/session/chatsession.h"
#include "core/text/hexcodec.h"
#include "ui/common/statuscolors.h"
#include "ui_composer.h"

#include <QBoxLayout>
#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QScopeGuard>
#include <QSignalBlocker>
#include <QToolButton>

namespace {
constexpr int kDraftSaveDelayMs = 500;
} // namespace

Composer::Composer(ChatSession &session, QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::Composer>()), m_session(session)
{
    m_ui->setupUi(this);
    setAlarm(m_ui->sendErrorLabel, true);
    m_ui->sendErrorLabel->hide();
    m_ui->composeNoteLabel->hide();
    m_ui->repeatStatusLabel->hide();
    setFocusProxy(m_ui->messageEdit);
    // On a narrow screen Repeat and "Receive as" go to a second row.
    auto *second = new QHBoxLayout;
    m_ui->layout->insertLayout(m_ui->layout->indexOf(m_ui->encodingLayout) + 1, second);
    m_rows = std::make_unique<AdaptiveRows>(
            m_ui->encodingLayout, second,
            QList<QWidget *>{m_ui->repeatButton, m_ui->repeatIntervalSpin, m_ui->repeatCountSpin,
                             m_ui->repeatStatusLabel, m_ui->encodingSeparator,
                             m_ui->receiveEncodingLabel, m_ui->receiveEncodingCombo},
            QList<QWidget *>{m_ui->encodingSeparator});
    setUpEncodings();
    setUpBytesPreview();
    connectControls();
    retranslate();
}

void Composer::setUpBytesPreview()
{
    // The bytes about to be sent, live, in hex (as Packet Sender and NetAssist show them).
    m_bytesButton = new QToolButton(this);
    m_bytesButton->setObjectName(QStringLiteral("showBytesButton"));
    m_bytesButton->setCheckable(true);
    m_bytesButton->setAutoRaise(true);
    m_ui->encodingLayout->insertWidget(m_ui->encodingLayout->indexOf(m_ui->byteCountLabel) + 1,
                                       m_bytesButton);
    m_bytesPreview = new QLabel(this);
    m_bytesPreview->setObjectName(QStringLiteral("bytesPreviewLabel"));
    m_bytesPreview->setTextFormat(Qt::PlainText);
    m_bytesPreview->setWordWrap(true);
    m_bytesPreview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bytesPreview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_bytesPreview->hide();
    m_ui->layout->insertWidget(m_ui->layout->indexOf(m_ui->composeLayout) + 1, m_bytesPreview);
    connect(m_bytesButton, &QToolButton::toggled, this, [this](bool shown) {
        m_bytesPreview->setVisible(shown);
        updateByteCount();
        Q_EMIT bytesShownChanged(shown);
    });
}

void Composer::connectControls()
{
    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(kDraftSaveDelayMs);
    connect(&m_draftTimer, &QTimer::timeout, this, &Composer::draftPaused);
    connect(m_ui->messageEdit, &MessageEdit::submitted, this, &Composer::submitted);
    connect(m_ui->sendButton, &QPushButton::clicked, this, &Composer::submitted);
    connect(m_ui->messageEdit, &QPlainTextEdit::textChanged, this, [this] {
        updateSendEnabled();
        updateByteCount();
        m_draftTimer.start();
    });
    connect(m_ui->sendEncodingCombo, &QComboBox::activated, this, [this] {
        Q_EMIT sendEncodingChosen(m_ui->sendEncodingCombo->currentData().toString());
        m_ui->sendErrorLabel->hide();
        updateByteCount();
    });
    connect(m_ui->receiveEncodingCombo, &QComboBox::activated, this, [this] {
        Q_EMIT receiveEncodingChosen(m_ui->receiveEncodingCombo->currentData().toString());
    });
    connect(m_ui->repeatButton, &QPushButton::clicked, this, &Composer::toggleRepeat);
    connect(&m_repeat, &RepeatSender::due, this, &Composer::sendRepeated);
    connect(&m_repeat, &RepeatSender::runningChanged, this, &Composer::updateRepeatState);
}

Composer::~Composer() = default;

QString Composer::text() const
{
    return m_ui->messageEdit->text();
}

void Composer::setText(const QString &text)
{
    m_ui->messageEdit->setPlainText(text);
    m_ui->messageEdit->moveCursor(QTextCursor::End);
    m_draftTimer.stop(); // not typed: nothing new to save
}

void Composer::clearText()
{
    m_ui->messageEdit->clear();
    m_draftTimer.stop();
}

void Composer::setTarget(const std::optional<Endpoint> &target)
{
    m_target = target;
    m_ui->sendErrorLabel->hide();
    // The encoding remembered for this target, if any (not a user choice: nothing is saved).
    showSendEncoding(m_session.sendEncodingFor(target ? target->address : QHostAddress()));
    updateSendEnabled();
    updateByteCount();
}

void Composer::showSendEncoding(const QString &name)
{
    m_ui->sendEncodingCombo->setCurrentIndex(m_ui->sendEncodingCombo->findData(name));
}

void Composer::showSendError(const QString &sentence)
{
    m_ui->sendErrorLabel->setText(sentence);
    m_ui->sendErrorLabel->setVisible(!sentence.isEmpty());
}

void Composer::setBytesShown(bool shown)
{
    const QSignalBlocker blocker(m_bytesButton);
    m_bytesButton->setChecked(shown);
    m_bytesPreview->setVisible(shown);
    updateByteCount();
}

void Composer::focusMessage()
{
    m_ui->messageEdit->setFocus();
}

QWidget *Composer::messageField() const
{
    return m_ui->messageEdit;
}

QWidget *Composer::sendField() const
{
    return m_ui->sendButton;
}

QSize Composer::minimumSizeHint() const
{
    const QMargins margins = m_ui->layout->contentsMargins();
    return {qMax(m_rows->compactWidth(), m_ui->composeLayout->minimumSize().width())
                    + margins.left() + margins.right(),
            QWidget::minimumSizeHint().height()};
}

void Composer::resizeEvent(QResizeEvent *event)
{
    m_rows->fit(width());
    QWidget::resizeEvent(event);
}

void Composer::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        m_rows->measure();
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

void Composer::retranslate()
{
    m_bytesButton->setText(tr("Hex"));
    m_ui->messageEdit->setAccessibleName(tr("Message"));
    m_ui->sendEncodingCombo->setAccessibleName(tr("Send encoding"));
    m_ui->receiveEncodingCombo->setAccessibleName(tr("Receive encoding"));
    m_ui->repeatIntervalSpin->setAccessibleName(tr("Repeat interval"));
    m_ui->repeatCountSpin->setAccessibleName(tr("Repeat count"));
    m_bytesPreview->setAccessibleName(tr("Bytes to be sent"));
    m_bytesButton->setToolTip(tr("Show the bytes about to be sent, in hex, under the message box"));
    const auto measureAfter = qScopeGuard([this] {
        m_rows->measure();
        updateGeometry();
    });
    m_ui->repeatCountSpin->setSpecialValueText(tr("until stopped"));
    updateRepeatState();
    updateSendEnabled();
    updateByteCount();
}

void Composer::setUpEncodings()
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
    showSendEncoding(m_session.sendEncoding());
    m_ui->receiveEncodingCombo->setCurrentIndex(
            m_ui->receiveEncodingCombo->findData(m_session.receiveEncoding()));
}

void Composer::updateSendEnabled()
{
    const bool canSend = m_target.has_value() && !text().isEmpty();
    m_ui->sendButton->setEnabled(canSend);
    m_ui->sendButton->setToolTip(m_target ? tr("Send as one UDP datagram (Enter)")
                                          : tr("Type a valid target address and port first."));
}

void Composer::updateByteCount()
{
    // What the message box would be on the wire, before anything is sent.
    const QHostAddress to = m_target ? m_target->address : QHostAddress();
    const ChatSession::Encoded encoded = m_session.encodeForSending(text(), to);
    const qsizetype bytes = encoded.bytes.size();
    m_ui->byteCountLabel->setText(tr("%1 bytes").arg(bytes));
    updateBytesPreview(encoded.ok() ? encoded.bytes : QByteArray());
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

void Composer::updateBytesPreview(const QByteArray &bytes)
{
    if (!m_bytesPreview || m_bytesPreview->isHidden())
        return;
    // A few lines' worth: the whole of a large message is in Show Bytes once it is sent.
    constexpr qsizetype kShown = 256;
    QString text = HexCodec::format(bytes.left(kShown), ' ');
    if (bytes.size() > kShown)
        text += tr(" \u2026 (%1 more bytes)").arg(bytes.size() - kShown);
    m_bytesPreview->setText(bytes.isEmpty() ? tr("(no bytes)") : text);
}

void Composer::toggleRepeat(bool start)
{
    if (!start) {
        m_repeat.stop();
        return;
    }
    QString problem;
    if (!m_target)
        problem = tr("Type a valid target address and port first.");
    else if (text().isEmpty())
        problem = tr("Type the message to repeat first.");
    showSendError(problem);
    if (!problem.isEmpty()) {
        updateRepeatState();
        return;
    }
    m_repeatTarget = *m_target; // where it started: editing the target does not redirect it
    m_repeat.start(text(), m_ui->repeatIntervalSpin->value(), m_ui->repeatCountSpin->value());
    updateRepeatState();
}

void Composer::sendRepeated(const QString &text)
{
    const ChatSession::SendOutcome outcome = m_session.send(text, m_repeatTarget);
    if (!outcome.sent) {
        m_repeat.stop();
        showSendError(outcome.error);
    }
    updateRepeatState();
}

void Composer::updateRepeatState()
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
    if (m_ui->repeatStatusLabel->isHidden() == status.isEmpty())
        return;
    m_ui->repeatStatusLabel->setVisible(!status.isEmpty());
    // It takes room on the row: the two forms are measured again.
    if (m_rows) {
        m_rows->measure();
        updateGeometry();
    }
}
