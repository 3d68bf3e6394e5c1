#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QMap>
#include <QString>
#include <QVariant>

class QSettings;

/// Typed access to the persisted settings. Every value read back is validated as strictly as
/// if it came from the network: a missing, corrupted or out-of-range value yields the default.
///
/// Data safety: the injected QSettings is only read. Changes are kept here and written by
/// save(), which replaces the file only with a complete, verified copy, so a full disk or an
/// unwritable folder never leaves a truncated file behind. A file that QSettings could not fully
/// parse is copied aside before anything else is written (see loadProblem()).
class Settings
{
    Q_DECLARE_TR_FUNCTIONS(Settings)
public:
    static constexpr quint16 DefaultPort = 6666; // the tutorial's port
    /// The longest draft kept (saved and restored): what one datagram could still carry, typed
    /// as hex in its longest form ("0x48, " for each of 65,527 bytes). Longer text can never be
    /// sent as it is, and a megabyte of it froze start-up for a minute (issue 15).
    static constexpr int MaxDraftLength = 6 * 65527;

    /// @p store is not owned and must outlive this object; it is never written to. With a
    /// non-empty @p readOnlyReason nothing is ever written (not even a backup copy) and that
    /// sentence is reported by readOnlyReason().
    explicit Settings(QSettings &store, const QString &readOnlyReason = QString());

    /// ~/.config/udpchat (honours XDG_CONFIG_HOME).
    static QString defaultProfileDirectory();
    /// The settings file in @p profileDirectory.
    static QString fileNameInProfile(const QString &profileDirectory);
    /// Where a damaged @p fileName is copied at @p utc: "<file>.corrupt-<yyyyMMddTHHmmssZ>", with
    /// "-2", "-3" ... appended when that name is taken, so an earlier copy is never replaced.
    static QString backupFileName(const QString &fileName, const QDateTime &utc);

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

    /// The unsent text of the message box, at most MaxDraftLength characters.
    QString draft() const;
    void setDraft(const QString &draft);
    /// A sentence when the settings file held a longer draft than MaxDraftLength (only its
    /// beginning is restored), or empty.
    QString draftNotice() const;

    /// "" (follow the system), "en" or a code from Translations::available().
    QString language() const;
    void setLanguage(const QString &language);

    /// The encoding of typed text: a name from TextCodec::availableEncodings() or "Hex"
    /// (ChatSession::sendEncodings()); "UTF-8" when unset or unknown here.
    QString sendEncoding() const;
    void setSendEncoding(const QString &encoding);
    /// How datagrams are decoded: a name from TextCodec::availableEncodings(); "UTF-8" by default.
    QString receiveEncoding() const;
    void setReceiveEncoding(const QString &encoding);
    /// Receive encodings remembered per peer, keyed by normalised address as displayAddress()
    /// writes it. Entries with an address that does not parse or an unavailable encoding are
    /// left out; at most MaxPeerEncodings are kept.
    QMap<QString, QString> peerEncodings() const;
    void setPeerEncodings(const QMap<QString, QString> &encodings);
    static constexpr int MaxPeerEncodings = 256;
    /// Send encodings remembered per target address (as peerEncodings(); "Hex" allowed too).
    QMap<QString, QString> targetEncodings() const;
    /// Remembers @p encoding for the target @p address (as typed; ignored unless it parses); an
    /// empty @p encoding forgets it. Other targets' entries are kept.
    void setTargetEncoding(const QString &address, const QString &encoding);

    /// History limits: at most this many messages (0: no limit; default DefaultHistoryMaxCount,
    /// range 0..MaxHistoryCount) and days (0: no limit, the default; 0..36500).
    static constexpr qint64 DefaultHistoryMaxCount = 1000000;
    static constexpr qint64 MaxHistoryCount = 1000000000;
    qint64 historyMaxCount() const;
    void setHistoryMaxCount(qint64 count);
    int historyMaxAgeDays() const;
    void setHistoryMaxAgeDays(int days);
    /// Notifications when the window is not active (both on by default).
    bool alertOnMessage() const;
    void setAlertOnMessage(bool on);
    bool trayNotifications() const;
    void setTrayNotifications(bool on);
    enum class CloseAction { Ask, Quit, MinimizeToTray };
    /// What closing the window does; Ask until the user chose.
    CloseAction closeAction() const;
    void setCloseAction(CloseAction action);
    /// IP Messenger mode (issue 8). "plain" (default) or "ipmsg".
    QString chatMode() const;
    void setChatMode(const QString &mode);
    /// Our nickname and group in IP Messenger mode (empty: the login name / no group); at most
    /// MaxNicknameLength characters, no line breaks or NULs.
    QString ipmsgNickname() const;
    void setIpmsgNickname(const QString &nickname);
    QString ipmsgGroup() const;
    void setIpmsgGroup(const QString &group);
    static constexpr int MaxNicknameLength = 64;
    /// 1..65535, default 2425.
    quint16 ipmsgPort() const;
    void setIpmsgPort(quint16 port);

    /// Writes the changes to disk, atomically. Returns false with a sentence in @p error when
    /// that failed; the changes stay in memory (the getters return them) and the next save()
    /// tries again. In read-only mode nothing is written and true is returned.
    bool save(QString *error = nullptr);

    /// One sentence about a damaged settings file found when loading (defaults are used for what
    /// could not be read, and where its copy went), or empty. Report it once.
    QString loadProblem() const { return m_loadProblem; }
    /// Whether save() writes nothing (another instance owns the profile, or a damaged file could
    /// not be copied aside).
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    /// Why nothing is saved, as a sentence; empty when isReadOnly() is false.
    QString readOnlyReason() const { return m_readOnlyReason; }
    QString fileName() const;

private:
    QVariant value(const QString &key) const;
    void setValue(const QString &key, const QVariant &value);
    void remove(const QString &key);
    void backUpDamagedFile();
    QMap<QString, QString> addressEncodings(const QString &key, bool allowHex) const;
    void setAddressEncodings(const QString &key, const QMap<QString, QString> &encodings);
    bool writeVerified(QString *reason) const;

    QSettings &m_store;
    // Values set since loading; an invalid QVariant marks a removed key. They override m_store,
    // which is never written to: its own sync() cannot see a short write (below).
    QMap<QString, QVariant> m_changes;
    bool m_dirty = false;
    QString m_loadProblem;
    QString m_readOnlyReason;
};
