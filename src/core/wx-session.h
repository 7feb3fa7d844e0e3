/* wx-session.h — which window ("desk") a user works at: the front desk for
 * a coordinator, the bench for an engineer, the supervisor's desk; a user
 * with several roles chooses. */
#pragma once

#include <glib.h>

#include "wx-types.h"

G_BEGIN_DECLS

/* The desks a user with `roles` may open (coordinator, engineer,
 * supervisor bits; the admin group opens none by itself). */
WxRole   wx_session_desks         (WxRole        roles);

/* The desk to open for a user with `roles`: the one asked for by name
 * (`requested`: coordinator, engineer or supervisor; NULL = none), else the
 * only desk the user has. WX_ROLE_NONE without an error when the user must
 * choose among several; WX_ROLE_NONE with a sentence when the name is
 * unknown, the user does not hold that role, or holds no shop role. */
WxRole   wx_session_desk_for      (const char   *login,
                                   WxRole        roles,
                                   const char   *requested,
                                   GError      **error);

G_END_DECLS
