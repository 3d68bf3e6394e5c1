#pragma once

#include "core/history/historyexport.h"

#include <QObject>
#include <QPointer>

class ChatSession;
class QProgressDialog;
class QWidget;

/// Export of the conversation shown or of search results: the file chosen by the user, the
/// format by its suffix (.pcapng, .csv, .jsonl), written without blocking the window, with a
/// progress dialog that can cancel it and a sentence in the status bar at the end.
class ExportController : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportController)
public:
    /// @p session must outlive this object; dialogs open over @p window.
    ExportController(ChatSession &session, QWidget *window);

    /// Where the file dialog starts: the documents folder, "udpchat-<peer>-<date>.txt".
    QString suggestedPath(bool results) const;
    /// Asks for a file, then exports the conversation (or @p results, when not null).
    void chooseFileAndExport(const QList<ChatMessage> *results);
    /// Exports the conversation shown (every message of it in the history, or what is in the
    /// view without a history) to @p path. Returns false with the reason in the status bar when
    /// it cannot start.
    bool exportConversation(const QString &path);
    /// Exports @p results (any order) to @p path.
    bool exportMessages(QList<ChatMessage> results, const QString &path);
    HistoryExport *historyExport() { return &m_export; }

Q_SIGNALS:
    void statusMessage(const QString &sentence, int timeoutMs);

private:
    bool start(const HistoryExport::Source &source, qint64 total, const QString &path);
    void onFinished(bool ok);

    ChatSession &m_session;
    QWidget *m_window;
    HistoryExport m_export;
    QString m_path;
    QPointer<QProgressDialog> m_progress;
};
