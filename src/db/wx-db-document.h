/* wx-db-document.h — everything a printed document needs about one service
 * order (the form, the labels, the quote), read in one query: the order, its
 * machine, accessories and quote lines, the staff names, and the company
 * details and notice from the settings. Texts are as entered; dates are in
 * the shop's time zone. */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "core/wx-money.h"
#include "core/wx-types.h"

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

typedef struct {
  /* settings: company.* and notice.important */
  const char   *company_name;
  const char   *company_address;
  const char   *company_phone;
  const char   *company_fax;
  const char   *notice;
  int           quote_validity_days;   /* quote.validity_days, 7 when unset */
  const char   *today;                 /* YYYY-MM-DD in the shop's time zone */

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
  const char   *received_by;         /* the staff member's name */
  const char   *received_at;         /* YYYY-MM-DD HH:MM */

  /* inspection and quote */
  const char   *engineer;
  const char   *fault_analysis;
  const char   *measures;
  const char   *parts_needed;
  const char   *inspected_by;
  const char   *quoted_at;           /* YYYY-MM-DD HH:MM or "" */
  gboolean      has_quote_total;
  WxMoney       quote_total;
  const char   *repair_period;

  GArray       *accessories;         /* WxDbAccessory, by position */
  GArray       *quote_lines;         /* WxDbQuoteLine, by position */

  /*< private >*/
  GStringChunk *strings;
} WxDbDocument;

WxDbDocument *wx_db_document_load  (PGconn        *conn,
                                    const char    *number,
                                    GError       **error);
void          wx_db_document_free  (WxDbDocument  *doc);
guint         wx_db_document_accessories_left (const WxDbDocument *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbDocument, wx_db_document_free)

G_END_DECLS
