#define G_LOG_DOMAIN "wx-error"

#include "wx-error.h"

G_DEFINE_QUARK (wx-core-error-quark, wx_core_error)
