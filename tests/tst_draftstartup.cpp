// Issue 15 #5: a large draft (a pasted hex or base64 blob, no spaces) kept the window from
// appearing for a minute at every start. What is saved and restored as the draft is bounded by
// what one datagram could still carry, the window says when a draft was cut, and a long run
// without spaces is wrapped anywhere (linear) instead of at word boundaries (quadratic).
// Drives the real window; times are printed for information, never compared with a threshold.
#include "tests/support/guifixture.h"
#include "ui/common/messageedit.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

class tst_DraftStartup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void hugeDraftIsCutAndSaidSo();
    void pastedBlobIsSavedBounded();
    void wordsStillWrapAtWordBoundaries();
    void everyKeyHuge();

private:
    void openWindow();
    QString storedDraft() const;
    MessageEdit *edit() const
    {
        return m_fx->window().findChild<MessageEdit *>(QStringLiteral("messageEdit"));
    }

    std::unique_ptr<GuiFixture> m_fx;
    QString m_path;
};

void tst_DraftStartup::init()
{
    m_fx = std::make_unique<GuiFixture>();
    m_path = m_fx->file(QStringLiteral("udpchat.conf"));
}

void tst_DraftStartup::cleanup()
{
    m_fx->stop();
}

void tst_DraftStartup::openWindow()
{
    QElapsedTimer timer;
    timer.start();
    QVERIFY(m_fx->start());
    m_fx->window().grab(); // painted, the message box laid out
    qInfo("window up and painted after %lld ms", timer.elapsed());
    QVERIFY(edit());
}

QString tst_DraftStartup::storedDraft() const
{
    QSettings reader(m_path, QSettings::IniFormat);
    return reader.value(QStringLiteral("window/draft")).toString();
}

void tst_DraftStartup::hugeDraftIsCutAndSaidSo()
{
    // The case: a 1 MiB draft without spaces in the settings file.
    const QString huge(1 << 20, u'f');
    {
        QSettings writer(m_path, QSettings::IniFormat);
        writer.setValue(QStringLiteral("window/draft"), huge);
        writer.sync();
        QCOMPARE(writer.status(), QSettings::NoError);
    }
    openWindow();
    // Restored: what one datagram could still carry, the beginning of the draft.
    QCOMPARE(edit()->text().size(), qsizetype(Settings::MaxDraftLength));
    QVERIFY(huge.startsWith(edit()->text()));
    QCOMPARE(edit()->wordWrapMode(), QTextOption::WrapAnywhere);
    // Said in a sentence, once, with both numbers.
    QTRY_VERIFY(!m_fx->window().statusBar()->currentMessage().isEmpty());
    const QString notice = m_fx->window().statusBar()->currentMessage();
    QVERIFY2(notice.contains(QLocale().toString(huge.size())), qPrintable(notice));
    QVERIFY2(notice.contains(QLocale().toString(Settings::MaxDraftLength)), qPrintable(notice));
    // Closed: the file holds the bounded draft, and the next start has nothing to say.
    m_fx->window().close();
    QCOMPARE(storedDraft().size(), qsizetype(Settings::MaxDraftLength));
    cleanup();
    openWindow();
    QCOMPARE(edit()->text().size(), qsizetype(Settings::MaxDraftLength));
    QVERIFY(m_fx->settings().draftNotice().isEmpty());
}

void tst_DraftStartup::pastedBlobIsSavedBounded()
{
    openWindow();
    const QString blob = QString(Settings::MaxDraftLength + 1000, u'A');
    QApplication::clipboard()->setText(blob);
    edit()->setFocus();
    QTest::keyClick(edit(), Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(edit()->text().size(), blob.size()); // the box keeps all of it...
    QCOMPARE(edit()->wordWrapMode(), QTextOption::WrapAnywhere);
    m_fx->window().close();
    // ...but what is saved is bounded.
    QCOMPARE(storedDraft().size(), qsizetype(Settings::MaxDraftLength));
}

void tst_DraftStartup::wordsStillWrapAtWordBoundaries()
{
    openWindow();
    QTest::keyClicks(edit(), QStringLiteral("a few words"));
    QCOMPARE(edit()->wordWrapMode(), QTextOption::WrapAtWordBoundaryOrAnywhere);
    edit()->selectAll();
    QApplication::clipboard()->setText(QString(2000, u'x'));
    QTest::keyClick(edit(), Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(edit()->wordWrapMode(), QTextOption::WrapAnywhere);
    // Back to words: word wrap again.
    edit()->selectAll();
    QTest::keyClicks(edit(), QStringLiteral("short again"));
    QCOMPARE(edit()->wordWrapMode(), QTextOption::WrapAtWordBoundaryOrAnywhere);
}

// Whatever the settings file holds: every key a megabyte long, 80,000 peer encodings, 1,000
// unknown keys. The window comes up with defaults for what is out of range and a bounded draft.
void tst_DraftStartup::everyKeyHuge()
{
    const char *const keys[]{"target/address",     "target/port",      "listen/port",
                             "window/geometry",    "window/state",     "window/language",
                             "encoding/send",      "encoding/receive", "history/maxCount",
                             "history/maxAgeDays", "notify/alert",     "notify/tray",
                             "window/closeAction", "ipmsg/mode",       "ipmsg/nickname",
                             "ipmsg/group",        "ipmsg/port",       "window/draft"};
    {
        QSettings writer(m_path, QSettings::IniFormat);
        for (const char *key : keys)
            writer.setValue(QLatin1String(key), QString(1 << 20, u'9'));
        const QString peers = QStringLiteral("10.0.0.1 GBK;").repeated(80000);
        writer.setValue(QStringLiteral("encoding/peers"), peers);
        writer.setValue(QStringLiteral("encoding/targets"), peers);
        for (int i = 0; i < 1000; ++i)
            writer.setValue(QStringLiteral("junk/k%1").arg(i), QString(1000, u'j'));
        writer.sync();
        QCOMPARE(writer.status(), QSettings::NoError);
    }
    openWindow();
    QCOMPARE(edit()->text().size(), qsizetype(Settings::MaxDraftLength));
    QCOMPARE(m_fx->settings().targetAddress(), Settings::defaultTargetAddress());
    QCOMPARE(m_fx->settings().bindPort(), Settings::DefaultPort);
    QCOMPARE(m_fx->settings().ipmsgNickname().size(), Settings::MaxNicknameLength);
    QVERIFY(m_fx->settings().peerEncodings().size() <= Settings::MaxPeerEncodings);
}

QTEST_MAIN(tst_DraftStartup)
#include "tst_draftstartup.moc"
