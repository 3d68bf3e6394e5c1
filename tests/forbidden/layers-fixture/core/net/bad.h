// Self-test input for layers.sh: the core may not reach up into the window.
#pragma once
#include "ui/mainwindow.h"
