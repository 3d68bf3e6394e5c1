#pragma once

#include <QDialog>
#include <QTimer>

struct MulticastGroup;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class SettingsSaver;
class UdpChannel;

/// Multicast groups for the plain chat (View › Multicast Groups): join one (on every interface or
/// GROUP%INTERFACE), see where each is joined or why not and how many messages came through it,
/// leave one. The groups are remembered
/// and joined again at the next start; datagrams to them arrive in the message list like any.
class GroupsDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupsDialog)
public:
    /// @p channel and @p saver must outlive the dialog.
    GroupsDialog(UdpChannel &channel, SettingsSaver &saver, QWidget *parent = nullptr);

    /// Joins what the field says; false with the reason shown under it.
    bool join();
    /// Leaves the selected group.
    void leaveSelected();

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void updateCounts();
    void remember(const MulticastGroup &group, bool joined);
    void retranslate();

    UdpChannel &m_channel;
    SettingsSaver &m_saver;
    QLabel *m_intro;
    QLineEdit *m_field;
    QPushButton *m_join;
    QPushButton *m_leave;
    QLabel *m_error;
    QTreeWidget *m_list;
    QTimer m_countsTimer; // the counts are shown at most this often under a flood
};
