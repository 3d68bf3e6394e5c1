// Hostile datagrams sent over loopback into the real window: what the view shows and what the
// process does. Every case checks a property that fails if the protection is removed.

#include "core/config/settings.h"
#include "core/session/chatsession.h"
#include "tests/support/guifixture.h"
#include "ui/chat/chatpage.h"
#include "ui/chat/messageactions.h"
#include "ui/common/messagedelegate.h"
#include "ui/common/messageview.h"

#include <QApplication>
#include <QDialog>
#include <QListView>
#include <QPlainTextEdit>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <sys/inotify.h>
#include <unistd.h>

namespace {
const QHostAddress kLoopback4(QHostAddress::LocalHost);

// Watches a file for being opened (IN_OPEN), to prove no markup makes Qt load it.
class OpenWatch
{
public:
    explicit OpenWatch(const QString &path)
    {
        m_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (m_fd >= 0)
            m_watch = inotify_add_watch(m_fd, path.toLocal8Bit().constData(), IN_OPEN | IN_ACCESS);
    }
    ~OpenWatch()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool isValid() const { return m_fd >= 0 && m_watch >= 0; }
    bool wasOpened() const
    {
        char buffer[4096];
        return ::read(m_fd, buffer, sizeof buffer) > 0;
    }

private:
    int m_fd = -1;
    int m_watch = -1;
};

QByteArray nestedTables(int depth)
{
    QByteArray html;
    for (int i = 0; i < depth; ++i)
        html += "<table><tr><td>";
    return html + "x";
}
} // namespace

class tst_HostileInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void datagram_data();
    void datagram();
    void markupNeverLoadsFiles();
    void multiByteCharacterSplitAcrossDatagrams();
    void bidiOverrideCannotFakeTheSender();
    void wholeMessageIsAvailable();

private:
    QModelIndex sendAndWait(const QByteArray &payload);

    QTemporaryDir m_dir;
    std::unique_ptr<GuiFixture> m_fx;
    QListView *m_view = nullptr;
};

void tst_HostileInput::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_HostileInput::init()
{
    m_fx = std::make_unique<GuiFixture>();
    QVERIFY(m_fx->start());
    m_view = m_fx->child<QListView>("messageView");
}

void tst_HostileInput::cleanup()
{
    m_fx.reset();
}

QModelIndex tst_HostileInput::sendAndWait(const QByteArray &payload)
{
    const int before = m_view->model()->rowCount();
    m_fx->peer().writeDatagram(payload, kLoopback4, m_fx->session().channel()->localPort());
    if (!QTest::qWaitFor([&] { return m_view->model()->rowCount() > before; }, 5000))
        return {};
    const QModelIndex index = m_view->model()->index(before, 0);
    m_view->scrollTo(index);
    m_fx->window().grab(); // paints every visible row through the delegate
    return index;
}

void tst_HostileInput::datagram_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("shownContains"); // in the displayed text
    QTest::addColumn<bool>("decodesCleanly");
    QTest::addColumn<bool>("shortened");

    QTest::newRow("html") << QByteArray("<b style='font-size:20pt;color:red'>SYSTEM</b>")
                          << QStringLiteral("<b style='font-size:20pt;color:red'>SYSTEM</b>")
                          << true << false;
    QTest::newRow("nested tables (hangs rich text)")
            << nestedTables(22) << QStringLiteral("<table><tr><td>") << true << false;
    QTest::newRow("nested tables (crashes rich text)")
            << nestedTables(4300) << QStringLiteral("<table><tr><td>") << true << true;
    QTest::newRow("lone FF") << QByteArray("a\xff"
                                           "b")
                             << QStringLiteral("a\ufffdb") << false << false;
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << QStringLiteral("\ufffd\ufffd") << false
                              << false;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QStringLiteral("\ufffd") << false
                               << false;
    QTest::newRow("above U+10FFFF")
            << QByteArray("\xf4\x90\x80\x80") << QStringLiteral("\ufffd") << false << false;
    QTest::newRow("NUL") << QByteArray("a\0b", 3) << QStringLiteral("a\u27e8NUL\u27e9b") << true
                         << false;
    QTest::newRow("ANSI") << QByteArray("\x1b[2J\x1b[31mred")
                          << QStringLiteral("\u27e8ESC\u27e9[2J") << true << false;
    QTest::newRow("CR LF") << QByteArray("one\r\ntwo") << QStringLiteral("one\ntwo") << true
                           << false;
    QTest::newRow("lone CR") << QByteArray("one\rtwo") << QStringLiteral("one\u27e8CR\u27e9two")
                             << true << false;
    QTest::newRow("U+2028") << QByteArray("one\xe2\x80\xa8two") << QStringLiteral("one\ntwo")
                            << true << false;
    QTest::newRow("RLO") << QByteArray("x\xe2\x80\xaey") << QStringLiteral("x\u27e8U+202E\u27e9y")
                         << true << false;
    QTest::newRow("RLI unclosed") << QByteArray("x\xe2\x81\xa7y")
                                  << QStringLiteral("x\u27e8U+2067\u27e9y") << true << false;
    // Issue 15 #2: bidi marks reordered digits, invisible characters hid inside words.
    QTest::newRow("RLM around digits")
            << QString::fromUtf8("Pay \u200f1000 - 10\u200f EUR").toUtf8()
            << QStringLiteral("Pay \u27e8U+200F\u27e91000 - 10\u27e8U+200F\u27e9 EUR") << true
            << false;
    QTest::newRow("ALM around digits")
            << QByteArray("\xd8\x9c"
                          "12 - 34"
                          "\xd8\x9c")
            << QStringLiteral("\u27e8U+061C\u27e912 - 34\u27e8U+061C\u27e9") << true << false;
    QTest::newRow("zero-width space in a word")
            << QByteArray("ad\xe2\x80\x8bmin") << QStringLiteral("ad\u27e8U+200B\u27e9min") << true
            << false;
    QTest::newRow("tag characters") << QByteArray("ok\xf3\xa0\x81\x81")
                                    << QStringLiteral("ok\u27e8U+E0041\u27e9") << true << false;
    QByteArray marks("a");
    for (int i = 0; i < 21000; ++i)
        marks += "\xcc\x81"; // U+0301
    QTest::newRow("combining flood")
            << marks << QStringLiteral("a") + QString(16, QChar(0x301)) << true << false;
    QTest::newRow("64 KiB line") << QByteArray(65507, 'w') << QString(4096, u'w') << true << true;
    QTest::newRow("many lines") << QByteArray(5000, '\n') << QStringLiteral("\n") << true << true;
    QByteArray garbage(4096, '\0');
    QRandomGenerator random(20261125);
    for (char &c : garbage)
        c = char(random.bounded(256));
    QTest::newRow("binary garbage") << garbage << QString() << false << true; // ~16 LF bytes
    QTest::newRow("zero-length") << QByteArray() << QString() << true << false;
}

void tst_HostileInput::datagram()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, shownContains);
    QFETCH(bool, decodesCleanly);
    QFETCH(bool, shortened);

    const QModelIndex index = sendAndWait(payload);
    QVERIFY(index.isValid());
    const QString shown = index.data(Qt::DisplayRole).toString();
    QVERIFY2(isSafeForDisplay(shown), qPrintable(shown.left(200)));
    QVERIFY2(shown.contains(shownContains), qPrintable(shown.left(200)));
    QCOMPARE(index.data(MessageListModel::DecodedCleanlyRole).toBool(), decodesCleanly);
    QCOMPARE(index.data(MessageListModel::PayloadRole).toByteArray(), payload); // raw bytes kept
    const auto display = index.data(MessageListModel::DisplayTextRole).value<DisplayText>();
    QCOMPARE(display.isShortened(), shortened);
    // Bounded whatever came in: each shown character becomes at most one 8-unit escape.
    QVERIFY(shown.size() <= DisplayLimits().maxChars * 8 + DisplayLimits().maxLines);
    QCOMPARE(MessageDelegate::noteText(index).isEmpty(), !shortened && display.removedMarks == 0);
    QVERIFY(m_view->visualRect(index).height() < 2000); // no row taller than a screen or two
    // Painted, the row has its exact height (sizes start as estimates).
    auto *view = static_cast<MessageView *>(m_view);
    QStyleOptionViewItem option = view->itemOption();
    option.rect = m_view->visualRect(index);
    const auto *delegate = static_cast<MessageDelegate *>(m_view->itemDelegate());
    QTRY_COMPARE(m_view->visualRect(index).height(),
                 delegate->exactSizeHint(option, index).height());

    // The window keeps working afterwards: the next datagram arrives and is shown.
    QVERIFY(sendAndWait(QByteArray("still alive")).isValid());
}

void tst_HostileInput::markupNeverLoadsFiles()
{
    const QString canary = m_dir.filePath(QStringLiteral("canary.png"));
    {
        QFile file(canary);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write("not really a png") > 0);
    }
    const OpenWatch watch(canary);
    QVERIFY(watch.isValid());
    const QByteArray html = "<img src=\"" + canary.toUtf8() + "\"> <img src=\"file://"
                            + canary.toUtf8() + "\"> <a href=\"file://" + canary.toUtf8()
                            + "\">x</a>";
    const QModelIndex index = sendAndWait(html);
    QVERIFY(index.isValid());
    QVERIFY(index.data().toString().contains(QStringLiteral("<img src=")));
    m_view->setCurrentIndex(index);
    m_fx->window().grab();
    QVERIFY(!watch.wasOpened());
}

void tst_HostileInput::multiByteCharacterSplitAcrossDatagrams()
{
    // 你 = E4 BD A0, cut across two datagrams: each is decoded on its own and marked.
    const QModelIndex first = sendAndWait(QByteArray("x\xe4\xbd"));
    const QModelIndex second = sendAndWait(QByteArray("\xa0y"));
    QVERIFY(first.isValid() && second.isValid());
    QVERIFY(!first.data(MessageListModel::DecodedCleanlyRole).toBool());
    QVERIFY(!second.data(MessageListModel::DecodedCleanlyRole).toBool());
    QVERIFY(!first.data(MessageListModel::TextRole).toString().contains(QChar(0x4f60)));
    QVERIFY(!second.data(MessageListModel::TextRole).toString().contains(QChar(0x4f60)));
    QVERIFY(MessageDelegate::headerText(second).endsWith(QStringLiteral("not valid UTF-8")));
}

void tst_HostileInput::bidiOverrideCannotFakeTheSender()
{
    // Reversed, this reads "hi from ]10.0.0.5:5000[", a forged sender tag.
    const QModelIndex index = sendAndWait(QStringLiteral("hi \u202e]0005:5.0.0.01[ morf").toUtf8());
    QVERIFY(index.isValid());
    const QString shown = index.data().toString();
    QVERIFY(!shown.contains(QChar(0x202e)));
    QVERIFY(shown.contains(QStringLiteral("\u27e8U+202E\u27e9")));
    // The header is built from the socket's sender address only.
    QVERIFY(MessageDelegate::headerText(index).startsWith(
            QStringLiteral("127.0.0.1:%1 ").arg(m_fx->peer().localPort())));
}

void tst_HostileInput::wholeMessageIsAvailable()
{
    QByteArray payload;
    for (int i = 0; i < 100; ++i)
        payload += "line " + QByteArray::number(i) + "\x1b\n";
    const QModelIndex index = sendAndWait(payload);
    QVERIFY(index.isValid());
    QVERIFY(MessageDelegate::noteText(index).contains(QStringLiteral("more line")));

    QDialog *dialog = m_fx->window().chatPage()->actions()->showWholeMessage(index);
    QVERIFY(dialog && dialog->isVisible());
    auto *text = dialog->findChild<QPlainTextEdit *>(QStringLiteral("wholeMessageText"));
    QVERIFY(text);
    const QString whole = text->toPlainText();
    QVERIFY(whole.contains(QStringLiteral("line 99")));
    QVERIFY(!whole.contains(QChar(0x1b))); // still neutralised
    QVERIFY(whole.contains(QStringLiteral("\u27e8ESC\u27e9")));
    QVERIFY(!dialog->isModal());
    dialog->close();
}

QTEST_MAIN(tst_HostileInput)
#include "tst_hostileinput.moc"
