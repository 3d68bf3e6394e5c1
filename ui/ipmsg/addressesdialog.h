#pragma once

#include <QDialog>
#include <QHostAddress>
#include <QList>

class QLabel;
class QPushButton;
class QTreeWidget;

/// "Your addresses": this computer's addresses per interface, each with a Copy button, and the
/// one a given peer will see (the source address of the route to it).
class AddressesDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddressesDialog)
public:
    explicit AddressesDialog(QWidget *parent = nullptr);

    /// Says which address @p target sees (null: only the list).
    void setTarget(const QHostAddress &target);
    /// Re-reads the interfaces.
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_intro = nullptr;
    QLabel *m_peerSees = nullptr;
    QTreeWidget *m_list = nullptr;
    QList<QPushButton *> m_copyButtons; // one per address, in the list
    QHostAddress m_target;
};
