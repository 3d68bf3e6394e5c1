#include "core/session/encodingpolicy.h"

#include "core/config/settings.h"
#include "core/config/settingssaver.h"
#include "core/session/chatsession.h"

EncodingPolicy::EncodingPolicy(ChatSession &session, Settings &settings, SettingsSaver &saver,
                               QObject *parent)
    : QObject(parent), m_session(session), m_settings(settings), m_saver(saver)
{ }

void EncodingPolicy::load(const std::optional<QString> &runOverride)
{
    m_session.setSendEncoding(m_settings.sendEncoding());
    m_session.setReceiveEncoding(m_settings.receiveEncoding());
    const QMap<QString, QString> peers = m_settings.peerEncodings();
    for (auto it = peers.cbegin(); it != peers.cend(); ++it)
        m_session.setPeerEncoding(QHostAddress(it.key()), it.value());
    if (runOverride) {
        // For this run only, like --target: the window shows it, the settings keep theirs.
        m_session.setSendEncoding(*runOverride);
        m_session.setReceiveEncoding(*runOverride);
        return;
    }
    const QMap<QString, QString> targets = m_settings.targetEncodings();
    for (auto it = targets.cbegin(); it != targets.cend(); ++it)
        m_session.setTargetEncoding(QHostAddress(it.key()), it.value());
}

bool EncodingPolicy::chooseSendEncoding(const QString &name,
                                        const std::optional<QHostAddress> &target,
                                        const QString &typedAddress)
{
    // The default for new targets, and remembered for this one.
    if (!m_session.setSendEncoding(name))
        return false;
    m_settings.setSendEncoding(name);
    if (target) {
        m_session.setTargetEncoding(*target, name);
        m_settings.setTargetEncoding(typedAddress, name);
    }
    m_saver.save();
    return true;
}

bool EncodingPolicy::chooseReceiveEncoding(const QString &name)
{
    if (!m_session.setReceiveEncoding(name))
        return false;
    m_settings.setReceiveEncoding(name);
    m_saver.save();
    return true;
}

bool EncodingPolicy::choosePeerEncoding(const QHostAddress &peer, const QString &name)
{
    if (!m_session.setPeerEncoding(peer, name))
        return false;
    m_settings.setPeerEncodings(m_session.peerEncodings());
    m_saver.save();
    return true;
}
