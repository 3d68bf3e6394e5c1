#include "tests/support/offerbuttons.h"

#include "core/chat/messagelistmodel.h"
#include "ui/common/messageview.h"
#include "ui/ipmsg/ipmsgpanel.h"

#include <QMetaEnum>
#include <QTest>

CommandLine::Result ipmsgWindowOptions(const QString &profile, const QString &nickname)
{
    return CommandLine::parse({QStringLiteral("udpchat"), QStringLiteral("--profile"), profile,
                               QStringLiteral("--mode"), QStringLiteral("ipmsg"),
                               QStringLiteral("--nickname"), nickname});
}

bool clickOfferButton(IpMsgPanel &panel, quint64 id, OfferActions::Action action, QString *why)
{
    const auto fail = [why, action](const QString &sentence) {
        if (why) {
            *why = QStringLiteral("%1: %2").arg(
                    QLatin1String(
                            QMetaEnum::fromType<OfferActions::Action>().valueToKey(int(action))),
                    sentence);
        }
        return false;
    };
    MessageView *view = panel.view();
    const int row = view->messages()->rowOf(id);
    if (row < 0)
        return fail(QStringLiteral("row %1 is not in the conversation shown").arg(id));
    const QModelIndex index = view->messages()->index(row);
    view->scrollTo(index);
    const QList<OfferActions::Action> actions = panel.offerActions()->actions(id);
    const int i = int(actions.indexOf(action));
    if (i < 0) {
        return fail(QStringLiteral("no such button; the bubble has: %1")
                            .arg(panel.offerActions()->extras(id).buttons.join(u',')));
    }
    const QList<QRect> rects = view->buttonRects(index);
    if (rects.size() != actions.size())
        return fail(QStringLiteral("%1 buttons painted for %2 actions")
                            .arg(rects.size())
                            .arg(actions.size()));
    // The button is inside its row and the viewport, where the user sees it.
    if (!view->visualRect(index).contains(rects.at(i))
        || !view->viewport()->rect().contains(rects.at(i)))
        return fail(QStringLiteral("the button is not where the user sees it"));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rects.at(i).center());
    return true;
}
