#pragma once

#include <QDialog>
#include <QTimer>

struct MulticastGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;
class QVBoxLayout;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class SettingsSaver;
class UdpChannel;

/// Multicast groups for the plain chat (View › Multicast Groups): join one (on every interface or
/// GROUP%INTERFACE), see where each is joined or why not and how many messages came through it,
/// leave one; and how sends to a group go out (TTL, hearing our own, the interface). The groups
/// and those choices are remembered; the groups are joined again at the next start; datagrams to
/// them arrive in the message list like any.
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
    void setUpSending(QVBoxLayout *layout);
    void fillInterfaces();
    void applySending();

    UdpChannel &m_channel;
    SettingsSaver &m_saver;
    QLabel *m_intro;
    QLineEdit *m_field;
    QPushButton *m_join;
    QPushButton *m_leave;
    QLabel *m_error;
    QTreeWidget *m_list;
    QTimer m_countsTimer; // the counts are shown at most this often under a flood
    // How sends to a group go out.
    QLabel *m_sendingLabel = nullptr;
    QLabel *m_ttlLabel = nullptr;
    QSpinBox *m_ttl = nullptr;
    QCheckBox *m_loopback = nullptr;
    QLabel *m_interfaceLabel = nullptr;
    QComboBox *m_interface = nullptr;
};
