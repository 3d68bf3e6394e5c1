#include "ui/common/messagemenu.h"

#include "core/chat/messagelistmodel.h"
#include "core/text/hexcodec.h"
#include "core/text/textcodec.h"
#include "ui/common/messagedelegate.h"

#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QPersistentModelIndex>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace {
constexpr int kBytesPerHexLine = 16;

// A non-modal, read-only text window over @p parent that deletes itself when closed.
QDialog *openTextDialog(QWidget *parent, const QString &name, const QString &title,
                        QPlainTextEdit *text, QWidget *above = nullptr)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(name);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    text->setParent(dialog);
    text->setReadOnly(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    if (above) {
        above->setParent(dialog);
        layout->addWidget(above);
    }
    layout->addWidget(text);
    layout->addWidget(buttons);
    return dialog;
}
} // namespace

MessageMenu::MessageMenu(QWidget *window) : QObject(window), m_window(window) { }

std::unique_ptr<QMenu> MessageMenu::createMenu(const QModelIndex &index)
{
    // Rows may arrive (or leave at the cap) while the menu is open: act on this very message.
    const QPersistentModelIndex row(index);
    auto menu = std::make_unique<QMenu>(m_window);
    menu->setObjectName(QStringLiteral("messageMenu"));
    connect(menu->addAction(tr("Show Whole Message\u2026")), &QAction::triggered, this,
            [this, row] {
                if (row.isValid())
                    showWholeMessage(row);
            });
    connect(menu->addAction(tr("Copy Text")), &QAction::triggered, this, [row] {
        if (row.isValid())
            QGuiApplication::clipboard()->setText(row.data(MessageListModel::TextRole).toString());
    });
    QAction *bytes = menu->addAction(tr("Show Bytes (Hex)\u2026"));
    bytes->setObjectName(QStringLiteral("showBytesAction"));
    connect(bytes, &QAction::triggered, this, [this, row] {
        if (row.isValid())
            showBytes(row);
    });
    if (!messageAt(index).isIncoming()) {
        addSentMenus(menu.get(), index);
        return menu;
    }
    connect(menu->addAction(tr("Reply to Sender")), &QAction::triggered, this, [this, row] {
        if (row.isValid())
            replyTo(row);
    });
    menu->addSeparator();
    const ChatMessage message = messageAt(index);
    QMenu *decodeMenu = menu->addMenu(tr("Decode As"));
    decodeMenu->setObjectName(QStringLiteral("decodeAsMenu"));
    for (const QString &name : TextCodec::availableEncodings()) {
        QAction *action = decodeMenu->addAction(name);
        action->setCheckable(true);
        action->setChecked(name == message.encoding);
        connect(action, &QAction::triggered, this, [this, row, name] {
            if (row.isValid())
                redecode(row, name);
        });
    }
    addPeerMenus(menu.get(), index);
    return menu;
}

void MessageMenu::addPeerMenus(QMenu *, const QModelIndex &) { }

void MessageMenu::addSentMenus(QMenu *, const QModelIndex &) { }

ChatMessage MessageMenu::messageAt(const QModelIndex &index)
{
    return index.data(MessageListModel::MessageRole).value<ChatMessage>();
}

void MessageMenu::replyTo(const QModelIndex &index)
{
    if (messageAt(index).isIncoming())
        replyToMessage(index);
}

bool MessageMenu::redecode(const QModelIndex &index, const QString &encoding)
{
    // The view's own model: a const index from it, changed through the model's API.
    auto *model = qobject_cast<MessageListModel *>(const_cast<QAbstractItemModel *>(index.model()));
    const ChatMessage message = messageAt(index);
    return model && message.isIncoming() && model->redecode(message.id, encoding);
}

QDialog *MessageMenu::showWholeMessage(const QModelIndex &index)
{
    // Plain text: the whole message, still with controls and bidi neutralised.
    auto *text = new QPlainTextEdit;
    text->setObjectName(QStringLiteral("wholeMessageText"));
    text->setPlainText(sanitizeForDisplay(index.data(MessageListModel::TextRole).toString(),
                                          DisplayLimits::unbounded())
                               .text);
    QDialog *dialog =
            openTextDialog(m_window, QStringLiteral("wholeMessageDialog"),
                           tr("Message \u2013 %1").arg(MessageDelegate::headerText(index)), text);
    dialog->resize(560, 400);
    dialog->show();
    return dialog;
}

QDialog *MessageMenu::showBytes(const QModelIndex &index)
{
    // The exact bytes, 16 to a line with their offset; only hex digits, so nothing remote can
    // be drawn as anything but itself.
    const QByteArray payload = index.data(MessageListModel::PayloadRole).toByteArray();
    QStringList lines;
    for (qsizetype offset = 0; offset < payload.size(); offset += kBytesPerHexLine) {
        lines.append(QStringLiteral("%1  %2")
                             .arg(offset, 4, 16, QLatin1Char('0'))
                             .arg(HexCodec::format(payload.mid(offset, kBytesPerHexLine), ' ')));
    }
    auto *summary = new QLabel;
    summary->setObjectName(QStringLiteral("bytesSummaryLabel"));
    summary->setTextFormat(Qt::PlainText);
    summary->setText(tr("%1 bytes; shown as text in %2")
                             .arg(payload.size())
                             .arg(index.data(MessageListModel::EncodingRole).toString()));
    auto *text = new QPlainTextEdit;
    text->setObjectName(QStringLiteral("bytesText"));
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setPlainText(lines.join(u'\n'));
    QDialog *dialog = openTextDialog(m_window, QStringLiteral("bytesDialog"),
                                     tr("Bytes \u2013 %1").arg(MessageDelegate::headerText(index)),
                                     text, summary);
    dialog->resize(520, 320);
    dialog->show();
    return dialog;
}
