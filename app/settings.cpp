#include "settings.h"

#include "atomicfile.h"
#include "chatsession.h"
#include "endpoint.h"
#include "textcodec.h"
#include "translations.h"

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
const QString kTargetAddress = QStringLiteral("target/address");
const QString kTargetPort = QStringLiteral("target/port");
const QString kBindPort = QStringLiteral("listen/port");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kDraft = QStringLiteral("window/draft");
const QString kLanguage = QStringLiteral("window/language");
const QString kSendEncoding = QStringLiteral("encoding/send");
const QString kReceiveEncoding = QStringLiteral("encoding/receive");
const QString kPeerEncodings = QStringLiteral("encoding/peers");
const QString kTargetEncodings = QStringLiteral("encoding/targets");
const QString kHistoryMaxCount = QStringLiteral("history/maxCount");
const QString kHistoryMaxAge = QStringLiteral("history/maxAgeDays");
const QString kAlert = QStringLiteral("notify/alert");
const QString kTray = QStringLiteral("notify/tray");
const QString kCloseAction = QStringLiteral("window/closeAction");

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

// "true"/"false" as written by setValue(bool), else @p fallback.
bool storedBool(const QVariant &value, bool fallback)
{
    const QString text = value.toString();
    if (text == QStringLiteral("true"))
        return true;
    if (text == QStringLiteral("false"))
        return false;
    return fallback;
}

const QString kChatMode = QStringLiteral("ipmsg/mode");
const QString kIpmsgNickname = QStringLiteral("ipmsg/nickname");
const QString kIpmsgGroup = QStringLiteral("ipmsg/group");
const QString kIpmsgPort = QStringLiteral("ipmsg/port");

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

// A port stored as a decimal string (INI) or a number, within [minimum, 65535]; otherwise -1.
int storedPort(const QVariant &value, int minimum)
{
    if (!value.isValid())
        return -1;
    bool ok = false;
    const int port = value.toString().trimmed().toInt(&ok);
    return ok && port >= minimum && port <= 65535 ? port : -1;
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
} // namespace

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
    const QString base = fileName + QStringLiteral(".corrupt-")
                         + utc.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QString candidate = base;
    for (int n = 2; QFileInfo(candidate).exists() || QFileInfo(candidate).isSymLink(); ++n)
        candidate = base + u'-' + QString::number(n);
    return candidate;
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
    if (this->value(key) == value)
        return;
    m_changes.insert(key, value);
    m_dirty = true;
}

void Settings::remove(const QString &key)
{
    if (!value(key).isValid())
        return;
    m_changes.insert(key, QVariant());
    m_dirty = true;
}

QString Settings::targetAddress() const
{
    const QVariant value = this->value(kTargetAddress);
    if (value.typeId() != QMetaType::QString)
        return defaultTargetAddress();
    const QString text = value.toString();
    return EndpointParser::parseAddress(text).ok() ? text.trimmed() : defaultTargetAddress();
}

void Settings::setTargetAddress(const QString &address)
{
    setValue(kTargetAddress, storable(address));
}

quint16 Settings::targetPort() const
{
    const int port = storedPort(value(kTargetPort), 1);
    return port < 0 ? DefaultPort : static_cast<quint16>(port);
}

void Settings::setTargetPort(quint16 port)
{
    // As text, the way INI reads it back.
    setValue(kTargetPort, QString::number(port));
}

quint16 Settings::bindPort() const
{
    const int port = storedPort(value(kBindPort), 0);
    return port < 0 ? DefaultPort : static_cast<quint16>(port);
}

void Settings::setBindPort(quint16 port)
{
    setValue(kBindPort, QString::number(port));
}

qint64 Settings::historyMaxCount() const
{
    const qint64 count = storedNumber(value(kHistoryMaxCount), 0, MaxHistoryCount);
    return count < 0 ? DefaultHistoryMaxCount : count;
}

void Settings::setHistoryMaxCount(qint64 count)
{
    setValue(kHistoryMaxCount, QString::number(qBound<qint64>(0, count, MaxHistoryCount)));
}

int Settings::historyMaxAgeDays() const
{
    const qint64 days = storedNumber(value(kHistoryMaxAge), 0, 36500);
    return days < 0 ? 0 : static_cast<int>(days);
}

void Settings::setHistoryMaxAgeDays(int days)
{
    setValue(kHistoryMaxAge, QString::number(qBound(0, days, 36500)));
}

bool Settings::alertOnMessage() const
{
    return storedBool(value(kAlert), true);
}

void Settings::setAlertOnMessage(bool on)
{
    setValue(kAlert, on ? QStringLiteral("true") : QStringLiteral("false"));
}

bool Settings::trayNotifications() const
{
    return storedBool(value(kTray), true);
}

void Settings::setTrayNotifications(bool on)
{
    setValue(kTray, on ? QStringLiteral("true") : QStringLiteral("false"));
}

Settings::CloseAction Settings::closeAction() const
{
    const QString text = value(kCloseAction).toString();
    if (text == QStringLiteral("quit"))
        return CloseAction::Quit;
    if (text == QStringLiteral("tray"))
        return CloseAction::MinimizeToTray;
    return CloseAction::Ask;
}

void Settings::setCloseAction(CloseAction action)
{
    switch (action) {
    case CloseAction::Ask:
        remove(kCloseAction);
        break;
    case CloseAction::Quit:
        setValue(kCloseAction, QStringLiteral("quit"));
        break;
    case CloseAction::MinimizeToTray:
        setValue(kCloseAction, QStringLiteral("tray"));
        break;
    }
}

QString Settings::chatMode() const
{
    const QVariant value = this->value(kChatMode);
    return value.typeId() == QMetaType::QString && value.toString() == QLatin1String("ipmsg")
                   ? QStringLiteral("ipmsg")
                   : QStringLiteral("plain");
}

void Settings::setChatMode(const QString &mode)
{
    setValue(kChatMode, mode == QLatin1String("ipmsg") ? mode : QStringLiteral("plain"));
}

QString Settings::ipmsgNickname() const
{
    const QVariant value = this->value(kIpmsgNickname);
    return value.typeId() == QMetaType::QString ? cleanName(value.toString()) : QString();
}

void Settings::setIpmsgNickname(const QString &nickname)
{
    setValue(kIpmsgNickname, storable(cleanName(nickname)));
}

QString Settings::ipmsgGroup() const
{
    const QVariant value = this->value(kIpmsgGroup);
    return value.typeId() == QMetaType::QString ? cleanName(value.toString()) : QString();
}

void Settings::setIpmsgGroup(const QString &group)
{
    setValue(kIpmsgGroup, storable(cleanName(group)));
}

quint16 Settings::ipmsgPort() const
{
    const int port = storedPort(value(kIpmsgPort), 1);
    return port < 0 ? quint16(2425) : static_cast<quint16>(port);
}

void Settings::setIpmsgPort(quint16 port)
{
    setValue(kIpmsgPort, QString::number(port));
}

QByteArray Settings::windowGeometry() const
{
    const QVariant value = this->value(kGeometry);
    return value.typeId() == QMetaType::QByteArray ? value.toByteArray() : QByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    setValue(kGeometry, geometry);
}

QByteArray Settings::windowState() const
{
    const QVariant value = this->value(kState);
    return value.typeId() == QMetaType::QByteArray ? value.toByteArray() : QByteArray();
}

void Settings::setWindowState(const QByteArray &state)
{
    setValue(kState, state);
}

QString Settings::draft() const
{
    const QVariant value = this->value(kDraft);
    if (value.typeId() != QMetaType::QString)
        return {};
    return value.toString().left(MaxDraftLength);
}

QString Settings::draftNotice() const
{
    const QVariant stored = m_store.value(kDraft);
    const qsizetype length = stored.typeId() == QMetaType::QString ? stored.toString().size() : 0;
    if (length <= MaxDraftLength)
        return {};
    const QLocale locale;
    return tr("The saved draft had %1 characters, more than one message can carry; only its first "
              "%2 were restored.")
            .arg(locale.toString(length), locale.toString(MaxDraftLength));
}

void Settings::setDraft(const QString &draft)
{
    if (draft.isEmpty())
        remove(kDraft);
    else
        setValue(kDraft, storable(draft.left(MaxDraftLength)));
}

QString Settings::language() const
{
    const QVariant value = this->value(kLanguage);
    const QString language = value.typeId() == QMetaType::QString ? value.toString() : QString();
    return language == QLatin1String("en") || Translations::available().contains(language)
                   ? language
                   : QString();
}

void Settings::setLanguage(const QString &language)
{
    if (language.isEmpty())
        remove(kLanguage);
    else
        setValue(kLanguage, language);
}

QString Settings::sendEncoding() const
{
    const QVariant value = this->value(kSendEncoding);
    const QString name = value.typeId() == QMetaType::QString ? value.toString() : QString();
    if (name.compare(ChatSession::hexEncoding(), Qt::CaseInsensitive) == 0)
        return ChatSession::hexEncoding();
    const QString known = TextCodec::canonicalName(name);
    return known.isEmpty() ? QStringLiteral("UTF-8") : known;
}

void Settings::setSendEncoding(const QString &encoding)
{
    setValue(kSendEncoding, encoding);
}

QString Settings::receiveEncoding() const
{
    const QVariant value = this->value(kReceiveEncoding);
    const QString known = TextCodec::canonicalName(
            value.typeId() == QMetaType::QString ? value.toString() : QString());
    return known.isEmpty() ? QStringLiteral("UTF-8") : known;
}

void Settings::setReceiveEncoding(const QString &encoding)
{
    setValue(kReceiveEncoding, encoding);
}

// Stored as one string of "address encoding" entries separated by ';' (neither an address nor an
// encoding name has one): a list of one element would read back from INI as a plain string.
QMap<QString, QString> Settings::addressEncodings(const QString &key, bool allowHex) const
{
    QMap<QString, QString> result;
    const QVariant value = this->value(key);
    const QStringList entries = value.typeId() == QMetaType::QString
                                        ? value.toString().split(u';', Qt::SkipEmptyParts)
                                        : QStringList();
    for (const QString &entry : entries) {
        if (result.size() >= MaxPeerEncodings)
            break;
        const QStringList parts = entry.trimmed().split(u' ');
        if (parts.size() != 2)
            continue;
        const auto address = EndpointParser::parseAddress(parts.at(0));
        QString encoding = TextCodec::canonicalName(parts.at(1));
        if (allowHex && parts.at(1).compare(ChatSession::hexEncoding(), Qt::CaseInsensitive) == 0)
            encoding = ChatSession::hexEncoding();
        if (!address.ok() || encoding.isEmpty())
            continue;
        result.insert(displayAddress(normalizedAddress(address.address)), encoding);
    }
    return result;
}

void Settings::setAddressEncodings(const QString &key, const QMap<QString, QString> &encodings)
{
    QStringList entries;
    for (auto it = encodings.cbegin(); it != encodings.cend() && entries.size() < MaxPeerEncodings;
         ++it)
        entries.append(it.key() + u' ' + it.value());
    if (entries.isEmpty())
        remove(key);
    else
        setValue(key, entries.join(u';'));
}

QMap<QString, QString> Settings::peerEncodings() const
{
    return addressEncodings(kPeerEncodings, false);
}

void Settings::setPeerEncodings(const QMap<QString, QString> &encodings)
{
    setAddressEncodings(kPeerEncodings, encodings);
}

QMap<QString, QString> Settings::targetEncodings() const
{
    return addressEncodings(kTargetEncodings, true);
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
    setAddressEncodings(kTargetEncodings, encodings);
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
