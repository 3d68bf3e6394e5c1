// Keyboard and screen readers (issue 19): every input has an accessible name, a message row is
// read with its direction, sender, time and status, Enter on a received message replies, the
// menu key opens the selected row's menu, Ctrl+F goes to the search and Ctrl+1/2 switch modes.

#include "tests/support/guifixture.h"
#include "ui/chat/chatpage.h"
#include "ui/common/messageedit.h"
#include "ui/common/messageview.h"

#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTest>
#include <QTimer>

class tst_Accessibility : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void everyInputHasAName();
    void rowsAreReadWithSenderTimeDirectionAndStatus();
    void enterOnAReceivedMessageReplies();
    void menuKeyOpensTheSelectedRowsMenu();
    void ctrlFGoesToTheSearch();
    void ctrlDigitSwitchesTheMode();

private:
    QModelIndex receive(const QByteArray &payload);
    std::unique_ptr<GuiFixture> m_fx;
};

void tst_Accessibility::init()
{
    m_fx = std::make_unique<GuiFixture>();
    QVERIFY(m_fx->start());
}

void tst_Accessibility::cleanup()
{
    m_fx.reset();
}

QModelIndex tst_Accessibility::receive(const QByteArray &payload)
{
    MessageListModel *model = m_fx->session().messages();
    const int before = model->rowCount();
    m_fx->peerSend(payload);
    if (!QTest::qWaitFor([&] { return model->rowCount() > before; }, 5000))
        return {};
    return model->index(model->rowCount() - 1);
}

void tst_Accessibility::everyInputHasAName()
{
    // On both pages.
    auto *pages = m_fx->child<QStackedWidget>("modeStack");
    QStringList unnamed;
    for (int page = 0; page < pages->count(); ++page) {
        const auto widgets = pages->widget(page)->findChildren<QWidget *>();
        for (QWidget *w : widgets) {
            const bool input = qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)
                               || qobject_cast<QPlainTextEdit *>(w)
                               || qobject_cast<QAbstractItemView *>(w)
                               || (qobject_cast<QLineEdit *>(w)
                                   && !qobject_cast<QAbstractSpinBox *>(w->parentWidget())
                                   && !qobject_cast<QComboBox *>(w->parentWidget()));
            // A tree's header is part of the tree, named with it.
            if (!input || qobject_cast<QHeaderView *>(w)
                || w->objectName().startsWith(QLatin1String("qt_")))
                continue;
            QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
            if (!a || a->text(QAccessible::Name).trimmed().isEmpty())
                unnamed << QStringLiteral("%1 %2").arg(QLatin1String(w->metaObject()->className()),
                                                       w->objectName());
        }
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void tst_Accessibility::rowsAreReadWithSenderTimeDirectionAndStatus()
{
    const QModelIndex received = receive("hello reader");
    QVERIFY(received.isValid());
    auto *view = m_fx->child<MessageView>("messageView");
    QAccessibleInterface *list = QAccessible::queryAccessibleInterface(view);
    QVERIFY(list);
    QAccessibleInterface *row = list->child(received.row());
    QVERIFY(row);
    const QString name = row->text(QAccessible::Name);
    const QString sender = QStringLiteral("127.0.0.1:%1").arg(m_fx->peer().localPort());
    QVERIFY2(name.startsWith(QStringLiteral("Received from ") + sender), qPrintable(name));
    QVERIFY2(name.contains(QRegularExpression(QStringLiteral("\\b\\d\\d:\\d\\d:\\d\\d\\b"))),
             qPrintable(name));
    QVERIFY2(name.endsWith(QStringLiteral("hello reader")), qPrintable(name));

    m_fx->window().chatPage()->setTarget(
            Endpoint{QHostAddress::LocalHost, m_fx->peer().localPort()});
    auto *edit = m_fx->child<MessageEdit>("messageEdit");
    QTest::keyClicks(edit, QStringLiteral("answer"));
    QTest::keyClick(edit, Qt::Key_Return);
    const int last = m_fx->session().messages()->rowCount() - 1;
    const QString sent = list->child(last)->text(QAccessible::Name);
    QVERIFY2(sent.startsWith(QStringLiteral("Sent to ") + sender), qPrintable(sent));
}

void tst_Accessibility::enterOnAReceivedMessageReplies()
{
    const QModelIndex received = receive("reply to me");
    QVERIFY(received.isValid());
    auto *view = m_fx->child<MessageView>("messageView");
    view->setFocus();
    view->setCurrentIndex(received);
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(m_fx->child<QLineEdit>("targetPortEdit")->text(),
             QString::number(m_fx->peer().localPort()));
    QCOMPARE(QApplication::focusWidget(), m_fx->child<MessageEdit>("messageEdit"));
}

void tst_Accessibility::menuKeyOpensTheSelectedRowsMenu()
{
    const QModelIndex received = receive("menu for me");
    QVERIFY(received.isValid());
    auto *view = m_fx->child<MessageView>("messageView");
    view->setFocus();
    // Reached by keyboard, the list starts on the newest message.
    QCOMPARE(view->currentIndex().row(), received.row());
    QString shown;
    QTimer::singleShot(0, this, [&] {
        if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
            shown = menu->objectName();
            menu->close();
        }
    });
    QContextMenuEvent event(QContextMenuEvent::Keyboard, QPoint(0, 0),
                            view->viewport()->mapToGlobal(QPoint(0, 0)));
    QApplication::sendEvent(view->viewport(), &event);
    QCOMPARE(shown, QStringLiteral("messageMenu"));
}

void tst_Accessibility::ctrlFGoesToTheSearch()
{
    QTest::keySequence(&m_fx->window(), QKeySequence::Find);
    auto *field = m_fx->child<QLineEdit>("searchEdit");
    QTRY_COMPARE(QApplication::focusWidget(), field);
}

void tst_Accessibility::ctrlDigitSwitchesTheMode()
{
    QTest::keySequence(&m_fx->window(), QKeySequence(Qt::CTRL | Qt::Key_2));
    QCOMPARE(m_fx->window().mode(), MainWindow::Mode::IpMsg);
    QTest::keySequence(&m_fx->window(), QKeySequence(Qt::CTRL | Qt::Key_1));
    QCOMPARE(m_fx->window().mode(), MainWindow::Mode::Plain);
}

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
