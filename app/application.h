#pragma once

#include "core/config/commandline.h"

#include <QStringList>

#include <memory>

class ChatSession;
class HistoryStore;
class IpMsgSession;
class MainWindow;
class Settings;

/// The composition root: builds what the desktop app runs from the command line (profile lock,
/// settings, history, the plain and IP Messenger sessions, the window) and wires them, so that
/// tests build the window exactly as users get it. main() only handles --help and --version.
class Application
{
    Q_DECLARE_TR_FUNCTIONS(Application)
public:
    /// Builds everything for @p options (action Run); needs a QApplication. Nothing is shown.
    explicit Application(const CommandLine::Result &options);
    ~Application();
    Q_DISABLE_COPY_MOVE(Application)

    /// What main() does after the QApplication exists: parse, answer or build and run.
    static int run(int argc, char *argv[]);
    /// Sets the names and the icon every udpchat process uses.
    static void setUpProcess();

    /// Sentences found while starting (the profile held by another window, damaged settings, a
    /// history that could not be opened), for stderr; the window says them too.
    QStringList warnings() const { return m_warnings; }

    MainWindow &window();
    ChatSession &session();
    IpMsgSession &ipmsg();
    Settings &settings();
    /// Null when the history could not be opened.
    HistoryStore *history();

private:
    struct Parts;
    void lockProfile(const QString &profile);
    void openHistory(const CommandLine::Result &options, const QString &profile);
    void setUpIpMsg(const CommandLine::Result &options);

    std::unique_ptr<Parts> m_parts;
    QString m_readOnlyReason;
    QStringList m_warnings;
};
