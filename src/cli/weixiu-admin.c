/* weixiu-admin — set up and look after a Weixiu database from the command line.
 * Uses core, db and print; never gui. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <stdio.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "core/wx-i18n.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-backup.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-migrate.h"
#include "db/wx-db-orders.h"
#include "db/wx-db-server.h"
#include "db/wx-db-staff.h"
#include "wx-admin.h"

static int
cmd_init (WxAdmin *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;

  if (o->args->len != 0)
    return wx_admin_usage_error (_("This command takes no arguments."));
  conn = wx_admin_connect (o, &error);
  if (conn == NULL || !wx_db_init (conn, &error))
    return wx_admin_fail (error);
  g_print (_("Initialised: schema version %d.\n"), wx_db_migrations_latest ());
  return EXIT_SUCCESS;
}

static int
cmd_migrate (WxAdmin *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  int applied = 0;

  if (o->args->len != 0)
    return wx_admin_usage_error (_("This command takes no arguments."));
  conn = wx_admin_connect (o, &error);
  if (conn == NULL || !wx_db_migrate (conn, &applied, &error))
    return wx_admin_fail (error);
  if (applied == 0)
    g_print (_("Already up to date: schema version %d.\n"), wx_db_migrations_latest ());
  else
    g_print (ngettext ("Applied %d migration: schema version %d.\n",
                       "Applied %d migrations: schema version %d.\n", applied),
             applied, wx_db_migrations_latest ());
  return EXIT_SUCCESS;
}

static int
cmd_status (WxAdmin *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  gint64 counts[WX_N_ORDER_STATES];
  gint64 folders[WX_N_FOLDERS];
  gint64 total = 0;
  guint n_states;
  const WxStateInfo *states = wx_workflow_states (&n_states);
  int version;

  if (o->args->len != 0)
    return wx_admin_usage_error (_("This command takes no arguments."));
  conn = wx_admin_connect (o, &error);
  if (conn == NULL)
    return wx_admin_fail (error);
  version = wx_db_schema_version (conn, &error);
  if (version < 0)
    return wx_admin_fail (error);
  g_print (_("Schema version: %d (this program knows %d)\n"), version, wx_db_migrations_latest ());
  if (version == 0)
    {
      g_print (_("The database is empty; run “weixiu-admin init”.\n"));
      return EXIT_SUCCESS;
    }
  if (!wx_db_orders_count_by_state (conn, counts, &error))
    return wx_admin_fail (error);
  wx_workflow_count_folders (counts, folders);

  g_print ("\n%s\n", _("Orders per state:"));
  for (guint i = 0; i < n_states; i++)
    {
      g_print ("  %-20s %8" G_GINT64_FORMAT "  %s\n", states[i].code, counts[i], _(states[i].label));
      total += counts[i];
    }
  g_print ("  %-20s %8" G_GINT64_FORMAT "\n", _("total"), total);

  g_print ("\n%s\n", _("Orders per folder:"));
  for (guint f = 0; f < WX_N_FOLDERS; f++)
    g_print ("  %-20s %8" G_GINT64_FORMAT "  %s\n", wx_folder_to_code (f), folders[f], wx_folder_label (f));
  return EXIT_SUCCESS;
}

static char *
read_password_stdin (GError **error)
{
  char buf[1024];
  gsize len;

  if (fgets (buf, sizeof buf, stdin) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("--password-stdin was given but no password came on standard input."));
      return NULL;
    }
  len = strlen (buf);
  while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
    buf[--len] = '\0';
  if (len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The password is empty."));
      return NULL;
    }
  return g_strdup (buf);
}

static int
cmd_user (WxAdmin *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  const char *sub = o->args->len > 0 ? g_ptr_array_index (o->args, 0) : NULL;

  if (g_strcmp0 (sub, "add") == 0)
    {
      WxRole roles = WX_ROLE_NONE;
      g_autofree char *password = NULL;
      const char *user;
      GPtrArray *role_names = wx_admin_values (o, "--role");

      if (o->args->len != 2)
        return wx_admin_usage_error (_("“user add” takes one user name, e.g. weixiu-admin user add zhangsan --role engineer."));
      user = g_ptr_array_index (o->args, 1);
      if (role_names == NULL)
        return wx_admin_usage_error (_("Give at least one --role: coordinator, engineer, supervisor or admin."));
      for (guint i = 0; i < role_names->len; i++)
        {
          WxRole r;
          if (!wx_role_from_name (g_ptr_array_index (role_names, i), &r))
            {
              g_autofree char *msg = g_strdup_printf (_("Unknown role “%s”: use coordinator, engineer, supervisor or admin."),
                                                      (char *) g_ptr_array_index (role_names, i));
              return wx_admin_usage_error (msg);
            }
          roles |= r;
        }
      if (wx_admin_flag (o, "--password-stdin") && (password = read_password_stdin (&error)) == NULL)
        return wx_admin_fail (error);
      conn = wx_admin_connect (o, &error);
      if (conn == NULL || !wx_db_staff_add (conn, user, wx_admin_value (o, "--name"), roles, password, &error))
        return wx_admin_fail (error);
      g_print (_("Added %s.\n"), user);
      return EXIT_SUCCESS;
    }
  if (g_strcmp0 (sub, "list") == 0 && o->args->len == 1)
    {
      g_autoptr(PGresult) res = NULL;

      conn = wx_admin_connect (o, &error);
      if (conn == NULL || (res = wx_db_staff_list (conn, &error)) == NULL)
        return wx_admin_fail (error);
      for (int i = 0; i < PQntuples (res); i++)
        g_print ("%-20s %-12s %s%s\n", PQgetvalue (res, i, 0), PQgetvalue (res, i, 1), PQgetvalue (res, i, 2),
                 g_str_equal (PQgetvalue (res, i, 3), "t") ? "" : _(" (inactive)"));
      return EXIT_SUCCESS;
    }
  return wx_admin_usage_error (_("Use “user add NAME --role ROLE” or “user list”."));
}

/* A line on standard error that says how far a long load got, rewritten
 * in place on a terminal. */
typedef struct {
  gint64   started;
  gboolean shown;
} DemoProgress;

static void
demo_progress_cb (guint done, guint total, gpointer user_data)
{
  DemoProgress *p = user_data;
  double seconds = (double) (g_get_monotonic_time () - p->started) / G_USEC_PER_SEC;
  gboolean tty = isatty (STDERR_FILENO);

  if (done < total)
    g_printerr (_("demo: %u of %u orders written (%.1f s)%s"), done, total, seconds, tty ? "\r" : "\n");
  else
    g_printerr (_("demo: %u orders written, building indexes and checking keys (%.1f s)%s"),
                total, seconds, tty ? "\r" : "\n");
  p->shown = TRUE;
}

static int
cmd_demo (WxAdmin *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *scale = wx_admin_value (o, "--scale");
  const char *shape_code = wx_admin_value (o, "--shape");
  WxDbDemoShape shape = WX_DB_DEMO_SHAPE_CHAIN;
  DemoProgress progress = { g_get_monotonic_time (), FALSE };
  guint64 n = 240;
  guint today, added = 0;

  if (o->args->len != 0)
    return wx_admin_usage_error (_("“demo” takes no arguments besides --scale N and --shape SHAPE."));
  if (scale && !g_ascii_string_to_unsigned (scale, 10, 1, 10000000, &n, NULL))
    return wx_admin_usage_error (_("--scale takes a whole number of orders from 1 to 10000000."));
  if (shape_code && !wx_db_demo_shape_from_code (shape_code, &shape))
    return wx_admin_usage_error (_("--shape takes shop, chain or backlog."));
  conn = wx_admin_connect (o, &error);
  if (conn == NULL)
    return wx_admin_fail (error);
  if (wx_admin_flag (o, "--if-empty"))
    {
      g_autofree char *any = wx_db_query_value (conn, "SELECT EXISTS (SELECT 1 FROM service_orders)", 0, NULL, &error);
      if (any == NULL)
        return wx_admin_fail (error);
      if (g_str_equal (any, "t"))
        return EXIT_SUCCESS;
    }
  /* Of the N, a few are on-site visits booked for today (the engineers' routes). */
  today = n >= 5 * WX_DB_DEMO_VISITS_TODAY ? WX_DB_DEMO_VISITS_TODAY : 0;
  /* The progress line only for loads that take a while. */
  if (!wx_db_demo_load_shaped (conn, (guint) (n - today), now, shape,
                               n >= 10000 ? demo_progress_cb : NULL, &progress, &error) ||
      (today > 0 && !wx_db_demo_visits_today (conn, now, &added, &error)))
    return wx_admin_fail (error);
  if (progress.shown)
    g_printerr (_("demo: the callback lists and escalations (%.1f s)%s"),
                (double) (g_get_monotonic_time () - progress.started) / G_USEC_PER_SEC,
                isatty (STDERR_FILENO) ? "\r" : "\n");
  if (!wx_db_demo_feedback (conn, now, &error))
    return wx_admin_fail (error);
  if (progress.shown && isatty (STDERR_FILENO))
    g_printerr ("\n");
  n = n - today + added;
  g_print (ngettext ("Added %u demo order.\n", "Added %u demo orders.\n", (gulong) n), (guint) n);
  return EXIT_SUCCESS;
}

static int
cmd_backup_restore (WxAdmin *o, gboolean backup)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  const char *file;

  if (o->args->len != 1)
    return wx_admin_usage_error (backup ? _("“backup” takes one file name.") : _("“restore” takes one file name."));
  file = g_ptr_array_index (o->args, 0);
  if (!backup && wx_admin_uses_private_server (o))
    {
      g_autofree char *kept = NULL;

      if (!wx_db_server_restore (file, &kept, &error))
        return wx_admin_fail (error);
      g_print (_("Restored %s; the data it replaced is kept as database %s.\n"), file, kept);
      return EXIT_SUCCESS;
    }
  conninfo = wx_admin_conninfo (o, &error);
  if (conninfo == NULL)
    return wx_admin_fail (error);
  if (backup ? !wx_db_backup (conninfo, file, &error) : !wx_db_restore (conninfo, file, &error))
    return wx_admin_fail (error);
  g_print (backup ? _("Backup written to %s.\n") : _("Restored %s.\n"), file);
  return EXIT_SUCCESS;
}

static int
cmd_server (WxAdmin *o)
{
  g_autoptr(GError) error = NULL;
  const char *sub = o->args->len >= 1 ? g_ptr_array_index (o->args, 0) : "";
  g_autofree char *data_dir = wx_db_server_data_dir ();

  if (g_str_equal (sub, "setup"))
    return wx_admin_cmd_server_setup (o);
  if (o->args->len != 1 || g_hash_table_size (o->options) > 0)
    sub = "";

  if (g_str_equal (sub, "start"))
    {
      g_autofree char *conninfo = wx_db_server_ensure (WX_DB_SERVER_AS_USER, NULL, &error);
      if (conninfo == NULL)
        return wx_admin_fail (error);
      g_print ("%s\n", conninfo);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (sub, "stop"))
    {
      if (!wx_db_server_stop (&error))
        return wx_admin_fail (error);
      g_print (_("The private server in %s is stopped.\n"), data_dir);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (sub, "status"))
    {
      g_autofree char *conninfo = NULL;
      if (wx_db_server_running (WX_DB_SERVER_AS_USER, &conninfo))
        g_print (_("Running: %s\n"), conninfo);
      else
        g_print (_("Not running (data in %s).\n"), data_dir);
      return EXIT_SUCCESS;
    }
  return wx_admin_usage_error (_("Use “server setup”, “server start”, “server stop” or “server status”."));
}

static const char usage_head[] = N_("Usage: weixiu-admin [--db CONNINFO] COMMAND [ARGS]\n\nCommands:\n");
static const char usage_foot[] =
  N_("Without --db, the PG* environment variables are used when PGHOST, PGDATABASE or\n"
     "PGSERVICE is set; otherwise the private local server is started.\n");

static const WxAdminOption no_options[] = { { NULL } };
static const WxAdminOption user_options[] = {
  { "--role", TRUE }, { "--name", TRUE }, { "--password-stdin", FALSE }, { NULL }
};
static const WxAdminOption order_options[] = {
  { "--kind", TRUE }, { "--unit", TRUE }, { "--address", TRUE }, { "--contact", TRUE },
  { "--phone", TRUE }, { "--product", TRUE }, { "--model", TRUE }, { "--serial", TRUE },
  { "--fault", TRUE }, { "--accessories", TRUE }, { "--warranty", TRUE },
  { "--data", TRUE }, { "--json", FALSE }, { "--set", TRUE }, { "--version", TRUE }, { NULL }
};
static const WxAdminOption payment_options[] = {
  { "--method", TRUE }, { "--reference", TRUE }, { "--note", TRUE }, { "--reason", TRUE }, { "--limit", TRUE },
  { "--keep-excess", FALSE }, { NULL }
};
static const WxAdminOption invoice_options[] = {
  { "--kind", TRUE }, { "--number", TRUE }, { "--date", TRUE }, { "--title", TRUE }, { "--tax-number", TRUE },
  { "--amount", TRUE }, { "--tax", TRUE }, { "--reason", TRUE }, { NULL }
};
static const WxAdminOption cash_options[] = { { "--reason", TRUE }, { NULL } };
static const WxAdminOption collections_options[] = {
  { "--day", TRUE }, { "--result", TRUE }, { "--next", TRUE }, { "--promised", TRUE }, { "--chaser", TRUE }, { NULL }
};
static const WxAdminOption statement_options[] = {
  { "-o", TRUE }, { "--note", TRUE }, { "--printed", FALSE }, { "--email", FALSE }, { NULL }
};
static const WxAdminOption board_options[] = { { "--json", FALSE }, { NULL } };
static const WxAdminOption sla_options[] = { { "--from", TRUE }, { "--target", FALSE }, { NULL } };
static const WxAdminOption bench_options[] = { { "--scale", TRUE }, { "--shape", TRUE }, { NULL } };
static const WxAdminOption demo_options[] = { { "--scale", TRUE }, { "--shape", TRUE }, { "--if-empty", FALSE }, { NULL } };
static const WxAdminOption calendar_options[] = { { "--name", TRUE }, { "--hours", TRUE }, { NULL } };
static const WxAdminOption print_options[] = { { "-o", TRUE }, { "--layout", TRUE }, { NULL } };
static const WxAdminOption messages_options[] = { { "--once", FALSE }, { "--loop", FALSE }, { NULL } };
static const WxAdminOption report_options[] = {
  { "-o", TRUE }, { "--csv", FALSE }, { "--week", TRUE }, { "--month", TRUE }, { NULL }
};

static const WxAdminOption server_options[] = {
  { "--name", TRUE }, { "--network", TRUE }, { "--listen", TRUE }, { "--cert-dir", TRUE }, { "--ca-cert", TRUE },
  { "--ca-key", TRUE }, { "--server-cert", TRUE }, { "--server-key", TRUE }, { "--database", TRUE },
  { "--cluster", TRUE }, { "--standby", TRUE }, { "--data-dir", TRUE }, { "--server-options", TRUE }, { NULL }
};
static const WxAdminOption jobs_options[] = {
  { "--once", FALSE }, { "--at", TRUE }, { "--backup-dir", TRUE }, { NULL }
};
static const WxAdminOption records_options[] = {
  { "--set", TRUE }, { "--version", TRUE }, { "--search", TRUE }, { "--supplier", TRUE }, { "--cost", TRUE },
  { "--order", TRUE }, { "--note", TRUE }, { "--reason", TRUE }, { "--dry-run", FALSE }, { NULL }
};

static int
cmd_backup (WxAdmin *o)
{
  return cmd_backup_restore (o, TRUE);
}

static int
cmd_restore (WxAdmin *o)
{
  return cmd_backup_restore (o, FALSE);
}

static const WxAdminCommand commands[] = {
  { "init",    no_options,   cmd_init,
    N_("  init                          create the roles and the schema in an empty database\n") },
  { "migrate", no_options,   cmd_migrate,
    N_("  migrate                       apply new migrations (running it twice changes nothing)\n") },
  { "status",  no_options,   cmd_status,
    N_("  status                        schema version and orders per state and folder\n") },
  { "user",    user_options, cmd_user,
    N_("  user add NAME --role ROLE [--role ROLE…] [--name FULL_NAME] [--password-stdin]\n"
       "                                add a staff member (ROLE: coordinator, engineer, supervisor, admin)\n"
       "  user list                     list the staff and their roles\n") },
  { "demo",    demo_options, cmd_demo,
    N_("  demo [--scale N] [--shape shop|chain|backlog] [--if-empty]\n"
       "                                add demo data: N service orders (default 240) over years\n"
       "                                of a small shop, the last 8 weeks of a chain (default)\n"
       "                                or 8 weeks with thousands left open\n") },
  { "backup",  no_options,   cmd_backup,
    N_("  backup FILE                   write a backup (pg_dump custom format)\n") },
  { "restore", no_options,   cmd_restore,
    N_("  restore FILE                  restore a backup into an empty database\n") },
  { "server",  server_options, cmd_server,
    N_("  server start|stop|status      the private local server\n"
       "  server setup [--name NAME]… [--network CIDR]… [--listen ADDRESSES] [--cert-dir DIR]\n"
       "        [--ca-cert F --ca-key F] [--server-cert F --server-key F] [--database NAME] [--cluster 15/main]\n"
       "                                as root on the shop's server: TLS, pg_hba, the database\n"
       "  server setup --standby PRIMARY [--name NAME]… [--ca-key F] [--cluster 15/main | --data-dir DIR]\n"
       "                                as root on a second server: a streaming replica of PRIMARY\n") },
  { "order",   order_options, wx_admin_cmd_order,
    N_("  order new --kind carry-in|on-site|sale --unit UNIT --contact NAME --phone PHONE\n"
       "            [--address …] [--product …] [--model …] [--serial …] --fault TEXT\n"
       "            [--accessories \"A, B\"] [--warranty STATUS]\n"
       "                                open a service order; prints its number\n"
       "  order transition NUMBER EVENT [--data KEY=VALUE …]\n"
       "                                take a step of the workflow (as the connecting role)\n"
       "  order amend NUMBER --set FIELD=VALUE … [--version N]\n"
       "                                correct the unit, contact, phones, serial, model … after intake\n"
       "  order show NUMBER [--json]    state, folder, shelf, clocks, escalations and events\n") },
  { "payment", payment_options, wx_admin_cmd_payment,
    N_("  payment add NUMBER YUAN --method METHOD [--reference REF] [--note TEXT] [--keep-excess]\n"
       "                                money received for an order (METHOD: cash, wechat, alipay,\n"
       "                                bank_transfer, card, cheque, prepaid); prints the balance\n"
       "                                left; --keep-excess keeps more than the balance as the\n"
       "                                customer's prepayment\n"
       "  payment refund NUMBER YUAN --method METHOD --reason TEXT [--reference REF]\n"
       "  payment write-off NUMBER YUAN --reason TEXT\n"
       "                                money given back, a debt forgiven (a supervisor)\n"
       "  payment list NUMBER           an order's payments, refunds, write-offs and balance\n"
       "  payment account CUSTOMER_ID on|off [--limit YUAN]\n"
       "                                let a customer run an account, up to a credit limit\n") },
  { "invoice", invoice_options, wx_admin_cmd_invoice,
    N_("  invoice add ORDER… --kind normal|special|electronic --number N --date YYYY-MM-DD\n"
       "              --title TITLE [--tax-number X] --amount YUAN [--tax YUAN] [--reason TEXT]\n"
       "                                record an invoice issued in the tax software for orders;\n"
       "                                an amount other than their total needs a supervisor's reason\n") },
  { "cash",    cash_options, wx_admin_cmd_cash,
    N_("  cash count YYYY-MM-DD METHOD YUAN [--reason TEXT]\n"
       "                                the day's count of a method against the recorded takings;\n"
       "                                a short or an over needs the reason\n") },
  { "statement", statement_options, wx_admin_cmd_statement,
    N_("  statement make CUSTOMER_ID YYYY-MM [-o FILE.pdf]\n"
       "                                the monthly statement (对账单) of a month that is over\n"
       "  statement check ID --note TEXT checked with the customer: who agreed\n"
       "  statement send ID --printed|--email [-o FILE.pdf]\n"
       "                                sent: printed, or e-mailed with its PDF\n"
       "  statement close ID            paid: nothing owed any more on its orders\n"
       "  statement print ID -o FILE.pdf\n") },
  { "collections", collections_options, wx_admin_cmd_collections,
    N_("  collections list [--day YYYY-MM-DD]\n"
       "                                unpaid orders after pickup by age (0-30, 31-60, 61-90, 91+ days),\n"
       "                                next chase date, who chases, bucket totals, chases due\n"
       "  collections chase NUMBER --result TEXT --next YYYY-MM-DD [--promised YYYY-MM-DD] [--chaser LOGIN]\n"
       "                                log a chase: its result, the date promised, the next chase\n") },
  { "board",   board_options, wx_admin_cmd_board,
    N_("  board folders|shelves [--json]\n"
       "                                the open orders in their folders or on their shelves\n") },
  { "sla",     sla_options,  wx_admin_cmd_sla,
    N_("  sla due CLOCK --from \"YYYY-MM-DD HH:MM\" [--target]\n"
       "                                when a clock started then falls due (its limit, or its target)\n") },
  { "print",   print_options, wx_admin_cmd_print,
    N_("  print form|label|accessory-labels|quote|receipt NUMBER -o FILE.pdf [--layout a4|three-pages]\n"
       "                                print an order's service form, labels, quote or payment receipt to a PDF\n"
       "  print worklog LOGIN YYYY-MM-DD -o FILE.pdf\n"
       "                                print an engineer's work log (工作日志) of a day to a PDF\n") },
  { "report",  report_options, wx_admin_cmd_report,
    N_("  report weekly [--week YYYY-Www] [-o FILE.pdf | --csv]\n"
       "                                the supervisor's weekly report (default: the last complete week)\n"
       "  report monthly [--month YYYY-MM] [-o FILE.pdf | --csv]\n"
       "                                feedback, complaints and collections of a month\n") },
  { "bench",   bench_options, wx_admin_cmd_bench,
    N_("  bench [--scale N] [--shape shop|chain|backlog …] [GROUP…]\n"
       "                                measure the speeds the issues name, in scratch databases\n"
       "                                (board and report: one of each shape, all three by default)\n") },
  { "jobs",    jobs_options, wx_admin_cmd_jobs,
    N_("  jobs run [--once] [--backup-dir DIR]\n"
       "                                the periodic jobs: escalations, callback lists, the archived\n"
       "                                weekly and monthly reports, the nightly backup (every 5 minutes\n"
       "                                without --once)\n"
       "  jobs status                   each job's last run, its result and its next run\n") },
  { "messages", messages_options, wx_admin_cmd_messages,
    N_("  messages send [--once | --loop]\n"
       "                                send the messages due to customers (SMS, e-mail); --loop every 30 s\n"
       "  messages list [NUMBER]        the outbox, or an order's messages, with their state\n"
       "  messages resend ID            send a failed or unknown message again\n"
       "  messages secret smtp.password|sms.access_key_secret\n"
       "                                set a sender's secret, read from standard input\n") },
  { "calendar", calendar_options, wx_admin_cmd_calendar,
    N_("  calendar show                 time zone, weekly hours, holidays and make-up working days\n"
       "  calendar hours DAY HH:MM-HH:MM|closed\n"
       "                                weekly hours of a day (DAY: mon … sun or 1 … 7)\n"
       "  calendar holiday add DATE [--name NAME] | remove DATE\n"
       "                                a holiday (DATE like 2026-10-01)\n"
       "  calendar workday add DATE [--name NAME] [--hours HH:MM-HH:MM] | remove DATE\n"
       "                                a make-up working day (调休), by default with the usual hours\n") },
  { "customer", records_options, wx_admin_cmd_records,
    N_("  customer list [--search TEXT] | add|edit ID --set FIELD=VALUE … | merge FROM_ID INTO_ID | export FILE.xlsx\n"
       "  customer import FILE.xlsx [--dry-run]\n"
       "                                customers (unit_name, address, city, contact_person, mobile, phone, fax,\n"
       "                                email, notes); merge moves the orders, calls and contracts of a duplicate\n") },
  { "machine", records_options, wx_admin_cmd_records,
    N_("  machine list [--search TEXT] | add|edit|move ID --set FIELD=VALUE … | export FILE.xlsx\n"
       "                                machines by serial (customer_id, category, brand, model, serial,\n"
       "                                asset_number, purchase_date, warranty_evidence, warranty_expires)\n") },
  { "supplier", records_options, wx_admin_cmd_records,
    N_("  supplier list | add|edit ID --set FIELD=VALUE … | deactivate ID | export FILE.xlsx\n"
       "                                suppliers and peer shops (name, kind, address, phone, contact, email,\n"
       "                                payment_terms prepay|monthly|other, supplies, notes)\n") },
  { "part", records_options, wx_admin_cmd_records,
    N_("  part list [--search TEXT] | add|edit ID --set FIELD=VALUE … | export FILE.xlsx\n"
       "  part import FILE.xlsx [--dry-run]\n"
       "                                the parts catalogue (part_number, name, category, fits_models, unit_price\n"
       "                                and cost in fen, min_stock, bin_location, supplier_id, active)\n") },
  { "stock", records_options, wx_admin_cmd_records,
    N_("  stock receive PART_NUMBER QUANTITY [--supplier ID] [--cost FEN] [--order NUMBER] [--note TEXT]\n"
       "  stock count PART_NUMBER COUNTED --reason TEXT\n"
       "  stock reserve PART_NUMBER ORDER QUANTITY\n"
       "                                receive parts, correct the stock after a count, set parts aside for an order\n") },
  { NULL }
};

int
main (int argc, char **argv)
{
  g_autoptr(WxAdmin) admin = NULL;
  g_autoptr(GError) error = NULL;

  wx_i18n_init ();

  if (argc == 2 && g_str_equal (argv[1], "--version"))
    {
      g_print ("weixiu-admin %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      {
        g_print ("%s", _(usage_head));
        for (const WxAdminCommand *c = commands; c->name; c++)
          g_print ("%s", _(c->help));
        g_print ("\n%s", _(usage_foot));
        return EXIT_SUCCESS;
      }

  admin = wx_admin_parse (commands, argc, argv, &error);
  if (admin == NULL)
    return wx_admin_usage_error (error->message);
  return admin->command->run (admin);
}
