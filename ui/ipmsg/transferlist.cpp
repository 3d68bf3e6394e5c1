#include "ui/ipmsg/transferlist.h"

#include "core/ipmsg/ipmsgoffers.h"
#include "core/text/displaytext.h"
#include "ui/common/statuscolors.h"

#include <QEvent>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {
constexpr qint64 kUpdateMs = 200;

QString shownName(const QString &untrusted)
{
    return displayLine(untrusted, 60);
}
} // namespace

TransferList::TransferList(IpMsgOffers &offers, QWidget *parent) : QWidget(parent), m_offers(offers)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout = new QVBoxLayout;
    layout->addLayout(m_rowsLayout);
    m_sentence = new QLabel(this);
    m_sentence->setObjectName(QStringLiteral("ipmsgTransferLabel"));
    m_sentence->setTextFormat(Qt::PlainText);
    m_sentence->setWordWrap(true); // a long path wraps instead of widening the page
    layout->addWidget(m_sentence);
    connect(&m_offers, &IpMsgOffers::progress, this,
            [this](quint64 id, const QString &name, qint64 done, qint64 total) {
                onProgress(id, name, done, total, false);
            });
    connect(&m_offers, &IpMsgOffers::sendProgress, this,
            [this](quint64 id, const QString &name, qint64 done, qint64 total) {
                onProgress(id, name, done, total, true);
            });
    connect(&m_offers, &IpMsgOffers::finished, this, &TransferList::onFinished);
    connect(&m_offers, &IpMsgOffers::sendFinished, this, &TransferList::onFinished);
    m_sentence->hide();
    updateVisibility();
}

void TransferList::showSentence(const QString &sentence, bool alarm)
{
    m_sentence->setText(sentence);
    setAlarm(m_sentence, alarm);
    m_sentence->show();
    updateVisibility();
}

QString TransferList::fitted(const QLabel *label, const QString &text, const QString &name)
{
    // The figures are what changes: when the line is too long, the name gives up the room (in
    // its middle, where a name differs least), never the bytes, the rate or the time left.
    const QFontMetrics metrics(label->font());
    const int over = metrics.horizontalAdvance(text) - label->contentsRect().width();
    const qsizetype at = text.indexOf(name);
    if (over <= 0 || label->width() <= 0 || at < 0)
        return text;
    const int room = std::max(metrics.horizontalAdvance(name) - over, 0);
    QString shown = text;
    return shown.replace(at, name.size(), metrics.elidedText(name, Qt::ElideMiddle, room));
}

TransferList::Row &TransferList::rowFor(quint64 id, bool sending)
{
    const auto found = m_rows.find(id);
    if (found != m_rows.end())
        return found->second;
    Row row;
    row.box = new QWidget(this);
    auto *line = new QHBoxLayout(row.box);
    line->setContentsMargins(0, 0, 0, 0);
    row.label = new QLabel(row.box);
    row.label->setTextFormat(Qt::PlainText);
    // One line whose changing text never resizes anything: only the label repaints, not the
    // page (a wrapping label laid the page out again at every update, 16 ms each).
    row.label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    row.label->installEventFilter(this); // fitted again when its width changes
    row.bar = new QProgressBar(row.box);
    row.cancel = new QPushButton(tr("Cancel"), row.box);
    line->addWidget(row.label, 1);
    line->addWidget(row.bar);
    line->addWidget(row.cancel);
    // A row is either ours (sent) or someone's (received): ids never mean both.
    connect(row.cancel, &QPushButton::clicked, this, [this, id, sending] {
        if (sending)
            m_offers.withdraw(id);
        else
            m_offers.cancel(id);
    });
    m_rowsLayout->addWidget(row.box);
    return m_rows.emplace(id, row).first->second;
}

void TransferList::onProgress(quint64 id, const QString &name, qint64 done, qint64 total,
                              bool sending)
{
    Row &row = rowFor(id, sending);
    // Bytes, rate and time left of the file under way, as far as they are known.
    const bool newFile = done == 0 || name != row.name || !row.clock.isValid();
    if (newFile)
        row.clock.start();
    // A few times a second: each update repaints, and progress comes for every slice read.
    if (!newFile && row.shown.isValid() && !row.shown.hasExpired(kUpdateMs))
        return;
    row.shown.start();
    row.name = name;
    row.shownName = shownName(name);
    const double seconds = qMax<qint64>(row.clock.elapsed(), 1) / 1000.0;
    const double rate = done / seconds;
    const QLocale locale;
    const QString &what = row.shownName;
    const QString bytes = locale.formattedDataSize(done);
    const QString perSecond = locale.formattedDataSize(qint64(rate));
    QString text;
    if (total > 0) {
        const QString of = locale.formattedDataSize(total);
        text = sending ? tr("Sending %1: %2 of %3, %4/s").arg(what, bytes, of, perSecond)
                       : tr("Receiving %1: %2 of %3, %4/s").arg(what, bytes, of, perSecond);
    } else {
        text = sending ? tr("Sending %1: %2, %3/s").arg(what, bytes, perSecond)
                       : tr("Receiving %1: %2, %3/s").arg(what, bytes, perSecond);
    }
    if (total > 0 && rate > 0 && done > 0)
        text += QStringLiteral(", ") + tr("%n s left", nullptr, int((total - done) / rate));
    row.label->setText(fitted(row.label, text, what));
    row.label->setToolTip(text);
    row.bar->setRange(0, total > 0 ? 1000 : 0);
    if (total > 0)
        row.bar->setValue(int(done * 1000 / total));
    row.cancel->setAccessibleName(sending ? tr("Stop sending %1").arg(what)
                                          : tr("Cancel receiving %1").arg(what));
    updateVisibility();
}

void TransferList::onFinished(quint64 id, bool ok, const QString &sentence)
{
    const auto it = m_rows.find(id);
    if (it != m_rows.end()) {
        it->second.box->deleteLater();
        m_rows.erase(it);
    }
    showSentence(sentence, !ok);
}

void TransferList::updateVisibility()
{
    setVisible(!m_rows.empty() || !m_sentence->isHidden());
}

bool TransferList::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize) {
        for (auto &[id, row] : m_rows) {
            if (row.label == watched)
                row.label->setText(fitted(row.label, row.label->toolTip(), row.shownName));
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TransferList::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        for (auto &[id, row] : m_rows)
            row.cancel->setText(tr("Cancel"));
    }
    QWidget::changeEvent(event);
}
