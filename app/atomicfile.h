#pragma once

#include <QByteArray>
#include <QString>

/// Replaces the file at @p path with exactly @p bytes, or leaves it untouched. The folder is
/// created first; the bytes go to a temporary file in the same folder that is renamed over
/// @p path only when every byte was written and flushed. Returns false with a sentence
/// fragment in @p error (e.g. "No space left on device") when that failed.
bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *error = nullptr);
