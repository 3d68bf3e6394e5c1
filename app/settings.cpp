#include "settings.h"

#include "endpoint.h"

#include <QSettings>

namespace {
const QString kTargetAddress = QStringLiteral("target/address");
const QString kTargetPort = QStringLiteral("target/port");
const QString kBindPort = QStringLiteral("listen/port");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kDraft = QStringLiteral("window/draft");

// A port stored as a decimal string (INI) or a number, within [minimum, 65535]; otherwise -1.
int storedPort(const QSettings &store, const QString &key, int minimum)
{
    const QVariant value = store.value(key);
    if (!value.isValid())
        return -1;
    bool ok = false;
    const int port = value.toString().trimmed().toInt(&ok);
    return ok && port >= minimum && port <= 65535 ? port : -1;
}
} // namespace

Settings::Settings(QSettings &store) : m_store(store) { }

QString Settings::targetAddress() const
{
    const QVariant value = m_store.value(kTargetAddress);
    if (value.typeId() != QMetaType::QString)
        return defaultTargetAddress();
    const QString text = value.toString();
    return EndpointParser::parseAddress(text).ok() ? text.trimmed() : defaultTargetAddress();
}

void Settings::setTargetAddress(const QString &address)
{
    m_store.setValue(kTargetAddress, address);
}

quint16 Settings::targetPort() const
{
    const int port = storedPort(m_store, kTargetPort, 1);
    return port < 0 ? DefaultPort : static_cast<quint16>(port);
}

void Settings::setTargetPort(quint16 port)
{
    m_store.setValue(kTargetPort, port);
}

quint16 Settings::bindPort() const
{
    const int port = storedPort(m_store, kBindPort, 0);
    return port < 0 ? DefaultPort : static_cast<quint16>(port);
}

void Settings::setBindPort(quint16 port)
{
    m_store.setValue(kBindPort, port);
}

QByteArray Settings::windowGeometry() const
{
    const QVariant value = m_store.value(kGeometry);
    return value.typeId() == QMetaType::QByteArray ? value.toByteArray() : QByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    m_store.setValue(kGeometry, geometry);
}

QByteArray Settings::windowState() const
{
    const QVariant value = m_store.value(kState);
    return value.typeId() == QMetaType::QByteArray ? value.toByteArray() : QByteArray();
}

void Settings::setWindowState(const QByteArray &state)
{
    m_store.setValue(kState, state);
}

QString Settings::draft() const
{
    const QVariant value = m_store.value(kDraft);
    if (value.typeId() != QMetaType::QString)
        return {};
    return value.toString().left(MaxDraftLength);
}

void Settings::setDraft(const QString &draft)
{
    if (draft.isEmpty())
        m_store.remove(kDraft);
    else
        m_store.setValue(kDraft, draft.left(MaxDraftLength));
}

bool Settings::save(QString *error)
{
    m_store.sync();
    // FormatError only says the file read at start was damaged; sync() has replaced it.
    if (m_store.status() != QSettings::AccessError)
        return true;
    if (error) {
        *error = tr("Settings could not be saved to %1 (no permission, or the disk is full).")
                         .arg(m_store.fileName());
    }
    return false;
}
