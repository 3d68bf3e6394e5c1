#pragma once

#include <QList>

class QBoxLayout;
class QWidget;

/// A row of fields that becomes two when the width is short: the widgets named "moving" go from
/// the end of the first row to a second row below it, and back when there is room again. The
/// minimum width of the two-row form is what the window needs, so it fits narrow screens.
class AdaptiveRows
{
public:
    /// @p first holds every widget to begin with; @p second is empty, below it. @p moving is in
    /// the order they stand at the end of the first row. @p wideOnly widgets (separators, which
    /// may be among @p moving) are shown only on one row.
    AdaptiveRows(QBoxLayout *first, QBoxLayout *second, const QList<QWidget *> &moving,
                 const QList<QWidget *> &wideOnly = {});

    /// Two rows when @p width is less than wideWidth(), one otherwise.
    void fit(int width);
    bool isCompact() const { return m_compact; }
    /// The minimum width of everything on one row, and of the two-row form, as measured().
    int wideWidth() const { return m_wideWidth; }
    int compactWidth() const { return m_compactWidth; }
    /// Measures both forms again (texts, fonts or the widgets shown changed); not while a layout
    /// is being laid out.
    void measure();

private:
    void arrange(bool compact);

    QBoxLayout *m_first;
    QBoxLayout *m_second;
    QList<QWidget *> m_moving;
    QList<QWidget *> m_wideOnly;
    bool m_compact = false;
    int m_wideWidth = 0;
    int m_compactWidth = 0;
};
