#include "core/config/settingssaver.h"

#include "core/config/settings.h"

SettingsSaver::SettingsSaver(Settings &settings, QObject *parent)
    : QObject(parent), m_settings(settings)
{ }

bool SettingsSaver::save()
{
    QString error;
    if (m_settings.save(&error)) {
        // The problem went away: a new failure is news again.
        m_errors.reset();
        if (m_failing) {
            m_failing = false;
            Q_EMIT recovered();
        }
        return true;
    }
    m_failing = true;
    if (const auto text = m_errors.submit(error))
        Q_EMIT problem(*text);
    return false;
}
