// The real udpchat window in IP Messenger mode, driven as a user would, for
// tests/lansim/ipmsg_lansim.sh (issue 17): built by Application from the command line main()
// gets, it clicks the buttons painted in a message's bubble (Save All, Cancel, Try Again) and
// drops files onto the IP Messenger page, on commands read from standard input, one a line:
//
//   click ACTION         click ACTION (SaveAll, Cancel, TryAgain, ...: OfferActions::Action) in
//                        the bubble of the last offer received
//   cancel-after BYTES   click Cancel in that bubble once BYTES of a file have arrived
//   drop PEER\tPATH...   choose the peer PEER (nickname or address) in the list and drop the
//                        files PATH... (separated by tabs) onto the page, as a file manager would
//   quit                 end (also at the end of the input)
//
// It prints a line for each event, for the script to wait for: "ready", "peer NICK at ADDRESS",
// "offer id=ID files=N", "clicked ACTION id=ID", "receiving id=ID NAME", "saved id=ID PATH",
// "state id=ID [BUTTONS] TEXT", "finished id=ID ok|failed SENTENCE", "sent id=ID files=N",
// "sending id=ID NAME", "fetched id=ID ok|failed SENTENCE", and "FAIL: ..." when a command could
// not be done. Exits 0 when every command was done and nothing failed, 1 otherwise.
//
//   udpchat_windowdriver --profile DIR --nickname NAME --folder DIR [--timeout-ms N]
//
// The window broadcasts on every interface it has: the driver refuses to run outside a lan-sim
// host (an address other than 10.99.0.x or loopback).

#include "app/application.h"
#include "core/config/translations.h"
#include "core/ipmsg/ipmsgchat.h"
#include "core/ipmsg/ipmsgoffers.h"
#include "tests/support/offerbuttons.h"
#include "ui/common/messageview.h"
#include "ui/ipmsg/ipmsgpanel.h"
#include "ui/ipmsg/offeractions.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDropEvent>
#include <QHash>
#include <QMetaEnum>
#include <QMimeData>
#include <QNetworkInterface>
#include <QSet>
#include <QSocketNotifier>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <unistd.h>

namespace {
void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// Only inside lan-sim: every address loopback or in 10.99.0.0/24.
bool insideLanSim()
{
    const auto lan = QHostAddress::parseSubnet(QStringLiteral("10.99.0.0/24"));
    const QList<QHostAddress> addresses = QNetworkInterface::allAddresses();
    return std::all_of(addresses.cbegin(), addresses.cend(), [&lan](const QHostAddress &a) {
        return a.isLoopback() || a.isLinkLocal() || a.isInSubnet(lan);
    });
}

// "WHAT id=ID ok|failed SENTENCE": how a transfer ended.
void sayEnd(const char *what, quint64 id, bool ok, const QString &sentence)
{
    say(QStringLiteral("%1 id=%2 %3 %4")
                .arg(QLatin1String(what))
                .arg(id)
                .arg(ok ? QStringLiteral("ok") : QStringLiteral("failed"), sentence));
}

// "WHAT id=ID NAME" the first time the transfer of row @p id is at @p name (@p said: the last).
void sayFirst(QHash<quint64, QString> &said, const char *what, quint64 id, const QString &name)
{
    if (said.value(id) == name)
        return;
    said.insert(id, name);
    say(QStringLiteral("%1 id=%2 %3").arg(QLatin1String(what)).arg(id).arg(name));
}

QString actionName(OfferActions::Action action)
{
    return QLatin1String(QMetaEnum::fromType<OfferActions::Action>().valueToKey(int(action)));
}

class Driver : public QObject
{
public:
    explicit Driver(IpMsgPanel &panel) : m_panel(panel), m_offers(*panel.chat().offers())
    {
        IpMsgChat &chat = panel.chat();
        connect(&chat, &IpMsgChat::messagesReceived, this, &Driver::onReceived);
        connect(&chat.session(), &IpMsgSession::peersChanged, this, &Driver::onPeers);
        connect(&m_offers, &IpMsgOffers::changed, this, &Driver::onChanged);
        connect(&m_offers, &IpMsgOffers::progress, this, &Driver::onProgress);
        connect(&m_offers, &IpMsgOffers::fileSaved, this, [](quint64 id, const QString &path) {
            say(QStringLiteral("saved id=%1 %2").arg(id).arg(path));
        });
        connect(&m_offers, &IpMsgOffers::finished, this,
                [](quint64 id, bool ok, const QString &sentence) {
                    sayEnd("finished", id, ok, sentence);
                });
        connect(&m_offers, &IpMsgOffers::sendProgress, this,
                [this](quint64 id, const QString &name, qint64, qint64) {
                    sayFirst(m_sending, "sending", id, name);
                });
        connect(&m_offers, &IpMsgOffers::sendFinished, this,
                [](quint64 id, bool ok, const QString &sentence) {
                    sayEnd("fetched", id, ok, sentence);
                });
    }

    // Reads commands from file descriptor 0 as they come.
    void listen()
    {
        m_notifier = std::make_unique<QSocketNotifier>(STDIN_FILENO, QSocketNotifier::Read);
        connect(m_notifier.get(), &QSocketNotifier::activated, this, &Driver::onInput);
    }

    int status() const { return m_failed ? 1 : 0; }

private:
    void fail(const QString &sentence)
    {
        m_failed = true;
        say(QStringLiteral("FAIL: %1").arg(sentence));
    }

    void onInput()
    {
        char buffer[4096];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            m_notifier->setEnabled(false);
            QCoreApplication::quit();
            return;
        }
        m_pending.append(buffer, int(n));
        for (qsizetype end; (end = m_pending.indexOf('\n')) >= 0;) {
            const QString line = QString::fromUtf8(m_pending.left(end));
            m_pending.remove(0, end + 1);
            run(line);
        }
    }

    void run(const QString &line)
    {
        const QString command = line.section(u' ', 0, 0);
        const QString argument = line.section(u' ', 1);
        if (command == QLatin1String("quit")) {
            QCoreApplication::quit();
        } else if (command == QLatin1String("click")) {
            bool known = false;
            const int value = QMetaEnum::fromType<OfferActions::Action>().keyToValue(
                    argument.toLatin1().constData(), &known);
            if (!known)
                return fail(QStringLiteral("no action %1").arg(argument));
            click(OfferActions::Action(value));
        } else if (command == QLatin1String("cancel-after")) {
            m_cancelAfter = argument.toLongLong();
        } else if (command == QLatin1String("drop")) {
            drop(argument.split(u'\t'));
        } else {
            fail(QStringLiteral("unknown command: %1").arg(line));
        }
    }

    void click(OfferActions::Action action)
    {
        if (m_offer == 0)
            return fail(QStringLiteral("no offer to click %1 in").arg(actionName(action)));
        const QList<OfferActions::Action> before = m_panel.offerActions()->actions(m_offer);
        QString why;
        if (!clickOfferButton(m_panel, m_offer, action, &why))
            return fail(why);
        say(QStringLiteral("clicked %1 id=%2").arg(actionName(action)).arg(m_offer));
        // Every one of these buttons changes what the bubble offers, at once or as soon as the
        // transfer it stops has ended: a button that does nothing is found out.
        const quint64 id = m_offer;
        QTimer::singleShot(5000, this, [this, id, action, before] {
            if (m_panel.offerActions()->actions(id) == before)
                fail(QStringLiteral("the click on %1 did nothing").arg(actionName(action)));
        });
    }

    // As a file manager's drop: the peer chosen in the list first, as the user would.
    void drop(const QStringList &fields)
    {
        if (fields.size() < 2)
            return fail(QStringLiteral("drop needs a nickname and paths"));
        QString key;
        for (const IpMsgSession::Peer &p : m_panel.chat().session().peers()) {
            if (p.nickname == fields.first() || p.address.toString() == fields.first())
                key = p.key;
        }
        if (key.isEmpty() || !m_panel.selectPeer(key))
            return fail(QStringLiteral("%1 is not listed").arg(fields.first()));
        QList<QUrl> urls;
        for (qsizetype i = 1; i < fields.size(); ++i)
            urls.append(QUrl::fromLocalFile(fields.at(i)));
        QMimeData mime;
        mime.setUrls(urls);
        const QPointF at = QRectF(m_panel.rect()).center();
        QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QCoreApplication::sendEvent(&m_panel, &enter);
        if (!enter.isAccepted())
            return fail(QStringLiteral("the page did not accept the drag"));
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
        QCoreApplication::sendEvent(&m_panel, &drop);
        say(QStringLiteral("dropped %1 files on %2").arg(urls.size()).arg(fields.first()));
    }

    void onReceived(const QList<ChatMessage> &messages)
    {
        for (const ChatMessage &m : messages) {
            if (!m_offers.canSave(m.id))
                continue;
            m_offer = m.id;
            // Where the user would look for it: its conversation.
            if (m_panel.view()->messages()->rowOf(m.id) < 0 && !m_panel.showMessage(m.id))
                fail(QStringLiteral("offer %1 cannot be shown").arg(m.id));
            say(QStringLiteral("offer id=%1 files=%2 %3")
                        .arg(m.id)
                        .arg(m_offers.info(m.id).files.size())
                        .arg(m.text.section(u'\n', 1).replace(u'\n', u'|')));
            onChanged(m.id);
        }
    }

    void onPeers()
    {
        for (const IpMsgSession::Peer &p : m_panel.chat().session().peers()) {
            const QString line =
                    QStringLiteral("peer %1 at %2").arg(p.nickname, p.address.toString());
            if (!m_peersSaid.contains(line)) {
                m_peersSaid.insert(line);
                say(line);
            }
        }
    }

    void onChanged(quint64 id)
    {
        // Our offers get theirs once sent (a folder's once its bytes are counted).
        const IpMsgOffers::Info info = m_offers.info(id);
        if (!info.incoming && info.state != IpMsgOffers::State::None && !m_sent.contains(id)) {
            m_sent.insert(id);
            say(QStringLiteral("sent id=%1 files=%2").arg(id).arg(info.files.size()));
        }
        const MessageDelegate::Extras extras = m_panel.offerActions()->extras(id);
        const QString line = QStringLiteral("state id=%1 [%2] %3")
                                     .arg(id)
                                     .arg(extras.buttons.join(u','), extras.state);
        if (m_stateSaid.value(id) != line) {
            m_stateSaid.insert(id, line);
            say(line);
        }
    }

    void onProgress(quint64 id, const QString &name, qint64 done, qint64 total)
    {
        sayFirst(m_receiving, "receiving", id, name);
        if (id == m_offer && m_cancelAfter > 0 && done >= m_cancelAfter) {
            m_cancelAfter = 0;
            say(QStringLiteral("cancelling at %1 of %2 bytes").arg(done).arg(total));
            click(OfferActions::Action::Cancel);
        }
    }

    IpMsgPanel &m_panel;
    IpMsgOffers &m_offers;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QByteArray m_pending;
    quint64 m_offer = 0; // the last offer received
    qint64 m_cancelAfter = 0;
    bool m_failed = false;
    QSet<QString> m_peersSaid;
    QSet<quint64> m_sent;
    QHash<quint64, QString> m_stateSaid;
    QHash<quint64, QString> m_receiving;
    QHash<quint64, QString> m_sending;
};
} // namespace

int main(int argc, char *argv[])
{
    Application::setUpProcess();
    QApplication qtApp(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           QStringLiteral("the window's profile"),
                                           QStringLiteral("DIR"));
    const QCommandLineOption nicknameOption(QStringLiteral("nickname"),
                                            QStringLiteral("its nickname"), QStringLiteral("NAME"));
    const QCommandLineOption folderOption(
            QStringLiteral("folder"), QStringLiteral("its download folder"), QStringLiteral("DIR"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout-ms"),
                                           QStringLiteral("give up after N ms"),
                                           QStringLiteral("N"), QStringLiteral("120000"));
    parser.addOptions({profileOption, nicknameOption, folderOption, timeoutOption});
    parser.addHelpOption();
    parser.process(qtApp);
    if (!parser.isSet(profileOption) || !parser.isSet(nicknameOption)
        || !parser.isSet(folderOption)) {
        std::fprintf(stderr, "--profile, --nickname and --folder are needed\n");
        return 2;
    }
    if (!insideLanSim()) {
        std::fprintf(stderr, "udpchat_windowdriver broadcasts: run it in a lan-sim host only\n");
        return 2;
    }
    // As Application::run() does before the settings are read: the system's language (the
    // script sets LC_ALL=C.UTF-8, so the sentences it waits for are in English).
    Translations::apply(Translations::resolve(QString()));
    Application app(ipmsgWindowOptions(parser.value(profileOption), parser.value(nicknameOption)));
    for (const QString &sentence : app.warnings())
        std::fprintf(stderr, "udpchat: %s\n", qPrintable(sentence));
    app.window().show();
    IpMsgPanel *panel = app.window().ipmsgPanel();
    panel->setDownloadFolder(parser.value(folderOption));
    Driver driver(*panel);
    driver.listen();
    bool timedOut = false;
    QTimer::singleShot(parser.value(timeoutOption).toInt(), &qtApp, [&timedOut] {
        timedOut = true;
        say(QStringLiteral("FAIL: timeout"));
        QCoreApplication::quit();
    });
    say(QStringLiteral("ready"));
    QCoreApplication::exec();
    return timedOut ? 1 : driver.status();
}
