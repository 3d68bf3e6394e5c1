#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariant>

class QSettings;

/// The keys of the settings; their names in the file, defaults and ranges are in one table
/// (settings.cpp, kSpecs).
enum class SettingKey {
    TargetAddress,
    TargetPort,
    BindPort,
    WindowGeometry,
    WindowState,
    Draft,
    Language,
    SendEncoding,
    ReceiveEncoding,
    PeerEncodings,
    TargetEncodings,
    HistoryMaxCount,
    HistoryMaxAgeDays,
    AlertOnMessage,
    TrayNotifications,
    CloseAction,
    ChatMode,
    IpmsgNickname,
    IpmsgGroup,
    IpmsgPort,
    ShowBytes,
    Groups,
    DownloadFolder,
    MulticastTtl,
    MulticastLoopback,
    MulticastInterface,
};

/// The persisted settings. Every value read back is validated as strictly as if it came from the
/// network: a missing, corrupted or out-of-range value yields the default. One table says, for
/// each key, where it is stored, its default and what is valid; get() and set() go through it,
/// and set() emits changed() when the value is really another. The typed accessors below only
/// convert.
///
/// Data safety: the injected QSettings is only read. Changes are kept here and written by
/// save(), which replaces the file only with a complete, verified copy, so a full disk or an
/// unwritable folder never leaves a truncated file behind. A file that QSettings could not fully
/// parse is copied aside before anything else is written (see loadProblem()).
class Settings : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Settings)
public:
    static constexpr quint16 DefaultPort = 6666; // the tutorial's port
    /// The longest draft kept (saved and restored): what one datagram could still carry, typed
    /// as hex in its longest form ("0x48, " for each of 65,527 bytes). Longer text can never be
    /// sent as it is, and a megabyte of it froze start-up for a minute (issue 15).
    static constexpr int MaxDraftLength = 6 * 65527;
    static constexpr int MaxPeerEncodings = 256;
    static constexpr qint64 DefaultHistoryMaxCount = 1000000;
    static constexpr qint64 MaxHistoryCount = 1000000000;
    static constexpr int MaxNicknameLength = 64;
    enum class CloseAction { Ask, Quit, MinimizeToTray };

    /// @p store is not owned and must outlive this object; it is never written to. With a
    /// non-empty @p readOnlyReason nothing is ever written (not even a backup copy) and that
    /// sentence is reported by readOnlyReason().
    explicit Settings(QSettings &store, const QString &readOnlyReason = QString());

    /// ~/.config/udpchat (honours XDG_CONFIG_HOME).
    static QString defaultProfileDirectory();
    /// The settings file in @p profileDirectory.
    static QString fileNameInProfile(const QString &profileDirectory);
    /// Where a damaged @p fileName is copied at @p utc (see ::backupFileName()).
    static QString backupFileName(const QString &fileName, const QDateTime &utc);
    static QString defaultTargetAddress() { return QStringLiteral("127.0.0.1"); }

    /// The valid value of @p key, or its default.
    QVariant get(SettingKey key) const;
    /// Sets @p key (made valid: clamped, cleaned; the default or an empty value removes it from
    /// the file where that is its meaning); changed() if get() now answers otherwise.
    void set(SettingKey key, const QVariant &value);

    /// As typed; only a value that parses as a target address is returned.
    QString targetAddress() const { return get(SettingKey::TargetAddress).toString(); }
    void setTargetAddress(const QString &address) { set(SettingKey::TargetAddress, address); }
    /// 1..65535.
    quint16 targetPort() const { return quint16(get(SettingKey::TargetPort).toUInt()); }
    void setTargetPort(quint16 port) { set(SettingKey::TargetPort, port); }
    /// 0..65535; 0 means "any free port".
    quint16 bindPort() const { return quint16(get(SettingKey::BindPort).toUInt()); }
    void setBindPort(quint16 port) { set(SettingKey::BindPort, port); }
    QByteArray windowGeometry() const { return get(SettingKey::WindowGeometry).toByteArray(); }
    void setWindowGeometry(const QByteArray &geometry)
    {
        set(SettingKey::WindowGeometry, geometry);
    }
    QByteArray windowState() const { return get(SettingKey::WindowState).toByteArray(); }
    void setWindowState(const QByteArray &state) { set(SettingKey::WindowState, state); }
    /// The unsent text of the message box (at most MaxDraftLength characters).
    QString draft() const { return get(SettingKey::Draft).toString(); }
    void setDraft(const QString &draft) { set(SettingKey::Draft, draft); }
    /// A sentence when the settings file held a longer draft than MaxDraftLength (only its
    /// beginning is restored), or empty.
    QString draftNotice() const;
    /// "" (follow the system), "en" or a code from Translations::available().
    QString language() const { return get(SettingKey::Language).toString(); }
    void setLanguage(const QString &language) { set(SettingKey::Language, language); }
    /// The encoding of typed text: a name from TextCodec::availableEncodings() or "Hex"
    /// (HexCodec::encodingName()); "UTF-8" when unset or unknown here.
    QString sendEncoding() const { return get(SettingKey::SendEncoding).toString(); }
    void setSendEncoding(const QString &encoding) { set(SettingKey::SendEncoding, encoding); }
    /// How datagrams are decoded: a name from TextCodec::availableEncodings(); "UTF-8" by default.
    QString receiveEncoding() const { return get(SettingKey::ReceiveEncoding).toString(); }
    void setReceiveEncoding(const QString &encoding) { set(SettingKey::ReceiveEncoding, encoding); }
    /// Receive encodings remembered per peer, keyed by normalised address as displayAddress()
    /// writes it. Entries with an address that does not parse or an unavailable encoding are
    /// left out; at most MaxPeerEncodings are kept.
    QMap<QString, QString> peerEncodings() const;
    void setPeerEncodings(const QMap<QString, QString> &encodings);
    /// Send encodings remembered per target address (as peerEncodings(); "Hex" allowed too).
    QMap<QString, QString> targetEncodings() const;
    /// Remembers @p encoding for the target @p address (as typed; ignored unless it parses); an
    /// empty @p encoding forgets it. Other targets' entries are kept.
    void setTargetEncoding(const QString &address, const QString &encoding);
    /// At most this many messages in the history (0: no limit), 0..MaxHistoryCount.
    qint64 historyMaxCount() const { return get(SettingKey::HistoryMaxCount).toLongLong(); }
    void setHistoryMaxCount(qint64 count) { set(SettingKey::HistoryMaxCount, count); }
    /// Days kept in the history (0: no limit, the default), 0..36500.
    int historyMaxAgeDays() const { return get(SettingKey::HistoryMaxAgeDays).toInt(); }
    void setHistoryMaxAgeDays(int days) { set(SettingKey::HistoryMaxAgeDays, days); }
    /// Notifications when the window is not active (both on by default).
    bool alertOnMessage() const { return get(SettingKey::AlertOnMessage).toBool(); }
    void setAlertOnMessage(bool on) { set(SettingKey::AlertOnMessage, on); }
    bool trayNotifications() const { return get(SettingKey::TrayNotifications).toBool(); }
    void setTrayNotifications(bool on) { set(SettingKey::TrayNotifications, on); }
    /// What closing the window does; Ask until the user chose.
    CloseAction closeAction() const;
    void setCloseAction(CloseAction action);
    /// IP Messenger mode (issue 8). "plain" (default) or "ipmsg".
    QString chatMode() const { return get(SettingKey::ChatMode).toString(); }
    void setChatMode(const QString &mode) { set(SettingKey::ChatMode, mode); }
    /// Our nickname and group in IP Messenger mode (empty: the login name / no group); at most
    /// MaxNicknameLength characters, no line breaks or NULs.
    QString ipmsgNickname() const { return get(SettingKey::IpmsgNickname).toString(); }
    void setIpmsgNickname(const QString &nickname) { set(SettingKey::IpmsgNickname, nickname); }
    QString ipmsgGroup() const { return get(SettingKey::IpmsgGroup).toString(); }
    void setIpmsgGroup(const QString &group) { set(SettingKey::IpmsgGroup, group); }
    /// 1..65535, default 2425.
    quint16 ipmsgPort() const { return quint16(get(SettingKey::IpmsgPort).toUInt()); }
    void setIpmsgPort(quint16 port) { set(SettingKey::IpmsgPort, port); }
    /// Whether the bytes about to be sent are shown in hex under the message box (off).
    /// How datagrams to a multicast group go out: TTL / hop limit (default 1), whether our own
    /// come back to us, and the interface named by the user (empty: chosen automatically).
    int multicastTtl() const { return get(SettingKey::MulticastTtl).toInt(); }
    void setMulticastTtl(int ttl) { set(SettingKey::MulticastTtl, ttl); }
    bool multicastLoopback() const { return get(SettingKey::MulticastLoopback).toBool(); }
    void setMulticastLoopback(bool on) { set(SettingKey::MulticastLoopback, on); }
    QString multicastInterface() const { return get(SettingKey::MulticastInterface).toString(); }
    void setMulticastInterface(const QString &name) { set(SettingKey::MulticastInterface, name); }
    /// Where IP Messenger files are saved: the folder chosen last, else the system's download
    /// folder.
    QString downloadFolder() const;
    void setDownloadFolder(const QString &folder) { set(SettingKey::DownloadFolder, folder); }
    bool showBytes() const { return get(SettingKey::ShowBytes).toBool(); }
    void setShowBytes(bool on) { set(SettingKey::ShowBytes, on); }
    /// Multicast groups joined in the window, as --join takes them ("239.255.77.1%eth0"); only
    /// what parses as a group is returned, at most MaxGroups.
    QStringList groups() const;
    void setGroups(const QStringList &groups);
    static constexpr int MaxGroups = 64;

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

Q_SIGNALS:
    /// @p key has another value (set(), or a typed setter).
    void changed(SettingKey key);

private:
    QVariant value(const QString &key) const;
    void setValue(const QString &key, const QVariant &value);
    void backUpDamagedFile();
    QMap<QString, QString> addressEncodings(SettingKey key, bool allowHex) const;
    void setAddressEncodings(SettingKey key, const QMap<QString, QString> &encodings);
    bool writeVerified(QString *reason) const;

    QSettings &m_store;
    // Values set since loading; an invalid QVariant marks a removed key. They override m_store,
    // which is never written to: its own sync() cannot see a short write (below).
    QMap<QString, QVariant> m_changes;
    bool m_dirty = false;
    QString m_loadProblem;
    QString m_readOnlyReason;
};
