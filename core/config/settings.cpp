#include "core/config/settings.h"

#include "core/config/translations.h"
#include "core/net/endpoint.h"
#include "core/net/multicastgroups.h"
#include "core/text/hexcodec.h"
#include "core/text/textcodec.h"
#include "core/util/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <limits>
#include <unistd.h>

namespace {
// A whole number stored as a decimal string or a number, within [minimum, maximum]; else -1.
qint64 storedNumber(const QVariant &value, qint64 minimum, qint64 maximum)
{
    bool ok = false;
    const QString text = value.toString();
    const qint64 number = text.toLongLong(&ok);
    if (!ok || text != QString::number(number) || number < minimum || number > maximum)
        return -1;
    return number;
}

QString cleanName(const QString &name)
{
    QString clean;
    for (const QChar c : name) {
        if (c.category() != QChar::Other_Control && c != QChar::LineSeparator
            && c != QChar::ParagraphSeparator)
            clean.append(c);
    }
    return clean.trimmed().left(Settings::MaxNicknameLength);
}

// A value that no udpchat wrote and that INI cannot give back as it was read: one Qt could not
// load (an unknown @Variant type), or a list holding a NUL (x="\0", reads as a string list, is
// written as @String(\0) and reads back as a variant list, so no save could ever verify).
bool isDamagedValue(const QVariant &value)
{
    if (!value.isValid())
        return true;
    if (value.typeId() != QMetaType::QStringList && value.typeId() != QMetaType::QVariantList)
        return false;
    const QVariantList list = value.toList();
    return std::any_of(list.cbegin(), list.cend(), [](const QVariant &element) {
        return element.typeId() == QMetaType::QString && element.toString().contains(QChar(0));
    });
}

// Equal as INI stores them: a list of strings reads back as a string list or a variant list.
bool sameStoredValue(const QVariant &a, const QVariant &b)
{
    const auto isList = [](const QVariant &v) {
        return v.typeId() == QMetaType::QStringList || v.typeId() == QMetaType::QVariantList;
    };
    if (isList(a) && isList(b))
        return a.toList() == b.toList();
    return a == b;
}

const QString kScratchPrefix = QStringLiteral("udpchat-settings-");

// The scratch folder save() serialises into: "udpchat-settings-<pid>-XXXXXX" in the temporary
// folder, so that one a killed save left behind can be told from one in use.
QString scratchTemplate()
{
    return QDir(QDir::tempPath())
            .filePath(kScratchPrefix + QString::number(::getpid()) + QStringLiteral("-XXXXXX"));
}

// Removes @p folder in @p temp if it holds nothing but save()'s files.
void removeIfOnlySaveFiles(QDir &temp, const QFileInfo &folder)
{
    QDir scratch(folder.filePath());
    const QStringList entries =
            scratch.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    const bool ours = std::all_of(entries.cbegin(), entries.cend(), [](const QString &name) {
        return name.startsWith(QLatin1String("written.ini"))
               || name.startsWith(QLatin1String("check.ini"));
    });
    if (!ours)
        return;
    for (const QString &name : entries)
        scratch.remove(name);
    temp.rmdir(folder.fileName());
}

// Removes the scratch folders of saves whose process is gone (killed while saving). Only
// folders of this user with that name and nothing but save()'s two files in them are touched.
// Versions before issue 15 named them "udpchat-XXXXXX", without a process id: those go once
// they are an hour old (a save takes milliseconds).
void removeStaleScratchFolders()
{
    QDir temp(QDir::tempPath());
    const QFileInfoList folders = temp.entryInfoList(
            {QStringLiteral("udpchat-*")}, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    const QDateTime anHourAgo = QDateTime::currentDateTimeUtc().addSecs(-3600);
    for (const QFileInfo &folder : folders) {
        if (folder.isSymLink() || folder.ownerId() != ::geteuid())
            continue;
        const QString name = folder.fileName();
        if (!name.startsWith(kScratchPrefix)) {
            static const QRegularExpression legacy(QStringLiteral("^udpchat-[A-Za-z0-9]{6}$"));
            if (legacy.match(name).hasMatch() && folder.lastModified().toUTC() < anHourAgo)
                removeIfOnlySaveFiles(temp, folder);
            continue;
        }
        const QStringList parts = name.mid(kScratchPrefix.size()).split(u'-');
        bool ok = false;
        const qint64 pid = parts.size() == 2 ? parts.at(0).toLongLong(&ok) : 0;
        if (!ok || pid <= 0 || pid == ::getpid() || pid > std::numeric_limits<pid_t>::max()
            || ::kill(pid_t(pid), 0) == 0 || errno != ESRCH)
            continue;
        removeIfOnlySaveFiles(temp, folder);
    }
}

// Text exactly as it reads back from the UTF-8 INI file (a lone surrogate cannot be stored), so
// that the read-back check in save() compares like with like.
QString storable(const QString &text)
{
    return QString::fromUtf8(text.toUtf8());
}

QString storedText(const QVariant &value)
{
    return value.typeId() == QMetaType::QString ? value.toString() : QString();
}

// One row of the table: where a key is stored, its default, how a stored value is read back
// (an invalid QVariant: not valid, the default applies) and how a value is stored (an invalid
// QVariant: the key is removed from the file).
struct Spec
{
    using Read = QVariant (*)(const QVariant &stored, const Spec &spec);
    using Write = QVariant (*)(const QVariant &value, const Spec &spec);
    SettingKey key;
    const char *name;
    QVariant fallback;
    Read read;
    Write write;
    qint64 minimum = 0;
    qint64 maximum = 0;
};

QVariant readPort(const QVariant &stored, const Spec &spec)
{
    bool ok = false;
    const int port = stored.toString().trimmed().toInt(&ok);
    return stored.isValid() && ok && port >= spec.minimum && port <= 65535 ? QVariant(port)
                                                                           : QVariant();
}

QVariant writePort(const QVariant &value, const Spec &)
{
    return QString::number(value.toUInt()); // as text, the way INI reads it back
}

QVariant readNumber(const QVariant &stored, const Spec &spec)
{
    const qint64 number = storedNumber(stored, spec.minimum, spec.maximum);
    return number < 0 ? QVariant() : QVariant(number);
}

QVariant writeNumber(const QVariant &value, const Spec &spec)
{
    return QString::number(qBound(spec.minimum, value.toLongLong(), spec.maximum));
}

// "true"/"false" as written by writeBool().
QVariant readBool(const QVariant &stored, const Spec &)
{
    const QString text = stored.toString();
    if (text == QStringLiteral("true") || text == QStringLiteral("false"))
        return text == QStringLiteral("true");
    return {};
}

QVariant writeBool(const QVariant &value, const Spec &)
{
    return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
}

QVariant readBytes(const QVariant &stored, const Spec &)
{
    return stored.typeId() == QMetaType::QByteArray ? stored : QVariant();
}

QVariant writeBytes(const QVariant &value, const Spec &)
{
    return value.toByteArray();
}

QVariant readAddress(const QVariant &stored, const Spec &)
{
    const QString text = storedText(stored);
    return EndpointParser::parseAddress(text).ok() ? QVariant(text.trimmed()) : QVariant();
}

QVariant writeText(const QVariant &value, const Spec &)
{
    return storable(value.toString());
}

// Text that may be absent: stored as it is, removed when empty.
QVariant readString(const QVariant &stored, const Spec &)
{
    return stored.typeId() == QMetaType::QString ? stored : QVariant();
}

QVariant writeOptional(const QVariant &value, const Spec &)
{
    const QString text = value.toString();
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QVariant readDraft(const QVariant &stored, const Spec &)
{
    return storedText(stored).left(Settings::MaxDraftLength);
}

QVariant writeDraft(const QVariant &value, const Spec &)
{
    const QString draft = value.toString();
    return draft.isEmpty() ? QVariant() : QVariant(storable(draft.left(Settings::MaxDraftLength)));
}

QVariant readLanguage(const QVariant &stored, const Spec &)
{
    const QString language = storedText(stored);
    return language == QLatin1String("en") || Translations::available().contains(language)
                   ? QVariant(language)
                   : QVariant();
}

QVariant readSendEncoding(const QVariant &stored, const Spec &)
{
    const QString name = storedText(stored);
    if (name.compare(HexCodec::encodingName(), Qt::CaseInsensitive) == 0)
        return HexCodec::encodingName();
    const QString known = TextCodec::canonicalName(name);
    return known.isEmpty() ? QVariant() : QVariant(known);
}

QVariant readReceiveEncoding(const QVariant &stored, const Spec &)
{
    const QString known = TextCodec::canonicalName(storedText(stored));
    return known.isEmpty() ? QVariant() : QVariant(known);
}

QVariant readName(const QVariant &stored, const Spec &)
{
    return cleanName(storedText(stored));
}

QVariant writeName(const QVariant &value, const Spec &)
{
    return storable(cleanName(value.toString()));
}

// An interface name as the system writes them (eth0, wlp2s0, br-lan, en0@if3), or nothing.
QVariant readInterface(const QVariant &stored, const Spec &)
{
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_.:@-]{1,32}$"));
    const QString text = storedText(stored);
    return name.match(text).hasMatch() ? QVariant(text) : QVariant();
}

// An absolute path of printable characters; anything else is not a folder the user chose.
QVariant readFolder(const QVariant &stored, const Spec &)
{
    const QString path = storedText(stored);
    if (path.size() > 4096 || !QDir::isAbsolutePath(path)
        || std::any_of(path.cbegin(), path.cend(), [](QChar c) { return !c.isPrint(); }))
        return QVariant();
    return QDir::cleanPath(path);
}

QVariant readChatMode(const QVariant &stored, const Spec &)
{
    return storedText(stored) == QLatin1String("ipmsg") ? QVariant(QStringLiteral("ipmsg"))
                                                        : QVariant();
}

QVariant writeChatMode(const QVariant &value, const Spec &)
{
    return value.toString() == QLatin1String("ipmsg") ? QStringLiteral("ipmsg")
                                                      : QStringLiteral("plain");
}

// "quit" or "tray"; "ask" (the default) is not stored.
QVariant readCloseAction(const QVariant &stored, const Spec &)
{
    const QString text = stored.toString();
    return text == QLatin1String("quit") || text == QLatin1String("tray") ? QVariant(text)
                                                                          : QVariant();
}

QVariant writeCloseAction(const QVariant &value, const Spec &spec)
{
    return readCloseAction(value, spec);
}

// The table. Ranges: ports 1..65535 (the listening one 0..65535: any free port).
const Spec kSpecs[] = {
        {SettingKey::TargetAddress, "target/address", Settings::defaultTargetAddress(), readAddress,
         writeText},
        {SettingKey::TargetPort, "target/port", Settings::DefaultPort, readPort, writePort, 1},
        {SettingKey::BindPort, "listen/port", Settings::DefaultPort, readPort, writePort, 0},
        {SettingKey::WindowGeometry, "window/geometry", QByteArray(), readBytes, writeBytes},
        {SettingKey::WindowState, "window/state", QByteArray(), readBytes, writeBytes},
        {SettingKey::Draft, "window/draft", QString(), readDraft, writeDraft},
        {SettingKey::Language, "window/language", QString(), readLanguage, writeOptional},
        {SettingKey::SendEncoding, "encoding/send", QStringLiteral("UTF-8"), readSendEncoding,
         writeOptional},
        {SettingKey::ReceiveEncoding, "encoding/receive", QStringLiteral("UTF-8"),
         readReceiveEncoding, writeOptional},
        {SettingKey::PeerEncodings, "encoding/peers", QString(), readString, writeOptional},
        {SettingKey::TargetEncodings, "encoding/targets", QString(), readString, writeOptional},
        {SettingKey::HistoryMaxCount, "history/maxCount", Settings::DefaultHistoryMaxCount,
         readNumber, writeNumber, 0, Settings::MaxHistoryCount},
        {SettingKey::HistoryMaxAgeDays, "history/maxAgeDays", 0, readNumber, writeNumber, 0, 36500},
        {SettingKey::AlertOnMessage, "notify/alert", true, readBool, writeBool},
        {SettingKey::TrayNotifications, "notify/tray", true, readBool, writeBool},
        {SettingKey::CloseAction, "window/closeAction", QStringLiteral("ask"), readCloseAction,
         writeCloseAction},
        {SettingKey::ChatMode, "ipmsg/mode", QStringLiteral("plain"), readChatMode, writeChatMode},
        {SettingKey::IpmsgNickname, "ipmsg/nickname", QString(), readName, writeName},
        {SettingKey::IpmsgGroup, "ipmsg/group", QString(), readName, writeName},
        {SettingKey::IpmsgPort, "ipmsg/port", 2425, readPort, writePort, 1},
        {SettingKey::ShowBytes, "window/showBytes", false, readBool, writeBool},
        {SettingKey::Groups, "multicast/groups", QString(), readString, writeOptional},
        {SettingKey::DownloadFolder, "ipmsg/downloadFolder", QString(), readFolder, writeOptional},
        {SettingKey::MulticastTtl, "multicast/ttl", Multicast::DefaultTtl, readNumber, writeNumber,
         0, 255},
        {SettingKey::MulticastLoopback, "multicast/loopback", true, readBool, writeBool},
        {SettingKey::MulticastInterface, "multicast/interface", QString(), readInterface,
         writeOptional},
};

const Spec &specFor(SettingKey key)
{
    const Spec &spec = kSpecs[static_cast<int>(key)];
    Q_ASSERT(spec.key == key); // the table lists the keys in their order
    return spec;
}
} // namespace

QString Settings::downloadFolder() const
{
    const QString chosen = get(SettingKey::DownloadFolder).toString();
    if (!chosen.isEmpty())
        return chosen;
    const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    return downloads.isEmpty() ? QDir::homePath() : downloads;
}

Settings::Settings(QSettings &store, const QString &readOnlyReason)
    : m_store(store), m_readOnlyReason(readOnlyReason)
{
    // FormatError: QSettings kept what it could parse; its next write would drop the rest.
    // Out-of-range values are not damage: they stay in the file untouched and read as defaults.
    // Every key is read first, so that damage is found now and not at the first save.
    const QStringList keys = m_store.allKeys();
    bool damaged = m_store.status() == QSettings::FormatError;
    for (const QString &key : keys) {
        if (isDamagedValue(m_store.value(key))) {
            m_changes.insert(key, QVariant()); // dropped: reads as the default, never written
            damaged = true;
        }
    }
    if (damaged)
        backUpDamagedFile();
    if (!isReadOnly())
        removeStaleScratchFolders();
}

QString Settings::defaultProfileDirectory()
{
    // The folder QSettings(IniFormat, UserScope, "udpchat", "udpchat") uses.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
            .filePath(QStringLiteral("udpchat"));
}

QString Settings::fileNameInProfile(const QString &profileDirectory)
{
    return QDir(profileDirectory).filePath(QStringLiteral("udpchat.conf"));
}

QString Settings::backupFileName(const QString &fileName, const QDateTime &utc)
{
    return ::backupFileName(fileName, utc);
}

QString Settings::fileName() const
{
    return m_store.fileName();
}

void Settings::backUpDamagedFile()
{
    const QString name = fileName();
    if (isReadOnly()) {
        // Another instance owns the file; it makes the copy.
        m_loadProblem = tr("The settings file %1 is damaged; defaults are used for what could not "
                           "be read.")
                                .arg(name);
        return;
    }
    QFile file(name);
    QString reason;
    bool copied = false;
    if (!file.open(QIODevice::ReadOnly)) {
        reason = file.errorString();
    } else {
        const QByteArray original = file.readAll();
        file.close();
        // The name is free now; only another udpchat on this profile could take it before the
        // rename, and the profile lock keeps that one read-only.
        const QString backup = backupFileName(name, QDateTime::currentDateTimeUtc());
        copied = writeFileAtomically(backup, original, &reason);
        if (copied) {
            m_loadProblem = tr("The settings file %1 was damaged; defaults are used for what could "
                               "not be read, and the original is kept as %2.")
                                    .arg(name, backup);
        }
    }
    if (copied) {
        // Rewrite the file on the next save() even if nothing changes, so the damage (and this
        // warning) does not come back at every start.
        m_dirty = true;
        return;
    }
    m_loadProblem = tr("The settings file %1 is damaged and could not be copied aside (%2); "
                       "defaults are used for what could not be read.")
                            .arg(name, reason);
    m_readOnlyReason = tr("Settings are not saved this session, so that the damaged file stays as "
                          "it is.");
}

QVariant Settings::value(const QString &key) const
{
    const auto it = m_changes.constFind(key);
    if (it != m_changes.cend())
        return *it;
    return m_store.value(key);
}

void Settings::setValue(const QString &key, const QVariant &value)
{
    // An invalid @p value removes the key.
    const QVariant current = this->value(key);
    if (value.isValid() ? current == value : !current.isValid())
        return;
    m_changes.insert(key, value);
    m_dirty = true;
}

QVariant Settings::get(SettingKey key) const
{
    const Spec &spec = specFor(key);
    const QVariant valid = spec.read(value(QLatin1String(spec.name)), spec);
    return valid.isValid() ? valid : spec.fallback;
}

void Settings::set(SettingKey key, const QVariant &value)
{
    const Spec &spec = specFor(key);
    const QVariant before = get(key);
    setValue(QLatin1String(spec.name), spec.write(value, spec));
    if (get(key) != before)
        Q_EMIT changed(key);
}

Settings::CloseAction Settings::closeAction() const
{
    const QString text = get(SettingKey::CloseAction).toString();
    if (text == QLatin1String("quit"))
        return CloseAction::Quit;
    if (text == QLatin1String("tray"))
        return CloseAction::MinimizeToTray;
    return CloseAction::Ask;
}

void Settings::setCloseAction(CloseAction action)
{
    const char *names[] = {"ask", "quit", "tray"};
    set(SettingKey::CloseAction, QLatin1String(names[static_cast<int>(action)]));
}

QStringList Settings::groups() const
{
    // One string of groups separated by ';' (a list of one would read back as a plain string).
    QStringList groups;
    const QStringList stored = get(SettingKey::Groups).toString().split(u';', Qt::SkipEmptyParts);
    for (const QString &text : stored) {
        if (groups.size() >= MaxGroups)
            break;
        const Multicast::GroupResult parsed = Multicast::parseGroup(text.trimmed());
        if (parsed.ok() && !groups.contains(parsed.group.toString()))
            groups.append(parsed.group.toString());
    }
    return groups;
}

void Settings::setGroups(const QStringList &groups)
{
    set(SettingKey::Groups, groups.mid(0, MaxGroups).join(u';'));
}

QString Settings::draftNotice() const
{
    const QVariant stored = m_store.value(QLatin1String(specFor(SettingKey::Draft).name));
    const qsizetype length = stored.typeId() == QMetaType::QString ? stored.toString().size() : 0;
    if (length <= MaxDraftLength)
        return {};
    const QLocale locale;
    return tr("The saved draft had %1 characters, more than one message can carry; only its first "
              "%2 were restored.")
            .arg(locale.toString(length), locale.toString(MaxDraftLength));
}

// Stored as one string of "address encoding" entries separated by ';' (neither an address nor an
// encoding name has one): a list of one element would read back from INI as a plain string.
QMap<QString, QString> Settings::addressEncodings(SettingKey key, bool allowHex) const
{
    QMap<QString, QString> result;
    const QStringList entries = get(key).toString().split(u';', Qt::SkipEmptyParts);
    for (const QString &entry : entries) {
        if (result.size() >= MaxPeerEncodings)
            break;
        const QStringList parts = entry.trimmed().split(u' ');
        if (parts.size() != 2)
            continue;
        const auto address = EndpointParser::parseAddress(parts.at(0));
        QString encoding = TextCodec::canonicalName(parts.at(1));
        if (allowHex && parts.at(1).compare(HexCodec::encodingName(), Qt::CaseInsensitive) == 0)
            encoding = HexCodec::encodingName();
        if (!address.ok() || encoding.isEmpty())
            continue;
        result.insert(displayAddress(normalizedAddress(address.address)), encoding);
    }
    return result;
}

void Settings::setAddressEncodings(SettingKey key, const QMap<QString, QString> &encodings)
{
    QStringList entries;
    for (auto it = encodings.cbegin(); it != encodings.cend() && entries.size() < MaxPeerEncodings;
         ++it)
        entries.append(it.key() + u' ' + it.value());
    set(key, entries.join(u';'));
}

QMap<QString, QString> Settings::peerEncodings() const
{
    return addressEncodings(SettingKey::PeerEncodings, false);
}

void Settings::setPeerEncodings(const QMap<QString, QString> &encodings)
{
    setAddressEncodings(SettingKey::PeerEncodings, encodings);
}

QMap<QString, QString> Settings::targetEncodings() const
{
    return addressEncodings(SettingKey::TargetEncodings, true);
}

void Settings::setTargetEncoding(const QString &address, const QString &encoding)
{
    const auto parsed = EndpointParser::parseAddress(address);
    if (!parsed.ok())
        return;
    QMap<QString, QString> encodings = targetEncodings();
    const QString key = displayAddress(normalizedAddress(parsed.address));
    if (encoding.isEmpty())
        encodings.remove(key);
    else
        encodings.insert(key, encoding);
    setAddressEncodings(SettingKey::TargetEncodings, encodings);
}

bool Settings::save(QString *error)
{
    if (isReadOnly() || !m_dirty)
        return true;
    QString reason;
    if (!writeVerified(&reason)) {
        if (error)
            *error = tr("Settings could not be saved to %1: %2.").arg(fileName(), reason);
        return false;
    }
    m_dirty = false;
    return true;
}

// Why not m_store.sync(): QSettings writes through a buffered QSaveFile and does not notice a
// short write. Measured on Qt 6.4.2 with a 16 KiB tmpfs: sync() of a 14,000-byte file replaced
// the good file with its first 4,096 bytes and status() stayed NoError. So the file is
// serialised by Qt's own INI writer into a scratch folder, read back and compared value by value,
// and only then written over the real file with checked writes (writeFileAtomically).
bool Settings::writeVerified(QString *reason) const
{
    QMap<QString, QVariant> values;
    const QStringList stored = m_store.allKeys();
    for (const QString &key : stored)
        values.insert(key, m_store.value(key));
    for (auto it = m_changes.cbegin(); it != m_changes.cend(); ++it) {
        if (it->isValid())
            values.insert(it.key(), it.value());
        else
            values.remove(it.key());
    }

    QByteArray bytes;
    if (!values.isEmpty()) {
        QTemporaryDir scratch(scratchTemplate()); // private (0700), removed with its files
        if (!scratch.isValid()) {
            *reason = tr("no temporary folder (%1)").arg(scratch.errorString());
            return false;
        }
        const QString written = scratch.filePath(QStringLiteral("written.ini"));
        {
            QSettings writer(written, QSettings::IniFormat);
            for (auto it = values.cbegin(); it != values.cend(); ++it)
                writer.setValue(it.key(), it.value());
            writer.sync();
            if (writer.status() != QSettings::NoError) {
                *reason = tr("a temporary copy in %1 could not be written").arg(QDir::tempPath());
                return false;
            }
        }
        // QSettings caches files by name and would answer from memory, so the copy is read back
        // from disk under a name it has not seen.
        const QString check = scratch.filePath(QStringLiteral("check.ini"));
        QFile file(written);
        if (!file.rename(check) || !file.open(QIODevice::ReadOnly)) {
            *reason = file.errorString();
            return false;
        }
        bytes = file.readAll();
        file.close();
        QSettings reader(check, QSettings::IniFormat);
        bool intact =
                reader.status() == QSettings::NoError && reader.allKeys().size() == values.size();
        for (auto it = values.cbegin(); intact && it != values.cend(); ++it)
            intact = sameStoredValue(reader.value(it.key()), it.value());
        if (!intact) {
            *reason = tr("a temporary copy in %1 did not read back intact (is that disk full?)")
                              .arg(QDir::tempPath());
            return false;
        }
    }
    return writeFileAtomically(fileName(), bytes, reason);
}
