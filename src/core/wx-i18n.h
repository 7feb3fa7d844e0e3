/* wx-i18n.h — gettext set-up shared by the app, the CLI and the tests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void wx_i18n_init (void);

G_END_DECLS
