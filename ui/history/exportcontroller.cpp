#include "ui/history/exportcontroller.h"

#include "core/session/chatsession.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QStandardPaths>

namespace {
constexpr int kNoticeShownMs = 10000;

// A source over messages already in memory, in id order.
HistoryExport::Source listSource(QList<ChatMessage> rows)
{
    return [rows = std::move(rows)](quint64 fromId, int limit) {
        QList<ChatMessage> out;
        for (const ChatMessage &m : rows) {
            if (m.id >= fromId && out.size() < limit)
                out.append(m);
        }
        return out;
    };
}
} // namespace

ExportController::ExportController(ChatSession &session, QWidget *window)
    : QObject(window), m_session(session), m_window(window)
{
    connect(&m_export, &HistoryExport::finished, this, &ExportController::onFinished);
}

void ExportController::chooseFileAndExport(const QList<ChatMessage> *results)
{
    const QString path = QFileDialog::getSaveFileName(
            m_window, results ? tr("Export Search Results") : tr("Export Conversation"),
            suggestedPath(results != nullptr),
            tr("Text log (*.txt);;CSV (*.csv);;JSON Lines (*.jsonl);;Wireshark capture "
               "(*.pcapng)"));
    if (path.isEmpty())
        return;
    if (results)
        exportMessages(*results, path);
    else
        exportConversation(path);
}

QString ExportController::suggestedPath(bool results) const
{
    // In the documents folder, named after what is exported and when, as a text log to read.
    QString what = results ? QStringLiteral("search") : m_session.conversation();
    if (what.isEmpty())
        what = QStringLiteral("all");
    what.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9.-]+")), QStringLiteral("_"));
    const QString name =
            QStringLiteral("udpchat-%1-%2.txt")
                    .arg(what,
                         QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm")));
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    return QDir(folder).filePath(name);
}

bool ExportController::exportConversation(const QString &path)
{
    HistoryStore *history = m_session.history();
    if (!history) {
        // No history: what the view holds.
        QList<ChatMessage> rows;
        const MessageListModel *model = m_session.messages();
        for (int row = 0; row < model->rowCount(); ++row)
            rows.append(model->at(row));
        const qint64 total = rows.size();
        return start(listSource(std::move(rows)), total, path);
    }
    HistoryStore::Filter filter;
    filter.peer = m_session.conversation();
    const qint64 total = history->count(filter);
    return start([history, filter](quint64 fromId,
                                   int limit) { return history->range(filter, fromId, limit); },
                 total, path);
}

bool ExportController::exportMessages(QList<ChatMessage> results, const QString &path)
{
    std::sort(results.begin(), results.end(),
              [](const ChatMessage &a, const ChatMessage &b) { return a.id < b.id; });
    const qint64 total = results.size();
    return start(listSource(std::move(results)), total, path);
}

bool ExportController::start(const HistoryExport::Source &source, qint64 total, const QString &path)
{
    const quint16 localPort =
            m_session.channel()->isListening() ? m_session.channel()->localPort() : 0;
    if (!m_export.start(source, total, path, HistoryExport::formatFor(path), localPort)) {
        Q_EMIT statusMessage(
                tr("Not exported: %1 cannot be written: %2").arg(path, m_export.error()),
                kNoticeShownMs);
        return false;
    }
    m_path = path;
    delete m_progress;
    auto *progress = new QProgressDialog(m_window);
    m_progress = progress;
    progress->setObjectName(QStringLiteral("exportProgress"));
    progress->setWindowTitle(tr("Export"));
    progress->setLabelText(tr("Exporting to %1\u2026").arg(path));
    progress->setMinimumDuration(500);
    progress->setRange(0, 1000);
    progress->setValue(0);
    connect(progress, &QProgressDialog::canceled, &m_export, &HistoryExport::cancel);
    connect(&m_export, &HistoryExport::progress, progress, [progress](qint64 written, qint64 all) {
        progress->setValue(all > 0 ? int(written * 1000 / all) : 0);
    });
    return true;
}

void ExportController::onFinished(bool ok)
{
    if (m_progress)
        m_progress->deleteLater();
    m_progress = nullptr;
    if (ok)
        Q_EMIT statusMessage(
                tr("Exported %n messages to %1.", nullptr, int(m_export.written())).arg(m_path),
                kNoticeShownMs);
    else if (m_export.error().isEmpty())
        Q_EMIT statusMessage(tr("Export cancelled; %1 was not changed.").arg(m_path),
                             kNoticeShownMs);
    else
        Q_EMIT statusMessage(tr("Not exported: %1").arg(m_export.error()), kNoticeShownMs);
}
