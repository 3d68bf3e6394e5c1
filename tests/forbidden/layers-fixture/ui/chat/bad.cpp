// Self-test input for layers.sh: a ui feature may not include another feature.
#include "ui/history/historydocks.h"
