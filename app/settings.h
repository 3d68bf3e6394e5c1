#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

class QSettings;

/// Typed access to the persisted settings. Every value read back is validated as strictly as
/// if it came from the network: a missing, corrupted or out-of-range value yields the default.
class Settings
{
    Q_DECLARE_TR_FUNCTIONS(Settings)
public:
    static constexpr quint16 DefaultPort = 6666; // the tutorial's port
    static constexpr int MaxDraftLength = 1 << 20;

    /// @p store is not owned and must outlive this object.
    explicit Settings(QSettings &store);

    static QString defaultTargetAddress() { return QStringLiteral("127.0.0.1"); }

    /// As typed; only a value that parses as a target address is returned.
    QString targetAddress() const;
    void setTargetAddress(const QString &address);
    /// 1..65535.
    quint16 targetPort() const;
    void setTargetPort(quint16 port);
    /// 0..65535; 0 means "any free port".
    quint16 bindPort() const;
    void setBindPort(quint16 port);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    /// The unsent text of the message box.
    QString draft() const;
    void setDraft(const QString &draft);

    /// Writes to disk. Returns false with a sentence in @p error when that failed.
    bool save(QString *error = nullptr);

private:
    QSettings &m_store;
};
