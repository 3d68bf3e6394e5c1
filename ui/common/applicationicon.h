#pragma once

class QIcon;

/// The udpchat icon in every size the window system draws it at (16 to 128 px); larger ones come
/// from the installed icon theme.
QIcon applicationIcon();
