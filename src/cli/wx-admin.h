/* wx-admin.h — what the commands of weixiu-admin share: the parsed command
 * line, the connection, and the one-sentence failure exits. Each command
 * group lives in its own file (wx-admin-*.c) and is listed in the command
 * table of weixiu-admin.c. */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define WX_ADMIN_EXIT_USAGE 2

/* One option a command accepts. Options are "--name VALUE", "--name=VALUE"
 * or, when takes_value is FALSE, a flag "--name". */
typedef struct {
  const char *name;
  gboolean    takes_value;
} WxAdminOption;

typedef struct _WxAdmin WxAdmin;

typedef int (*WxAdminRunFunc) (WxAdmin *admin);

typedef struct {
  const char          *name;       /* first word: "print" */
  const WxAdminOption *options;    /* terminated by { NULL } ; --db is always accepted */
  WxAdminRunFunc       run;
  const char          *help;       /* N_() lines for --help: "  print …   what it does\n" */
} WxAdminCommand;

struct _WxAdmin {
  const WxAdminCommand *command;
  char                 *db;       /* --db CONNINFO, or NULL */
  GPtrArray            *args;     /* positional arguments after the command name */
  GHashTable           *options;  /* "--name" → GPtrArray of values ("" for flags) */
  char                **argv;     /* the whole command line (not owned) */
};

WxAdmin    *wx_admin_parse        (const WxAdminCommand *commands,
                                   int                   argc,
                                   char                **argv,
                                   GError              **error);
void        wx_admin_free         (WxAdmin              *admin);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxAdmin, wx_admin_free)

const char *wx_admin_arg          (WxAdmin              *admin,
                                   guint                 index);
const char *wx_admin_value        (WxAdmin              *admin,
                                   const char           *name);
GPtrArray  *wx_admin_values       (WxAdmin              *admin,
                                   const char           *name);
gboolean    wx_admin_flag         (WxAdmin              *admin,
                                   const char           *name);

gboolean    wx_admin_uses_private_server (WxAdmin       *admin);
char       *wx_admin_conninfo     (WxAdmin              *admin,
                                   GError              **error);
PGconn     *wx_admin_connect      (WxAdmin              *admin,
                                   GError              **error);

int         wx_admin_fail         (const GError         *error);
int         wx_admin_usage_error  (const char           *message);

/* The command groups (one file each). */
int wx_admin_cmd_bench    (WxAdmin *admin);
int wx_admin_cmd_calendar (WxAdmin *admin);
int wx_admin_cmd_order    (WxAdmin *admin);
int wx_admin_cmd_payment  (WxAdmin *admin);
int wx_admin_cmd_invoice  (WxAdmin *admin);
int wx_admin_cmd_cash     (WxAdmin *admin);
int wx_admin_cmd_statement (WxAdmin *admin);
int wx_admin_cmd_collections (WxAdmin *admin);
int wx_admin_cmd_board    (WxAdmin *admin);
int wx_admin_cmd_sla      (WxAdmin *admin);
int wx_admin_cmd_print    (WxAdmin *admin);
int wx_admin_cmd_report   (WxAdmin *admin);
int wx_admin_cmd_jobs     (WxAdmin *admin);
int wx_admin_cmd_messages (WxAdmin *admin);
int wx_admin_cmd_records  (WxAdmin *admin);
int wx_admin_cmd_server_setup (WxAdmin *admin);

G_END_DECLS
