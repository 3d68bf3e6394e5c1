#pragma once

#include "core/net/endpoint.h"

#include <QWidget>

#include <optional>

class ChatSession;
class Composer;
class EncodingPolicy;
class EndpointBar;
class MessageActions;
class MessageView;
class Settings;
class SettingsSaver;

/// The plain UDP chat: the target and listening port above, the message list, the message box
/// below. It wires the three to the session: what is typed goes to the target, what the session
/// receives is listed, and the draft and the target the user chose are kept in the settings.
class ChatPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatPage)
public:
    /// Everything passed must outlive the page.
    ChatPage(ChatSession &session, SettingsSaver &saver, EncodingPolicy &encodings,
             QWidget *parent = nullptr);

    /// Presets the target fields (e.g. from --target) without storing them in the settings.
    void setTarget(const Endpoint &target);
    /// The target as currently typed, if it is valid.
    std::optional<Endpoint> target() const;
    /// Makes @p peer the target, as the user's choice (remembered when sending).
    void chooseTarget(const Endpoint &peer);
    /// chooseTarget(), saying so in the status bar (Reply).
    void replyTo(const Endpoint &peer);
    /// Selects the message at @p row of the list and scrolls it into the middle.
    void showRow(int row);
    /// Sends the message box's text to the target (what Enter and the Send button do).
    void sendCurrentMessage();
    /// Listens on any free port (the status bar's way out of a taken port).
    void listenOnAnyFreePort();
    /// Keeps the window's state in the settings before it closes: the draft and the target.
    void storeBeforeClose();
    void saveDraft();

    EndpointBar *endpoints() const { return m_endpoints; }
    MessageView *view() const { return m_view; }
    Composer *composer() const { return m_composer; }
    MessageActions *actions() const { return m_actions; }

Q_SIGNALS:
    /// A sentence for the status bar.
    void statusMessage(const QString &sentence, int timeoutMs);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void rememberTarget();
    void applyListenPort(quint16 port);
    void updateListeningState();
    void showMessageMenu(const QModelIndex &index, const QPoint &globalPos);

    ChatSession &m_session;
    Settings &m_settings;
    SettingsSaver &m_saver;
    EncodingPolicy &m_encodings;
    EndpointBar *m_endpoints;
    MessageView *m_view;
    Composer *m_composer;
    MessageActions *m_actions;
};
