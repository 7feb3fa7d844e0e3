/* wx-db-document.h — one service order as its paper form holds it, read in
 * one query: every field of the form (domain.md section 2), its machine,
 * accessories and quote lines, the staff names, and the company details and
 * notice from the settings — what the printed documents (the form, the
 * labels, the quote) and the order's detail view show. Texts are as
 * entered ("" when empty); codes are the database's; times are
 * "YYYY-MM-DD HH:MM" in the shop's time zone, "" when not yet. */
#pragma once

#include <glib.h>
#include "wx-db-pq.h"

#include "core/wx-money.h"
#include "core/wx-types.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

typedef struct {
  int         position;
  const char *name;
  gboolean    returned;     /* given back at intake; not left with the machine */
} WxDbAccessory;

typedef struct {
  int         position;
  const char *kind;         /* part, labour, item, fee */
  const char *part_number;
  const char *description;
  int         quantity;
  WxMoney     unit_price;
  WxMoney     amount;
} WxDbQuoteLine;

/* Money taken for the order (payments, 021_money.sql): what the receipt
 * lists. */
typedef struct {
  const char *at;           /* YYYY-MM-DD HH:MM */
  const char *kind;         /* payment, refund, write_off */
  WxMoney     amount;       /* > 0; its kind is its sign */
  const char *method;       /* code: cash, wechat, … prepaid, on_account */
  const char *reference;
  const char *taken_by;     /* the staff member's name */
} WxDbPayment;

typedef struct {
  /* settings: company.* and notice.important */
  const char   *company_name;
  const char   *company_address;
  const char   *company_phone;
  const char   *company_fax;
  const char   *notice;
  int           quote_validity_days;   /* quote.validity_days, 7 when unset */
  const char   *today;                 /* YYYY-MM-DD in the shop's time zone */

  gint64        id;
  int           version;

  /* intake */
  const char   *number;
  WxOrderKind   kind;
  WxOrderState  state;
  const char   *unit_name;
  const char   *unit_address;
  const char   *contact_person;
  const char   *contact_mobile;
  const char   *contact_phone;
  const char   *contact_fax;
  const char   *contact_email;
  const char   *end_user;
  const char   *end_user_phone;
  const char   *floor_department;
  const char   *product_name;
  const char   *brand;
  const char   *model;
  const char   *serial;
  const char   *asset_number;
  const char   *reported_fault;
  const char   *appearance_check;
  const char   *warranty_status;     /* code: unknown, in_warranty, out_of_warranty, contract */
  const char   *warranty_evidence;   /* code: none, card, invoice, card_and_invoice */
  const char   *remarks;
  gboolean      is_return_repair;
  const char   *return_of_number;    /* "" unless a return repair of a known order */
  const char   *backup;              /* code: not_applicable, backed_up, may_lose_data, customer_keeps_disk */
  gboolean      notice_read;
  gboolean      customer_signed;
  const char   *received_by;         /* the staff member's name */
  const char   *received_at;         /* YYYY-MM-DD HH:MM */
  const char   *owner;               /* 首问负责: the staff member's name */
  const char   *warranty_until;      /* the device's warranty end, YYYY-MM-DD or "" */

  /* dispatch and inspection */
  const char   *dispatched_at;
  const char   *engineer;
  const char   *appointment_at;
  const char   *fault_analysis;
  const char   *measures;
  const char   *parts_needed;
  gboolean      has_suggested_price;
  WxMoney       suggested_price;
  const char   *explanation;
  const char   *inspected_by;
  const char   *inspected_at;
  const char   *peer_name;           /* the peer shop (送同行), "" when none */
  const char   *peer_address;
  const char   *peer_phone;
  const char   *peer_contact;

  /* quote and decision */
  const char   *quoted_at;
  gboolean      has_quote_total;
  WxMoney       quote_total;
  const char   *quote_method;        /* code: phone, fax, email, chat, in_person; "" */
  const char   *quote_told;
  const char   *repair_period;
  const char   *decision;            /* code: agree, decline; "" */
  const char   *decided_at;
  const char   *decision_contact;
  const char   *decision_reason;

  /* repair */
  const char   *repaired_by;
  const char   *repaired_at;
  const char   *repair_notes;
  const char   *old_parts;           /* code: returned_to_customer, kept_by_supervisor, none; "" */

  /* completion and pickup */
  const char   *notified_at;
  const char   *picked_up_at;
  const char   *picked_up_by;
  const char   *delivered_by;
  gboolean      accessories_checked;
  gboolean      pickup_signed;
  const char   *payment_status;      /* code: unpaid, paid, on_account, free */

  /* closing */
  const char   *entered_at;
  const char   *confirmed_by;
  const char   *reviewed_by;
  const char   *reviewed_at;
  const char   *reconciled_at;
  const char   *invoiced_at;
  const char   *cancel_reason;

  GArray       *accessories;         /* WxDbAccessory, by position */
  GArray       *quote_lines;         /* WxDbQuoteLine, by position */
  GArray       *payments;            /* WxDbPayment, as taken */
  WxMoney       balance;             /* wx_order_balance now */

  /*< private >*/
  GStringChunk *strings;
} WxDbDocument;

WxDbDocument *wx_db_document_load  (PGconn        *conn,
                                    const char    *number,
                                    GError       **error);
/* wx_db_document_load on the worker (a read). */
void          wx_db_document_load_async  (WxDbWorker          *worker,
                                          const char          *number,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
WxDbDocument *wx_db_document_load_finish (WxDbWorker          *worker,
                                          GAsyncResult        *result,
                                          GError             **error);
void          wx_db_document_free  (WxDbDocument  *doc);
guint         wx_db_document_accessories_left (const WxDbDocument *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbDocument, wx_db_document_free)

G_END_DECLS
