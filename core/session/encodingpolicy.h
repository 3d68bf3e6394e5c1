#pragma once

#include <QHostAddress>
#include <QObject>

#include <optional>

class ChatSession;
class Settings;
class SettingsSaver;

/// The one owner of the encoding choices: the send and receive encodings, the send encoding
/// remembered per target and the receive encoding remembered per peer. It applies a choice to
/// the session (which encodes and decodes) and to the settings (which keep it) together, so the
/// two never disagree; the window only asks.
class EncodingPolicy : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EncodingPolicy)
public:
    /// All three must outlive this object.
    EncodingPolicy(ChatSession &session, Settings &settings, SettingsSaver &saver,
                   QObject *parent = nullptr);

    /// Gives the session what the settings remember. With @p runOverride (--encoding), both
    /// directions use it for this run only, and the per-target choices are not used either.
    void load(const std::optional<QString> &runOverride = std::nullopt);

    /// The default send encoding, also remembered for @p target when given (@p typedAddress is
    /// the address as the user wrote it, the key the settings keep). False if not available.
    bool chooseSendEncoding(const QString &name, const std::optional<QHostAddress> &target = {},
                            const QString &typedAddress = QString());
    bool chooseReceiveEncoding(const QString &name);
    /// Decodes later datagrams from @p peer with @p name; empty forgets the choice.
    bool choosePeerEncoding(const QHostAddress &peer, const QString &name);

private:
    ChatSession &m_session;
    Settings &m_settings;
    SettingsSaver &m_saver;
};
