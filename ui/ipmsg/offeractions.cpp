#include "ui/ipmsg/offeractions.h"

#include "core/chat/messagelistmodel.h"
#include "ui/common/messageview.h"
#include "ui/ipmsg/savefilesdialog.h"
#include "ui/ipmsg/transferlist.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QUrl>

OfferActions::OfferActions(IpMsgOffers &offers, MessageView *view, TransferList *transfers,
                           QWidget *dialogParent)
    : QObject(dialogParent),
      m_offers(offers),
      m_view(view),
      m_transfers(transfers),
      m_dialogParent(dialogParent)
{
    view->delegate()->setExtrasSource([this](quint64 id) { return extras(id); });
    connect(view->delegate(), &MessageDelegate::buttonClicked, this, [this](quint64 id, int i) {
        const QList<Action> now = actions(id);
        if (i >= 0 && i < now.size())
            trigger(id, now.at(i));
    });
    connect(&m_offers, &IpMsgOffers::changed, view, &MessageView::relayoutRow);
    // A screen reader hears what the bubble shows; the menu key reaches the same actions.
    view->messages()->setAccessibleNote([this](quint64 id) { return accessibleNote(id); });
}

QString OfferActions::accessibleNote(quint64 id) const
{
    const MessageDelegate::Extras shown = extras(id);
    if (shown.isEmpty())
        return {};
    QStringList parts;
    if (!shown.state.isEmpty())
        parts << shown.state;
    if (!shown.buttons.isEmpty()) {
        //: Read out for a message with files; %1 lists the buttons, e.g. "Save All, Save…, Reject"
        parts << tr("Buttons: %1 (also in the message's menu)")
                         .arg(shown.buttons.join(QStringLiteral(", ")));
    }
    return parts.join(QStringLiteral(". "));
}

QList<OfferActions::Action> OfferActions::actions(quint64 id) const
{
    return actionsFor(m_offers.info(id));
}

QList<OfferActions::Action> OfferActions::actionsFor(const IpMsgOffers::Info &info)
{
    using State = IpMsgOffers::State;
    switch (info.state) {
    case State::Offered:
        if (!info.incoming)
            return {Action::Withdraw};
        return {Action::SaveAll, Action::SaveChosen, Action::Reject};
    case State::Receiving:
        return {Action::Cancel};
    case State::Saved:
        return {Action::OpenFolder};
    case State::Incomplete:
        return {Action::TryAgain, Action::SaveChosen, Action::Reject};
    case State::Fetched:
        return {Action::Withdraw};
    case State::None:
    case State::Rejected:
    case State::Withdrawn:
    case State::Closed:
        break;
    }
    return {};
}

QString OfferActions::label(Action action)
{
    switch (action) {
    case Action::SaveAll:
        //: Button in the bubble of a message with files: saves them in the download folder
        return tr("Save All");
    case Action::SaveChosen:
        //: Button in the bubble of a message with files: choose which, and where
        return tr("Save\u2026");
    case Action::Reject:
        return tr("Reject");
    case Action::Cancel:
        return tr("Cancel");
    case Action::OpenFolder:
        return tr("Open Folder");
    case Action::TryAgain:
        return tr("Try Again");
    case Action::Withdraw:
        return tr("Withdraw Files");
    }
    return {};
}

QString OfferActions::stateText(const IpMsgOffers::Info &info) const
{
    using State = IpMsgOffers::State;
    switch (info.state) {
    case State::Receiving:
        return tr("Receiving\u2026");
    case State::Saved:
        return tr("Saved in %1").arg(QDir::toNativeSeparators(info.folder));
    case State::Incomplete:
        return info.sentence;
    case State::Rejected:
        return info.incoming ? tr("You rejected these files.")
                             : tr("The recipient rejected these files.");
    case State::Withdrawn:
        return info.incoming ? tr("The sender withdrew these files.")
                             : tr("You withdrew these files.");
    case State::Closed:
        return tr("No longer offered: the offer expired or the recipient left.");
    case State::Fetched:
        return tr("The recipient received them.");
    case State::None:
    case State::Offered:
        break;
    }
    return {};
}

MessageDelegate::Extras OfferActions::extras(quint64 id) const
{
    const IpMsgOffers::Info info = m_offers.info(id);
    MessageDelegate::Extras extras;
    if (info.state == IpMsgOffers::State::None)
        return extras;
    extras.state = stateText(info);
    extras.alarm = info.state == IpMsgOffers::State::Incomplete;
    for (Action action : actionsFor(info))
        extras.buttons.append(label(action));
    return extras;
}

void OfferActions::trigger(quint64 id, Action action)
{
    switch (action) {
    case Action::SaveAll:
        save(id, m_downloadFolder);
        return;
    case Action::TryAgain:
        // Where they went before: the ".part" left there is continued where the peer allows.
        save(id, m_offers.info(id).folder);
        return;
    case Action::SaveChosen:
        chooseAndSave(id);
        return;
    case Action::Reject:
        m_offers.reject(id);
        return;
    case Action::Cancel:
        m_offers.cancel(id);
        return;
    case Action::OpenFolder:
        // The folder the user saved into (never a name from the network), as a local file URL;
        // the desktop's file manager is started detached, nothing waits for it.
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_offers.info(id).folder));
        return;
    case Action::Withdraw:
        m_offers.withdraw(id);
        return;
    }
}

QString OfferActions::objectName(Action action)
{
    static const char *const names[] = {
            "saveAllAction",    "saveChosenAction", "rejectFilesAction",  "cancelTransferAction",
            "openFolderAction", "tryAgainAction",   "withdrawFilesAction"};
    return QString::fromLatin1(names[int(action)]);
}

void OfferActions::addMenuEntries(QMenu *menu, quint64 id)
{
    const QList<Action> now = actions(id);
    if (now.isEmpty())
        return;
    menu->addSeparator();
    for (Action action : now) {
        QString text = label(action);
        if (action == Action::SaveAll)
            text = tr("Save All in %1").arg(QDir::toNativeSeparators(m_downloadFolder));
        QAction *entry = menu->addAction(text);
        entry->setObjectName(objectName(action));
        connect(entry, &QAction::triggered, this, [this, id, action] { trigger(id, action); });
    }
}

bool OfferActions::save(quint64 id, const QString &folder, const QList<quint32> &fileIds)
{
    // The download folder is made when it is missing (a fresh account has none), as browsers do.
    if (folder == m_downloadFolder && !QFileInfo::exists(folder))
        QDir().mkpath(folder);
    QString error;
    if (!m_offers.save(id, folder, &error, fileIds)) {
        m_transfers->showSentence(error, true);
        return false;
    }
    return true;
}

SaveFilesDialog *OfferActions::chooseAndSave(quint64 id)
{
    const IpMsgOffers::Info info = m_offers.info(id);
    if (!info.incoming || info.files.isEmpty())
        return nullptr;
    auto *dialog = new SaveFilesDialog(info.files, m_downloadFolder, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SaveFilesDialog::chosen, this,
            [this, id](const QList<quint32> &fileIds, const QString &folder) {
                if (folder != m_downloadFolder) {
                    m_downloadFolder = folder;
                    Q_EMIT downloadFolderChosen(folder);
                }
                save(id, folder, fileIds);
            });
    dialog->show();
    return dialog;
}
