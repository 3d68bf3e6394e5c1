#pragma once

#include "core/net/endpoint.h"
#include "core/net/repeatsender.h"
#include "ui/common/adaptiverows.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class ChatSession;
class QLabel;
class QToolButton;

namespace Ui {
class Composer;
}

/// The plain chat's message box and what belongs to it: Send, the encodings, the size of the
/// datagram in the chosen encoding (with the limit for the target), Repeat, and the reason a
/// message was not sent. It never clears what was typed on its own.
class Composer : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Composer)
public:
    /// @p session must outlive the composer.
    explicit Composer(ChatSession &session, QWidget *parent = nullptr);
    ~Composer() override;

    /// Exactly what was typed.
    QString text() const;
    /// Replaces the text (e.g. the draft at start-up), cursor at the end.
    void setText(const QString &text);
    void clearText();
    /// Where Send and Repeat go; the byte counter and the send encoding follow it.
    void setTarget(const std::optional<Endpoint> &target);
    /// The send encoding shown (the one remembered for the target, or the default).
    void showSendEncoding(const QString &name);
    /// The reason the last message was not sent, beside the box; empty hides it.
    void showSendError(const QString &sentence);
    void focusMessage();
    /// Shows the bytes about to be sent, in hex, under the message box.
    void setBytesShown(bool shown);
    /// The message box and Send, for the tab order.
    QWidget *messageField() const;
    QWidget *sendField() const;

    /// The width of its two-row form: what the window needs on a narrow screen.
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /// Enter or Send: the user wants to send text().
    void submitted();
    /// The user paused typing: text() is worth saving as the draft.
    void draftPaused();
    /// The user chose an encoding for sending or receiving.
    void sendEncodingChosen(const QString &name);
    void receiveEncodingChosen(const QString &name);
    /// The user showed or hid the bytes about to be sent.
    void bytesShownChanged(bool shown);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void retranslate();
    void setUpEncodings();
    void setUpBytesPreview();
    void connectControls();
    void updateSendEnabled();
    void updateByteCount();
    void updateBytesPreview(const QByteArray &bytes);
    void toggleRepeat(bool start);
    void sendRepeated(const QString &text);
    void updateRepeatState();

    std::unique_ptr<Ui::Composer> m_ui;
    std::unique_ptr<AdaptiveRows> m_rows;
    QToolButton *m_bytesButton = nullptr;
    QLabel *m_bytesPreview = nullptr;
    ChatSession &m_session;
    std::optional<Endpoint> m_target;
    QTimer m_draftTimer;
    RepeatSender m_repeat;
    Endpoint m_repeatTarget;
};
