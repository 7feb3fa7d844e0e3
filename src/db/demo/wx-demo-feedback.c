#define G_LOG_DOMAIN "wx-db-demo"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "wx-demo.h"

/* ------------------------------------------------------------------ today's visits
 *
 * Two on-site orders per demo engineer booked for the day of `now`, on the
 * half hours after it: the call logged this morning, dispatched, the
 * engineer's call to the customer and the booking, as the paper form and
 * the call log would show them — so the engineers' route lists are not
 * empty. Set-based, one statement. */
gboolean
wx_db_demo_visits_today (PGconn     *conn,
                         GDateTime  *now,
                         guint      *n_added,
                         GError    **error)
{
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) engineers = NULL;
  g_autofree char *list = NULL;
  g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, g_date_time_to_unix (now));
  const char *params[2] = { at, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (demo_staff); i++)
    if (demo_staff[i].roles & WX_ROLE_ENGINEER)
      g_strv_builder_add (b, demo_staff[i].role);
  engineers = g_strv_builder_end (b);
  list = g_strjoinv (",", engineers);
  params[1] = list;
  res = wx_db_query (conn,
    "WITH eng AS (SELECT e.login, e.k FROM unnest(string_to_array($2, ',')) WITH ORDINALITY AS e (login, k)"
    "              WHERE EXISTS (SELECT 1 FROM staff s WHERE s.role_name = e.login)),"
    " cust AS (SELECT c.*, row_number() OVER (ORDER BY c.id) AS k FROM customers c"
    "           WHERE c.address <> '' AND NOT c.is_contract AND coalesce(c.mobile, c.phone) IS NOT NULL"
    "           ORDER BY c.id LIMIT 8),"
    " desk AS (SELECT role_name FROM staff_roles WHERE 'wx_coordinator' = ANY (groups) ORDER BY role_name LIMIT 1),"
    " plan AS (SELECT e.login, c.id AS customer_id, c.unit_name, c.address, c.contact_person, c.mobile, c.phone,"
    "                 (ARRAY['激光打印机', '台式电脑', '喷墨打印机', '投影仪'])[((c.k - 1) / 4 + c.k - 1) % 4 + 1] AS product,"
    "                 (ARRAY['HP LaserJet Pro M404dn', 'Lenovo ThinkCentre M720t', 'Epson L3158', 'Epson CB-X06'])[((c.k - 1) / 4 + c.k - 1) % 4 + 1] AS model,"
    "                 (ARRAY['卡纸，打印有竖黑线', '开机无显示，主机灯亮', '不进纸，进纸时有异响', '画面偏暗，风扇噪音大'])[((c.k - 1) / 4 + c.k - 1) % 4 + 1] AS fault,"
    "                 to_timestamp($1::bigint) - interval '3 hours' + c.k * interval '10 minutes' AS received,"
    "                 date_trunc('hour', to_timestamp($1::bigint)) + (c.k + 1) * interval '30 minutes' AS appointment"
    "            FROM eng e JOIN cust c ON (c.k - 1) % (SELECT count(*) FROM eng) + 1 = e.k),"
    " o AS (INSERT INTO service_orders (number, kind, state, customer_id, unit_name, unit_address, contact_person,"
    "                                   contact_mobile, contact_phone, product_name, model, reported_fault,"
    "                                   received_by, received_at, owner_role, engineer, dispatched_at, appointment_at,"
    "                                   created_at, updated_at, updated_by)"
    "       SELECT wx_next_order_number(p.received), 'on_site', 'appointment_booked', p.customer_id, p.unit_name,"
    "              p.address, p.contact_person, p.mobile, p.phone, p.product, p.model, p.fault,"
    "              d.role_name, p.received, d.role_name, p.login, p.received + interval '10 minutes', p.appointment,"
    "              p.received, p.received + interval '16 minutes', p.login"
    "         FROM plan p CROSS JOIN desk d"
    "       RETURNING id, customer_id, engineer, received_at, appointment_at, unit_address, contact_person,"
    "                 coalesce(contact_mobile, contact_phone) AS phone, received_by),"
    " ev AS (INSERT INTO order_events (order_id, at, actor, event, from_state, to_state, payload)"
    "        SELECT o.id, o.received_at + s.after, CASE WHEN s.by_engineer THEN o.engineer ELSE o.received_by END,"
    "               s.event, s.from_state, s.to_state,"
    "               CASE s.event WHEN 'dispatch_onsite' THEN jsonb_build_object('engineer', o.engineer)"
    "                            WHEN 'book_visit' THEN jsonb_build_object('appointment_at',"
    "                              to_char(o.appointment_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"
    "                            ELSE '{}'::jsonb END"
    "          FROM o CROSS JOIN (VALUES"
    "            ('call_logged', NULL, 'call_logged', interval '0', false),"
    "            ('dispatch_onsite', 'call_logged', 'onsite_dispatched', interval '10 minutes', false),"
    "            ('contact_customer', 'onsite_dispatched', 'onsite_dispatched', interval '15 minutes', true),"
    "            ('book_visit', 'onsite_dispatched', 'appointment_booked', interval '16 minutes', true))"
    "            AS s (event, from_state, to_state, after, by_engineer)),"
    " ca AS (INSERT INTO calls (at, direction, purpose, customer_id, order_id, contact, phone, subject, result,"
    "                           reached, answered_by, actor)"
    "        SELECT o.received_at + interval '15 minutes', 'outbound', 'appointment', o.customer_id, o.id,"
    "               o.contact_person, o.phone, '预约上门', '已约好上门时间，请用户准备好机器', true, o.contact_person, o.engineer"
    "          FROM o)"
    " INSERT INTO visits (order_id, engineer, contacted_at, appointment_at, address, contact, phone)"
    " SELECT o.id, o.engineer, o.received_at + interval '15 minutes', o.appointment_at, o.unit_address,"
    "        o.contact_person, o.phone FROM o RETURNING id", 2, params, error);
  if (res == NULL)
    return FALSE;
  if (n_added)
    *n_added = (guint) PQntuples (res);
  return TRUE;
}

/* ------------------------------------------------------------------ the supervisor's feedback
 *
 * The callback lists of the last eight weeks as the sweep would have made
 * them week by week, those due before the last two days done by the
 * supervisor (周敏) with the customer's answers and a score; two hotline
 * cases of yesterday and this morning; a complaint in progress (two steps)
 * and one closed; the automatic escalations as of `now`, and one manual
 * escalation resolved. Owner only (it writes who and when). */
gboolean
wx_db_demo_feedback (PGconn     *conn,
                     GDateTime  *now,
                     GError    **error)
{
  g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, g_date_time_to_unix (now));
  const char *params[] = { at };
  static const char * const steps[] = {
    /* Callbacks: eight weekly generations up to now. */
    "SELECT wx_callbacks_generate_at(to_timestamp($1::bigint) - w * interval '7 days')"
    "  FROM generate_series(8, 0, -1) AS w",
    /* A hotline case with a reply promised yesterday, and phone guidance this morning. */
    "WITH c AS (SELECT id, unit_name, contact_person, coalesce(mobile, phone) AS phone FROM customers"
    "            WHERE coalesce(mobile, phone) IS NOT NULL ORDER BY id LIMIT 2)"
    " INSERT INTO calls (at, direction, purpose, customer_id, contact, phone, machine, subject, result, promised_reply_at, actor)"
    " SELECT to_timestamp($1::bigint) - CASE WHEN k = 1 THEN interval '20 hours' ELSE interval '3 hours' END,"
    "        'inbound', 'request', c.id, c.contact_person, c.phone,"
    "        CASE WHEN k = 1 THEN 'HP LaserJet Pro M404dn' ELSE 'Epson L3158' END,"
    "        CASE WHEN k = 1 THEN '打印机偶尔报错 49' ELSE '打印有横纹' END,"
    "        CASE WHEN k = 1 THEN '需查资料，答应明天回复' ELSE '指导用户做喷头清洗两次' END,"
    "        CASE WHEN k = 1 THEN to_timestamp($1::bigint) - interval '2 hours' END, 'zhang_wei'"
    "   FROM (SELECT c.*, row_number() OVER (ORDER BY c.id) AS k FROM c) c",
    "SELECT wx_callbacks_generate_at(to_timestamp($1::bigint))",
    /* The callbacks made: all due more than two days ago. */
    "UPDATE callbacks SET done_at = due_at + (id % 5) * interval '20 minutes', actor = 'zhou_min', reached = true,"
    "       machine_working = id % 11 <> 0, weak_response = id % 4 = 0, weak_repair_time = id % 6 = 1,"
    "       weak_attitude = id % 13 = 2, weak_quote_speed = id % 7 = 3, engineer_explained = id % 5 <> 0,"
    "       satisfaction = CASE WHEN id % 11 = 0 THEN 2 WHEN id % 4 = 0 THEN 3 WHEN id % 3 = 0 THEN 4 ELSE 5 END,"
    "       comments = CASE WHEN id % 11 = 0 THEN '机器又出现同样的问题，已转主管处理'"
    "                       WHEN id % 4 = 0 THEN '希望上门再快一点' ELSE '' END"
    " WHERE done_at IS NULL AND due_at < to_timestamp($1::bigint) - interval '2 days'",
    /* One not reached yet: to call again this afternoon. */
    "UPDATE callbacks SET reached = false, attempts = 1, actor = 'zhou_min', comments = '客户在开会',"
    "       call_again_at = to_timestamp($1::bigint) + interval '2 hours'"
    " WHERE id = (SELECT min(id) FROM callbacks WHERE done_at IS NULL AND kind = 'weekly')",
    /* Complaints: one closed with its five steps, one in progress. */
    "WITH o AS (SELECT id, customer_id, picked_up_at, row_number() OVER (ORDER BY picked_up_at DESC, id) AS k"
    "             FROM service_orders WHERE picked_up_at < to_timestamp($1::bigint) - interval '1 day'"
    "            ORDER BY picked_up_at DESC, id LIMIT 2)"
    " INSERT INTO complaints (customer_id, order_id, received_at, received_by, description)"
    " SELECT o.customer_id, o.id, o.picked_up_at + interval '1 day', 'zhou_min',"
    "        CASE WHEN o.k = 1 THEN '取机时等了四十分钟，工程师不在，客户很不满'"
    "             ELSE '修好后第二天又卡纸，客户要求换机' END"
    "   FROM o ORDER BY o.k",
    "INSERT INTO complaint_steps (complaint_id, step, at, actor, note, escalated)"
    " SELECT k.id, s.step, k.received_at + s.step * interval '30 minutes', 'zhou_min', s.note,"
    "        s.step = 3 AND k.description LIKE '修好后%'"
    "   FROM complaints k CROSS JOIN (VALUES (1, '耐心听完客户陈述，代表公司致歉'), (2, '客户最担心以后再取机还要等'),"
    "                             (3, '取机前先电话确认工程师在店；本次免上门费'), (4, '电话告知处理办法，客户认同'),"
    "                             (5, '回访：客户表示满意')) AS s (step, note)"
    "  WHERE k.closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM complaint_steps x WHERE x.complaint_id = k.id)"
    "    AND (k.description LIKE '修好后%' OR s.step <= 2) AND k.received_at < to_timestamp($1::bigint)"
    "  ORDER BY k.id, s.step",
    "UPDATE complaints SET closed_at = received_at + interval '3 days', outcome = '免费更换搓纸轮并上门调试，客户满意'"
    " WHERE closed_at IS NULL AND description LIKE '修好后%' AND received_at < to_timestamp($1::bigint)",
    /* Escalations: the automatic ones as of now, and a manual one resolved. */
    "SELECT wx_escalate_undiagnosed_at(to_timestamp($1::bigint)), wx_escalate_overdue_parts_at(to_timestamp($1::bigint)),"
    "       wx_escalate_late_decisions_at(to_timestamp($1::bigint))",
    "WITH o AS (SELECT id FROM service_orders WHERE state = 'archived' ORDER BY id DESC LIMIT 1)"
    " INSERT INTO escalations (order_id, at, trigger, reason, raised_by, resolved_at, resolved_by, resolution)"
    " SELECT o.id, to_timestamp($1::bigint) - interval '6 days', 'manual', '缺少该型号的维修手册', 'li_qiang',"
    "        to_timestamp($1::bigint) - interval '5 days', 'zhou_min', '向厂家索取了维修手册，已发给李强' FROM o",
  };

  if (!wx_db_begin (conn, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!wx_db_execute (conn, steps[i], 1, params, error))
      {
        wx_db_rollback (conn);
        return FALSE;
      }
  return wx_db_commit (conn, error);
}

