/* wx-error.h — the core layer's error domain. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WX_CORE_ERROR (wx_core_error_quark ())

typedef enum {
  WX_CORE_ERROR_INVALID,   /* input that breaks a rule; the message says which */
} WxCoreError;

GQuark wx_core_error_quark (void);

G_END_DECLS
