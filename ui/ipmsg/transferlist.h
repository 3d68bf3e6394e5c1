#pragma once

#include <QElapsedTimer>
#include <QWidget>

#include <map>

class IpMsgOffers;
class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

/// The file transfers under way, received and sent, one row each (what, bytes, rate, time left,
/// a bar and Cancel; cancelling a send withdraws the files), and under them a line with how the
/// last one ended or why files could not be saved. Takes no room while there is nothing to tell.
class TransferList : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferList)
public:
    /// @p offers must outlive the list.
    explicit TransferList(IpMsgOffers &offers, QWidget *parent = nullptr);

    /// Shows @p sentence under the transfers, as an error with @p alarm.
    void showSentence(const QString &sentence, bool alarm);
    /// How many transfers are listed.
    int rowCount() const { return int(m_rows.size()); }

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Row
    {
        QWidget *box = nullptr;
        QLabel *label = nullptr;
        QProgressBar *bar = nullptr;
        QPushButton *cancel = nullptr;
        QElapsedTimer clock; ///< since the file under way started
        QElapsedTimer shown; ///< since the row was last updated
        QString name;
        QString shownName; ///< name as it may be shown (one line, bounded)
    };
    /// @p text as it fits in @p label, @p name (in it) shortened when it does not.
    static QString fitted(const QLabel *label, const QString &text, const QString &name);
    Row &rowFor(quint64 id, bool sending);
    void onProgress(quint64 id, const QString &name, qint64 done, qint64 total, bool sending);
    void onFinished(quint64 id, bool ok, const QString &sentence);
    void updateVisibility();

    IpMsgOffers &m_offers;
    QVBoxLayout *m_rowsLayout = nullptr;
    QLabel *m_sentence = nullptr;
    std::map<quint64, Row> m_rows;
};
