#include "ui/ipmsg/savefilesdialog.h"

#include "core/text/displaytext.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
constexpr int FileIdRole = Qt::UserRole + 1;

QString entryText(const IpMsg::FileEntry &file)
{
    const QString name = displayLine(file.name, 120);
    return file.type() == IpMsg::FileType::Directory
                   ? SaveFilesDialog::tr("%1/ (folder)").arg(name)
                   : QStringLiteral("%1 (%2)").arg(name, QLocale().formattedDataSize(file.size));
}
} // namespace

SaveFilesDialog::SaveFilesDialog(const QList<IpMsg::FileEntry> &files, const QString &folder,
                                 QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Save Files"));
    auto *layout = new QVBoxLayout(this);
    auto *listLabel = new QLabel(tr("&Files to save:"), this);
    m_list = new QListWidget(this);
    listLabel->setBuddy(m_list);
    for (const IpMsg::FileEntry &file : files) {
        auto *item = new QListWidgetItem(entryText(file), m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        item->setData(FileIdRole, file.fileId);
    }
    layout->addWidget(listLabel);
    layout->addWidget(m_list, 1);

    auto *folderRow = new QHBoxLayout;
    auto *folderLabel = new QLabel(tr("Save &in:"), this);
    m_folder = new QLineEdit(QDir::toNativeSeparators(folder), this);
    folderLabel->setBuddy(m_folder);
    auto *browse = new QPushButton(tr("&Choose\u2026"), this);
    folderRow->addWidget(folderLabel);
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    layout->addLayout(folderRow);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(browse, &QPushButton::clicked, this, &SaveFilesDialog::chooseFolder);
    connect(m_list, &QListWidget::itemChanged, this, &SaveFilesDialog::updateSaveEnabled);
    connect(m_folder, &QLineEdit::textChanged, this, &SaveFilesDialog::updateSaveEnabled);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        Q_EMIT chosen(chosenFiles(), this->folder());
        accept();
    });
    updateSaveEnabled();
}

QList<quint32> SaveFilesDialog::chosenFiles() const
{
    QList<quint32> ids;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            ids.append(m_list->item(i)->data(FileIdRole).toUInt());
    }
    return ids;
}

QString SaveFilesDialog::folder() const
{
    return QDir::fromNativeSeparators(m_folder->text().trimmed());
}

void SaveFilesDialog::setFolder(const QString &folder)
{
    m_folder->setText(QDir::toNativeSeparators(folder));
}

void SaveFilesDialog::chooseFolder()
{
    // Not modal either: this dialog stays usable behind it.
    auto *dialog = new QFileDialog(this, tr("Save Files in"), folder());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, &SaveFilesDialog::setFolder);
    dialog->open();
}

void SaveFilesDialog::updateSaveEnabled()
{
    m_buttons->button(QDialogButtonBox::Save)
            ->setEnabled(!chosenFiles().isEmpty() && !folder().isEmpty());
}
