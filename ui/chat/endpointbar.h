#pragma once

#include "core/net/endpoint.h"
#include "ui/common/adaptiverows.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QPushButton;

namespace Ui {
class EndpointBar;
}

/// The plain chat's top row: where messages go (address and port, validated as typed, with the
/// reason beside them when they are not valid), a Broadcast choice, and the port udpchat listens
/// on. It only edits; the chat page decides what a target or a port change does.
class EndpointBar : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointBar)
public:
    explicit EndpointBar(QWidget *parent = nullptr);
    ~EndpointBar() override;

    /// The target as typed, if it is valid.
    std::optional<Endpoint> target() const { return m_target; }
    /// The address field as typed (trimmed), e.g. to remember it as the user wrote it.
    QString addressText() const;
    /// Fills the fields. Not an edit by the user: targetEditedByUser() is unchanged.
    void setTarget(const Endpoint &target);
    /// Fills the fields from the settings (the address as it was typed).
    void setTargetText(const QString &address, quint16 port);
    /// Whether the user typed or chose the target (rather than --target or the settings).
    bool targetEditedByUser() const { return m_editedByUser; }
    void setTargetEditedByUser(bool edited) { m_editedByUser = edited; }

    /// The port shown in "Listen on port" (0: any free).
    quint16 listenPort() const;
    void setListenPort(quint16 port);
    /// Where udpchat listens now (@p port 0: not listening): a target that is udpchat itself is
    /// said so, and a port typed but not applied is marked.
    void setListening(quint16 requestedPort, quint16 port);
    /// A sentence under the target (e.g. where a reply goes); cleared when the user edits it.
    void setTargetNote(const QString &sentence);

    /// The fields in the order the task takes them, for the tab order.
    QWidget *addressField() const;
    QWidget *portField() const;

    /// The width of its two-row form: what the window needs on a narrow screen.
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /// The target fields changed (target() may now be empty).
    void targetChanged();
    /// Return in a target field: the user is done with it.
    void targetConfirmed();
    /// The user asked to listen on listenPort() (Apply).
    void listenPortApplied(quint16 port);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void setUpNotes();
    void connectFields();
    void retranslate();
    void validate();
    void updateNotes();
    void fillBroadcastMenu();

    std::unique_ptr<Ui::EndpointBar> m_ui;
    QPushButton *m_broadcastButton = nullptr;
    std::unique_ptr<AdaptiveRows> m_rows;
    QLabel *m_targetNote = nullptr;
    QLabel *m_listenNote = nullptr;
    QString m_targetNoteText;
    QList<QHostAddress> m_ownAddresses;
    quint16 m_requestedPort = 0;
    quint16 m_listeningPort = 0;
    std::optional<Endpoint> m_target;
    bool m_editedByUser = false;
};
