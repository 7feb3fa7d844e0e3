/* wx-validate.h — shape checks for what people type at the front desk. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean wx_validate_phone    (const char  *text,
                               GError     **error);
gboolean wx_validate_email    (const char  *text,
                               GError     **error);
/* Whether `text` has anything besides white space. */
gboolean wx_validate_filled   (const char  *text);
gboolean wx_validate_required (const char  *text,
                               const char  *field_label,
                               gsize        max_chars,
                               GError     **error);
/* A date written YYYY-MM-DD that is not later than today (a purchase
 * date), with the sentences of the database's record_date and
 * device_purchase_future rules. */
gboolean wx_validate_past_date (const char  *text,
                                GError     **error);

G_END_DECLS
