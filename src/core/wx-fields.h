/* wx-fields.h — the fields people type on the service form and in the call
 * log, by the name the database functions use (wx_intake's keys, the order's
 * columns that wx_amend corrects, wx_call_log's keys): their labels, and the
 * sentences that refuse them. Core's checks and the database's rules
 * (SQLSTATE WX400, CONSTRAINT wx_field_*, DETAIL {"field", "max"}) say the
 * same sentence because both are made here. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The field's label in the user's language; NULL when the name is unknown. */
const char *wx_field_label          (const char *field);

/* The sentence of rule `rule` (wx_field_required, wx_field_length,
 * wx_field_text, wx_field_boolean, wx_field_integer, wx_field_list,
 * wx_field_unknown, wx_field_not_amendable) for `field`, at most `max`
 * characters long; NULL when `rule` is none of them. */
char       *wx_field_rule_sentence  (const char *rule,
                                     const char *field,
                                     gint64      max);

G_END_DECLS
