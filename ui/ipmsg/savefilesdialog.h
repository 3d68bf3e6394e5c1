#pragma once

#include "core/ipmsg/ipmsgfiles.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QListWidget;

/// "Save…" for files offered over IP Messenger: which of them (all are ticked) and the folder
/// to save them in. Not modal: the chat goes on while it is open.
class SaveFilesDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SaveFilesDialog)
public:
    /// @p files are the offer's entries (names from the network: shown sanitised).
    SaveFilesDialog(const QList<IpMsg::FileEntry> &files, const QString &folder,
                    QWidget *parent = nullptr);

    QList<quint32> chosenFiles() const;
    QString folder() const;
    void setFolder(const QString &folder);
    QListWidget *fileList() const { return m_list; }

Q_SIGNALS:
    /// Save was pressed: @p fileIds of the offer into @p folder.
    void chosen(const QList<quint32> &fileIds, const QString &folder);

private:
    void chooseFolder();
    void updateSaveEnabled();

    QListWidget *m_list = nullptr;
    QLineEdit *m_folder = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
