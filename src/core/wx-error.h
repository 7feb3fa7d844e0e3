/* wx-error.h — the core layer's error domain. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WX_CORE_ERROR (wx_core_error_quark ())

typedef enum {
  WX_CORE_ERROR_INVALID,      /* input that breaks a rule; the message says which */
  WX_CORE_ERROR_NOT_ALLOWED,  /* a step the workflow does not have from this state */
  WX_CORE_ERROR_DENIED,       /* a step the user's role may not take */
  WX_CORE_ERROR_MISSING,      /* a step whose required data is missing */
} WxCoreError;

GQuark wx_core_error_quark (void);
char  *wx_error_echo       (const char *value);

G_END_DECLS
