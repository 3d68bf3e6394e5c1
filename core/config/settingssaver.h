#pragma once

#include "core/util/errorthrottle.h"

#include <QObject>

class Settings;

/// The one path by which the application writes its settings. Every part of the window that
/// changes a setting asks for a save here; a failing save is reported through problem() at most
/// once a minute (the same failure per keystroke pause would otherwise flood the status bar), and
/// recovered() says when a save worked again. Nothing is lost meanwhile: the values stay in
/// memory and the next save tries again.
class SettingsSaver : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsSaver)
public:
    /// @p settings must outlive this object.
    explicit SettingsSaver(Settings &settings, QObject *parent = nullptr);

    Settings &settings() { return m_settings; }

    /// Writes the settings now. Returns whether they are on disk (or read-only: nothing to do).
    bool save();

    static constexpr qint64 ErrorIntervalMs = 60000;

Q_SIGNALS:
    /// A save failed; @p sentence says why (with a count of earlier failures held back).
    void problem(const QString &sentence);
    /// A save worked after problem() was reported.
    void recovered();

private:
    Settings &m_settings;
    ErrorThrottle m_errors{ErrorIntervalMs};
    bool m_failing = false;
};
