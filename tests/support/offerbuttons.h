#pragma once

#include "core/config/commandline.h"
#include "ui/ipmsg/offeractions.h"

#include <QString>

class IpMsgPanel;

/// The command line main() gets for the window in IP Messenger mode on the profile @p profile
/// under the nickname @p nickname (the window as users get it, broadcasting on the LAN).
CommandLine::Result ipmsgWindowOptions(const QString &profile, const QString &nickname);

/// Clicks the button of @p action in the bubble of row @p id of @p panel's conversation, as a
/// user would: a left click at the middle of the button where the bubble paints it. False, with
/// @p why, when the row is not shown or its bubble has no such button where it should be.
bool clickOfferButton(IpMsgPanel &panel, quint64 id, OfferActions::Action action,
                      QString *why = nullptr);
