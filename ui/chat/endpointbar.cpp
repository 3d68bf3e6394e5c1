#include "ui/chat/endpointbar.h"

#include "core/net/localaddresses.h"
#include "ui/common/statuscolors.h"
#include "ui_endpointbar.h"

#include <QBoxLayout>
#include <QEvent>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScopeGuard>

EndpointBar::EndpointBar(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::EndpointBar>())
{
    m_ui->setupUi(this);
    setAlarm(m_ui->targetErrorLabel, true);
    m_ui->targetErrorLabel->hide();

    // Broadcast is a choice the user makes here, never a default. A push button draws its menu
    // arrow beside the text (a tool button drew it over it).
    m_broadcastButton = new QPushButton(this);
    m_broadcastButton->setObjectName(QStringLiteral("broadcastButton"));
    m_broadcastButton->setAutoDefault(false);
    auto *menu = new QMenu(m_broadcastButton);
    menu->setObjectName(QStringLiteral("broadcastMenu"));
    m_broadcastButton->setMenu(menu);
    connect(menu, &QMenu::aboutToShow, this, &EndpointBar::fillBroadcastMenu);
    m_ui->endpointsLayout->insertWidget(m_ui->endpointsLayout->indexOf(m_ui->targetAddressEdit) + 1,
                                        m_broadcastButton);

    // On a narrow screen "Listen on port" goes to a second row.
    auto *second = new QHBoxLayout;
    m_ui->layout->insertLayout(1, second);
    m_rows = std::make_unique<AdaptiveRows>(
            m_ui->endpointsLayout, second,
            QList<QWidget *>{m_ui->bindPortLabel, m_ui->bindPortSpin, m_ui->applyBindButton},
            QList<QWidget *>{m_ui->endpointsSeparator});
    // Room for the largest port, whatever the font and language.
    m_ui->targetPortEdit->setMinimumWidth(
            m_ui->targetPortEdit->fontMetrics().horizontalAdvance(QStringLiteral("65535 ")) + 12);

    setUpNotes();
    connectFields();
    retranslate();
}

void EndpointBar::setUpNotes()
{
    // Notes under the row: where a reply goes, a target that is udpchat itself, a port typed but
    // not applied.
    for (QLabel **note : {&m_targetNote, &m_listenNote}) {
        *note = new QLabel(this);
        (*note)->setTextFormat(Qt::PlainText);
        (*note)->setWordWrap(true);
        (*note)->hide();
        setWarning(*note);
        m_ui->layout->addWidget(*note);
    }
    m_targetNote->setObjectName(QStringLiteral("targetNoteLabel"));
    m_listenNote->setObjectName(QStringLiteral("listenNoteLabel"));
}

void EndpointBar::connectFields()
{
    // Enter in "Listen on port" applies it, as Apply does; what is typed but not applied is said.
    connect(m_ui->bindPortSpin, &PortSpinBox::applyRequested, this,
            [this] { Q_EMIT listenPortApplied(listenPort()); });
    connect(m_ui->bindPortSpin, &PortSpinBox::typed, this, &EndpointBar::updateNotes);
    connect(m_ui->bindPortSpin, &QSpinBox::valueChanged, this, &EndpointBar::updateNotes);

    for (QLineEdit *edit : {m_ui->targetAddressEdit, m_ui->targetPortEdit}) {
        connect(edit, &QLineEdit::textChanged, this, &EndpointBar::validate);
        // Typed by the user (unlike --target presets): remembered when sending and on close.
        connect(edit, &QLineEdit::textEdited, this, [this] {
            m_editedByUser = true;
            setTargetNote(QString());
        });
        connect(edit, &QLineEdit::returnPressed, this, &EndpointBar::targetConfirmed);
    }
    connect(m_ui->applyBindButton, &QPushButton::clicked, this,
            [this] { Q_EMIT listenPortApplied(listenPort()); });
}

EndpointBar::~EndpointBar() = default;

QString EndpointBar::addressText() const
{
    return m_ui->targetAddressEdit->text().trimmed();
}

void EndpointBar::setTarget(const Endpoint &target)
{
    setTargetText(displayAddress(target.address), target.port);
}

void EndpointBar::setTargetText(const QString &address, quint16 port)
{
    m_ui->targetAddressEdit->setText(address);
    m_ui->targetPortEdit->setText(QString::number(port));
}

quint16 EndpointBar::listenPort() const
{
    return static_cast<quint16>(m_ui->bindPortSpin->value());
}

void EndpointBar::setListenPort(quint16 port)
{
    m_ui->bindPortSpin->setValue(port);
}

void EndpointBar::setListening(quint16 requestedPort, quint16 port)
{
    m_requestedPort = requestedPort;
    m_listeningPort = port;
    // Our own addresses, read when the socket changes rather than per keystroke.
    m_ownAddresses.clear();
    for (const LocalAddress &a : localAddresses())
        m_ownAddresses.append(normalizedAddress(a.address));
    setListenPort(requestedPort);
    updateNotes();
}

void EndpointBar::setTargetNote(const QString &sentence)
{
    m_targetNoteText = sentence;
    updateNotes();
}

QWidget *EndpointBar::addressField() const
{
    return m_ui->targetAddressEdit;
}

QWidget *EndpointBar::portField() const
{
    return m_ui->targetPortEdit;
}

void EndpointBar::updateNotes()
{
    QString targetNote = m_targetNoteText;
    const QHostAddress address = m_target ? normalizedAddress(m_target->address) : QHostAddress();
    const bool ours = m_target && (address.isLoopback() || m_ownAddresses.contains(address));
    if (ours && m_listeningPort != 0 && m_target->port == m_listeningPort) {
        targetNote = tr("That is udpchat itself: it listens on port %1 of this computer, so what "
                        "you send comes back here. Type the address and port of the peer.")
                             .arg(m_listeningPort);
    }
    m_targetNote->setText(targetNote);
    m_targetNote->setVisible(!targetNote.isEmpty());
    const QSpinBox *spin = m_ui->bindPortSpin;
    bool number = false;
    const int typed =
            spin->text() == spin->specialValueText() ? 0 : spin->cleanText().toInt(&number);
    const bool pending = (number || typed == 0) && typed != m_requestedPort;
    const QString any = spin->specialValueText();
    m_listenNote->setText(pending ? tr("Port %1 is not applied yet: press Enter or Apply to listen "
                                       "on it (udpchat still listens on %2).")
                                            .arg(typed == 0 ? any : QString::number(typed),
                                                 m_requestedPort == 0
                                                         ? QString::number(m_listeningPort)
                                                         : QString::number(m_requestedPort))
                                  : QString());
    m_listenNote->setVisible(pending);
}

void EndpointBar::validate()
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
    updateNotes();
    Q_EMIT targetChanged();
}

void EndpointBar::fillBroadcastMenu()
{
    QMenu *menu = m_broadcastButton->menu();
    menu->clear();
    for (const LocalAddress &a : broadcastCapableAddresses()) {
        const QString address = a.broadcast.toString();
        QAction *action =
                menu->addAction(tr("Everyone on %1's subnet (%2)").arg(a.interfaceName, address));
        connect(action, &QAction::triggered, this,
                [this, address] { m_ui->targetAddressEdit->setText(address); });
    }
    QAction *all = menu->addAction(tr("Everyone on the local network (255.255.255.255)"));
    connect(all, &QAction::triggered, this,
            [this] { m_ui->targetAddressEdit->setText(QStringLiteral("255.255.255.255")); });
}

QSize EndpointBar::minimumSizeHint() const
{
    const QMargins margins = m_ui->layout->contentsMargins();
    return {m_rows->compactWidth() + margins.left() + margins.right(),
            QWidget::minimumSizeHint().height()};
}

void EndpointBar::resizeEvent(QResizeEvent *event)
{
    m_rows->fit(width());
    QWidget::resizeEvent(event);
}

void EndpointBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        m_rows->measure();
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void EndpointBar::retranslate()
{
    const auto measureAfter = qScopeGuard([this] {
        m_rows->measure();
        updateGeometry();
    });
    m_ui->retranslateUi(this);
    m_ui->bindPortSpin->setSpecialValueText(tr("any free"));
    m_ui->targetAddressEdit->setAccessibleName(tr("Target address"));
    m_ui->targetPortEdit->setAccessibleName(tr("Target port"));
    m_ui->bindPortSpin->setAccessibleName(tr("Listen on port"));
    m_broadcastButton->setText(tr("Broadcast"));
    m_broadcastButton->setToolTip(
            tr("Send to everyone on a network: choose a broadcast address as the target. "
               "Routers do not forward broadcasts, and some Wi-Fi networks drop them."));
    validate();
}
