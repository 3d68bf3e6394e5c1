#include "ui/common/adaptiverows.h"

#include <QBoxLayout>
#include <QWidget>

AdaptiveRows::AdaptiveRows(QBoxLayout *first, QBoxLayout *second, const QList<QWidget *> &moving,
                           const QList<QWidget *> &wideOnly)
    : m_first(first), m_second(second), m_moving(moving), m_wideOnly(wideOnly)
{
    measure();
}

void AdaptiveRows::measure()
{
    // The layouts themselves know the spacing the style puts between two kinds of control:
    // each form is arranged once and its minimum read.
    const bool compact = m_compact;
    arrange(false);
    m_wideWidth = m_first->minimumSize().width();
    arrange(true);
    m_compactWidth = qMax(m_first->minimumSize().width(), m_second->minimumSize().width());
    arrange(compact);
}

void AdaptiveRows::fit(int width)
{
    arrange(width < m_wideWidth);
}

void AdaptiveRows::arrange(bool compact)
{
    if (compact == m_compact)
        return;
    m_compact = compact;
    for (QWidget *w : std::as_const(m_wideOnly))
        w->setVisible(!compact); // a separator between the two parts: none on two rows
    for (QWidget *w : std::as_const(m_moving)) {
        m_first->removeWidget(w);
        m_second->removeWidget(w);
        (compact ? m_second : m_first)->addWidget(w);
    }
    if (compact) {
        m_second->addStretch();
    } else {
        while (QLayoutItem *item = m_second->takeAt(0))
            delete item; // only the stretch is left
    }
}
