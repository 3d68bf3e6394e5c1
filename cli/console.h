#pragma once

#include <QByteArray>
#include <QString>

/// Standard output and standard error for udpchat-cli.
namespace Console {

/// Writes @p bytes to standard output and flushes them, so each line reaches a pipe at once.
/// Returns false when the output cannot be written (the reason is in errorString()).
bool writeOut(const QByteArray &bytes);

/// Writes "udpchat-cli: @p text" and a newline to standard error. @p text must already be safe
/// for a terminal (remote text escaped).
void message(const QString &text);

/// Why the last failed write failed.
QString errorString();

} // namespace Console
