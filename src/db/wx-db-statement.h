/* wx-db-statement.h — the monthly statements (对账单) of the customers who
 * run an account: made, checked with the customer, sent, paid (the
 * wx_statement_* functions of data/sql/functions/money.sql), and one read
 * back for its PDF (src/print/wx-pdf-statement.c). Blocking: from a worker
 * thread or the command line. */
#pragma once

#include <glib.h>
#include "wx-db-pq.h"

#include "core/wx-money.h"

G_BEGIN_DECLS

typedef struct {
  char    *number;
  char    *picked_up;     /* YYYY-MM-DD */
  char    *machine;       /* product and model */
  char    *work;          /* what was repaired */
  WxMoney  amount;        /* the order's total */
  WxMoney  due;           /* still due when the statement was made */
} WxStatementLine;

typedef struct {
  gint64   id;
  char    *period;        /* YYYY-MM */
  char    *state;         /* made, checked, sent, paid */
  char    *unit_name;
  char    *contact;
  char    *address;
  char    *company_name, *company_address, *company_phone, *company_fax;
  char    *made;          /* "YYYY-MM-DD name" */
  char    *checked;       /* "YYYY-MM-DD name: note", "" while not */
  char    *sent;          /* "YYYY-MM-DD name (printed|email)", "" while not */
  char    *paid;          /* "YYYY-MM-DD", "" while not */
  WxMoney  brought_forward;
  WxMoney  charges;
  WxMoney  received;
  WxMoney  balance_due;
  GArray  *lines;         /* WxStatementLine, by pickup */
} WxStatement;

void         wx_statement_free      (WxStatement  *statement);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxStatement, wx_statement_free)

/* 做清单: the statement of `customer` for `period` (YYYY-MM), once the
 * month is over; `id` its id. */
gboolean     wx_db_statement_make   (PGconn       *conn,
                                     gint64        customer,
                                     const char   *period,
                                     gint64       *id,
                                     GError      **error);
/* 对单: checked; `note` says who at the customer agreed. */
gboolean     wx_db_statement_check  (PGconn       *conn,
                                     gint64        id,
                                     const char   *note,
                                     GError      **error);
/* 发清单: `how` printed or email (with `pdf`, its PDF). */
gboolean     wx_db_statement_send   (PGconn       *conn,
                                     gint64        id,
                                     const char   *how,
                                     GBytes       *pdf,
                                     GError      **error);
/* Paid: nothing is owed any more on its orders. */
gboolean     wx_db_statement_close  (PGconn       *conn,
                                     gint64        id,
                                     GError      **error);
WxStatement *wx_db_statement_load   (PGconn       *conn,
                                     gint64        id,
                                     GError      **error);

G_END_DECLS
