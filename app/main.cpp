// The composition root: builds the objects, wires them and hands over to the event loop.

#include "chatsession.h"
#include "chatwindow.h"
#include "commandline.h"
#include "settings.h"

#include <QApplication>
#include <QSettings>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("udpchat"));
    QCoreApplication::setApplicationName(QStringLiteral("udpchat"));
    QCoreApplication::setApplicationVersion(QStringLiteral(UDPCHAT_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("udpchat"));
    QGuiApplication::setDesktopFileName(QStringLiteral("udpchat"));

    const CommandLine::Result cli = CommandLine::parse(QCoreApplication::arguments());
    switch (cli.action) {
    case CommandLine::Action::ShowHelp:
    case CommandLine::Action::ShowVersion:
        std::fputs(cli.text.toLocal8Bit().constData(), stdout);
        return 0;
    case CommandLine::Action::Error:
        std::fputs(cli.text.toLocal8Bit().constData(), stderr);
        return CommandLine::UsageError;
    case CommandLine::Action::Run:
        break;
    }

    QSettings store(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("udpchat"),
                    QStringLiteral("udpchat"));
    Settings settings(store);
    ChatSession session;
    session.channel()->listen(cli.bindPort.value_or(settings.bindPort()));

    ChatWindow window(session, settings);
    if (cli.target)
        window.setTarget(*cli.target);
    window.show();
    return QApplication::exec();
}
