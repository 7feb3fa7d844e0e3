/* wx-admin-messages.c — `weixiu-admin messages send [--once | --loop]`,
 * `messages list [NUMBER]`, `messages resend ID` and `messages secret
 * smtp.password|sms.access_key_secret` (the value on standard input,
 * never in argv). */
#define G_LOG_DOMAIN "weixiu-admin"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "db/wx-db.h"
#include "wx-admin.h"
#include "wx-messages-send.h"

static int
messages_send (WxAdmin *admin, PGconn *conn)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sender = g_strdup_printf ("%s:%d", g_get_host_name (), (int) getpid ());
  gboolean loop = wx_admin_flag (admin, "--loop");

  do
    {
      WxMessagesSendStats stats = { 0 };

      if (!wx_messages_send_due (conn, sender, 0, &stats, &error))
        return wx_admin_fail (error);
      g_print (_("Messages: %u sent, %u to retry, %u failed, %u unknown.\n"),
               stats.sent, stats.retried, stats.failed, stats.unknown);
      if (loop)
        g_usleep (30 * G_USEC_PER_SEC);
    }
  while (loop);
  return EXIT_SUCCESS;
}

static int
messages_list (WxAdmin *admin, PGconn *conn)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = NULL;
  const char *number = admin->args->len > 1 ? wx_admin_arg (admin, 1) : NULL;
  const char *params[] = { number };

  res = wx_db_query (conn,
    "SELECT m.id, coalesce(o.number, ''), m.kind, m.channel, m.recipient, m.state, m.attempts,"
    "       to_char(m.due_at, 'YYYY-MM-DD HH24:MI'), m.last_error"
    "  FROM messages m LEFT JOIN service_orders o ON o.id = m.order_id"
    " WHERE $1::text IS NULL OR o.number = $1 ORDER BY m.id", 1, params, &error);
  if (res == NULL)
    return wx_admin_fail (error);
  for (int i = 0; i < PQntuples (res); i++)
    g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", PQgetvalue (res, i, 0), PQgetvalue (res, i, 1),
             PQgetvalue (res, i, 2), PQgetvalue (res, i, 3), PQgetvalue (res, i, 4), PQgetvalue (res, i, 5),
             PQgetvalue (res, i, 6), PQgetvalue (res, i, 7), PQgetvalue (res, i, 8));
  return EXIT_SUCCESS;
}

int
wx_admin_cmd_messages (WxAdmin *admin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  const char *sub = admin->args->len > 0 ? wx_admin_arg (admin, 0) : "";

  if (!(g_str_equal (sub, "send") && admin->args->len == 1)
      && !(g_str_equal (sub, "list") && admin->args->len <= 2)
      && !(g_str_equal (sub, "resend") && admin->args->len == 2)
      && !(g_str_equal (sub, "secret") && admin->args->len == 2))
    return wx_admin_usage_error (_("Use “messages send [--once | --loop]”, “messages list [NUMBER]”, “messages resend ID” or “messages secret KEY” (the value on standard input)."));
  conn = wx_admin_connect (admin, &error);
  if (conn == NULL)
    return wx_admin_fail (error);
  if (g_str_equal (sub, "send"))
    return messages_send (admin, conn);
  if (g_str_equal (sub, "list"))
    return messages_list (admin, conn);
  if (g_str_equal (sub, "resend"))
    {
      const char *params[] = { wx_admin_arg (admin, 1) };

      if (!wx_db_execute (conn, "SELECT wx_message_resend($1::bigint)", 1, params, &error))
        return wx_admin_fail (error);
      return EXIT_SUCCESS;
    }
  {
    char line[512];
    const char *params[2] = { wx_admin_arg (admin, 1), NULL };

    if (fgets (line, sizeof line, stdin) == NULL)
      return wx_admin_usage_error (_("Give the secret's value on standard input."));
    g_strchomp (line);
    params[1] = line;
    if (!wx_db_execute (conn, "SELECT wx_message_secret_set($1, $2)", 2, params, &error))
      return wx_admin_fail (error);
  }
  return EXIT_SUCCESS;
}
