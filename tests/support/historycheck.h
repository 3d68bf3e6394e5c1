#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

/// Whether the history database at @p path is whole: SQLite's integrity_check, and FTS5's own
/// check that the search index agrees with the table (the content compared too). Empty when it
/// is, else what is wrong.
inline QString historyProblems(const QString &path)
{
    QString problem;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("historycheck"));
        db.setDatabaseName(path);
        if (!db.open()) {
            problem = db.lastError().text();
        } else {
            QSqlQuery check(db);
            if (!check.exec(QStringLiteral("INSERT INTO messages_fts (messages_fts, rank) "
                                           "VALUES ('integrity-check', 1)")))
                problem = check.lastError().text();
            else if (!check.exec(QStringLiteral("PRAGMA integrity_check")) || !check.next()
                     || check.value(0).toString() != QLatin1String("ok"))
                problem = QStringLiteral("integrity_check: ") + check.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("historycheck"));
    return problem;
}
