#pragma once

#include "core/ipmsg/ipmsgoffers.h"
#include "ui/common/messagedelegate.h"

#include <QObject>

class MessageView;
class QMenu;
class TransferList;

/// What the user can do with the files of an IP Messenger message, in its bubble (a line of state
/// and buttons: Save All, Save…, Reject; Withdraw on ours) and in its right-click menu, which has
/// the same entries for the keyboard.
class OfferActions : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OfferActions)
public:
    enum class Action { SaveAll, SaveChosen, Reject, Cancel, OpenFolder, TryAgain, Withdraw };
    Q_ENUM(Action)

    /// @p offers, @p view and @p transfers must outlive this object; dialogs open over
    /// @p dialogParent.
    OfferActions(IpMsgOffers &offers, MessageView *view, TransferList *transfers,
                 QWidget *dialogParent);

    void setDownloadFolder(const QString &folder) { m_downloadFolder = folder; }
    QString downloadFolder() const { return m_downloadFolder; }

    /// The actions the row @p id offers now, in the order of its buttons.
    QList<Action> actions(quint64 id) const;
    static QString label(Action action);
    /// The object name of @p action's menu entry (for tests and accessibility tools).
    static QString objectName(Action action);
    /// The bubble's extras of row @p id: state line and buttons.
    MessageDelegate::Extras extras(quint64 id) const;
    /// What a screen reader says of row @p id besides the message: the state and the buttons.
    QString accessibleNote(quint64 id) const;
    void trigger(quint64 id, Action action);
    /// Adds the row's actions to its right-click menu.
    void addMenuEntries(QMenu *menu, quint64 id);
    /// Saves the files @p fileIds (empty: all) of row @p id in @p folder; false (said in the
    /// transfer list) when they cannot be.
    bool save(quint64 id, const QString &folder, const QList<quint32> &fileIds = {});
    /// Opens "Save…" for row @p id (not modal); null when it has nothing to save.
    class SaveFilesDialog *chooseAndSave(quint64 id);

Q_SIGNALS:
    /// The user chose another folder for received files (to be remembered).
    void downloadFolderChosen(const QString &folder);

private:
    static QList<Action> actionsFor(const IpMsgOffers::Info &info);
    QString stateText(const IpMsgOffers::Info &info) const;

    IpMsgOffers &m_offers;
    MessageView *m_view;
    TransferList *m_transfers;
    QWidget *m_dialogParent;
    QString m_downloadFolder;
};
