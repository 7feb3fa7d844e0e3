#define G_LOG_DOMAIN "wx-db"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "core/wx-error.h"
#include "core/wx-fields.h"
#include "core/wx-money.h"
#include "core/wx-workflow.h"
#include "wx-db.h"

G_DEFINE_QUARK (wx-db-error-quark, wx_db_error)

WxDbError
wx_db_error_code_for_state (const char *sqlstate)
{
  if (sqlstate == NULL)
    return WX_DB_ERROR_UNAVAILABLE;
  /* The workflow's own codes (data/sql/005_workflow.sql). */
  if (g_str_equal (sqlstate, "WX404"))
    return WX_DB_ERROR_NOT_FOUND;
  if (g_str_equal (sqlstate, "WX410"))
    return WX_DB_ERROR_INVALID;
  if (g_str_equal (sqlstate, "WX409"))
    return WX_DB_ERROR_CONFLICT;
  if (g_str_equal (sqlstate, "WX403"))
    return WX_DB_ERROR_DENIED;
  if (g_str_equal (sqlstate, "WX001") || g_str_equal (sqlstate, "WX422") || g_str_equal (sqlstate, "WX400"))
    return WX_DB_ERROR_INVALID;
  if (g_str_equal (sqlstate, "40001") || g_str_equal (sqlstate, "40P01") ||
      g_str_equal (sqlstate, "55P03"))
    return WX_DB_ERROR_CONFLICT;
  if (g_str_has_prefix (sqlstate, "23") || g_str_has_prefix (sqlstate, "22") ||
      g_str_equal (sqlstate, "42710"))
    return WX_DB_ERROR_INVALID;
  if (g_str_equal (sqlstate, "42501") || g_str_has_prefix (sqlstate, "28"))
    return WX_DB_ERROR_DENIED;
  if (g_str_equal (sqlstate, "02000") || g_str_equal (sqlstate, "P0002") ||
      g_str_equal (sqlstate, "3D000"))
    return WX_DB_ERROR_NOT_FOUND;
  if (g_str_has_prefix (sqlstate, "08") || g_str_has_prefix (sqlstate, "57P") ||
      g_str_equal (sqlstate, "53300"))
    return WX_DB_ERROR_UNAVAILABLE;
  return WX_DB_ERROR_FAILED;
}

/* Sentences for the rules the schema names (data/sql/): a domain by its
 * type name, a constraint (or a function's CONSTRAINT) by its exact name.
 * A function that refuses its input raises SQLSTATE WX400 with the rule's
 * name as CONSTRAINT and, when the sentence names what was given, a JSON
 * DETAIL whose member "value" fills the sentence's %s (shortened by
 * wx_error_echo). The sentence is core's where core checks the same rule. */
static const struct { const char *name; const char *sentence; } rules[] = {
  { "wx_phone",                    N_("A phone number is not valid: enter an 11-digit mobile number or a landline such as 020-87581480.") },
  { "wx_email",                    N_("An email address is not valid.") },
  { "wx_money",                    N_("An amount is negative or larger than the shop can handle.") },
  { "wx_name",                     N_("A required name is empty or too long.") },
  { "order_contact_reachable",     N_("The order needs a mobile or phone number to reach the customer.") },
  { "order_carry_in_machine",      N_("A carry-in order needs the product, the model or serial number, and the reported fault.") },
  { "order_on_site_address",       N_("An on-site order needs the unit's address and the reported fault.") },
  { "order_sale_items",            N_("A sale order needs what was sold in the product field.") },
  { "order_cancel_reason",         N_("Cancelling an order needs a reason.") },
  { "order_decision_time",         N_("The customer's decision needs its time.") },
  { "order_number_exhausted",      N_("This year's order numbers are used up; the administrator must allow more digits in the settings.") },
  { "parts_stock_check",           N_("There is not enough of this part in stock.") },
  { "setting_order_number_prefix", N_("The order number prefix may have up to 8 letters, digits and dashes.") },
  { "setting_order_number_digits", N_("Order numbers must have between 4 and 9 digits.") },
  { "setting_timezone",            N_("That time zone is unknown; use a name such as Asia/Shanghai.") },
  { "complaint_steps_in_order",     N_("The steps of a complaint go in order; record the step before this one first.") },
  { "complaint_steps_open",        N_("The complaint is closed; its steps cannot change any more.") },
  { "setting_whole_number",        N_("This setting must be a whole number from 1 to 9999.") },
  { "setting_company_name",        N_("The company name must be filled in, at most 100 characters.") },
  { "setting_company_line",        N_("The company's address, phone and fax are one line each, at most 200 characters.") },
  { "setting_notice_length",       N_("The important notice may have at most 2000 characters.") },
  { "business_hours_check",        N_("A day's closing time must be after its opening time.") },
  { "calendar_days_check",         N_("A holiday has no opening hours; a make-up working day has both times or neither.") },
  { "calendar_days_name_check",    N_("The name of a holiday or make-up day may have at most 60 characters.") },
  { "sla_thresholds_check",        N_("A clock's target cannot be longer than its limit.") },
  { "staff_login_name",            N_("A login name has lower-case letters, digits and _, starts with a letter, and does not start with wx_ or pg_.") },
  { "staff_login_taken",           N_("That login name is taken; choose another.") },
  { "staff_groups",                N_("Choose at least one role: coordinator, engineer, supervisor or administrator.") },
  { "staff_password_hashed",       N_("The password must be sent hashed; this client is too old to set passwords.") },
  { "staff_unknown",               N_("There is no staff member with that login.") },
  { "step_data_object",            N_("The step's data could not be read; update Weixiu on this PC.") },
  { "step_version_missing",        N_("The order's version is missing; reload the order and try again.") },
  { "step_value",                  N_("The value of “%s” is not valid for this step.") },
  { "step_records",                N_("This step does not record “%s”.") },
  { "order_not_yours",             N_("This order is with %s; only that engineer, a coordinator or a supervisor may take its steps.") },
  { "engineer_unknown",            N_("No active engineer named “%s”.") },
  { "decision_reason_late",        N_("The customer took longer than the decision limit: record why (decision_reason); the supervisor will see it flagged.") },
  { "appointment_time",            N_("The appointment “%s” is not a date and time (YYYY-MM-DD HH:MM).") },
  { "appointment_past",            N_("The appointment %s is more than a day in the past.") },
  { "appointment_far",             N_("The appointment %s is more than 90 days ahead.") },
  { "appointment_hours",           N_("The appointment %s is outside the shop's opening hours; give the reason (the customer asked for it) to book it anyway.") },
  { "appointment_not_later",       N_("The new time %s must be later than the time booked.") },
  { "message_placeholder",         N_("The template uses the placeholder {%s}, which is not one Weixiu fills in; use one of the list.") },
  { "message_body_empty",          N_("The message text is empty; write what the customer is to read.") },
  { "message_sms_long",            N_("The SMS would need %s messages; shorten it to at most 5 (70 characters, then 67 each).") },
  { "message_template_code",       N_("An SMS template needs the provider's template code (issued when the text was approved).") },
  { "message_template_field",      N_("The template's %s is not valid: a known kind, sms or email, zh_CN or en, a one-line subject, a template code of letters and digits, a signature of at most 20 characters.") },
  { "message_attachment_large",    N_("The attachment is %s MB; an e-mail takes at most 10 MB.") },
  { "message_unknown",             N_("There is no message %s.") },
  { "message_not_resendable",      N_("This message is still %s; only a sent, failed or unknown message can be sent again.") },
  { "message_not_unknown",         N_("Message %s is not waiting for a decision; only a message whose result is unknown is settled by hand.") },
  { "message_secret_key",          N_("“%s” is not a sender's secret; use smtp.password or sms.access_key_secret.") },
  { "stock_quantity",              N_("The number of parts “%s” must be a whole number from 1 to 100000.") },
  { "stock_return_more",           N_("Only %s of this part were issued to this order; return at most that many.") },
  { "repair_test_note",            N_("A test's note may have at most 500 characters.") },
  { "functional_tests_incomplete", N_("Every functional test of this machine's category must pass before the repair is done; still to test: %s.") },
  { "payment_amount",              N_("The amount received “%s” is not a positive amount.") },
  { "payment_method",              N_("Choose how the customer paid (cash, WeChat Pay, Alipay, bank card, bank transfer or cheque).") },
  { "payment_nothing_due",         WX_PAYMENT_NOTHING_DUE },
  { "payment_short",               WX_PAYMENT_SHORT },
  { "payment_over",                WX_PAYMENT_OVER },
  { "payment_role",                N_("Only the front desk, the engineers and the supervisors take payments.") },
  { "refund_role",                 N_("A refund needs a supervisor: ask one to record it.") },
  { "write_off_role",              N_("Writing off a balance needs a supervisor: ask one to record it.") },
  { "account_role",                N_("Only a supervisor or an administrator sets a customer's account and credit limit.") },
  { "payment_cancelled",           N_("Order %s is cancelled: it takes no payment.") },
  { "payment_reference",           N_("The reference (transfer or voucher number) is longer than 60 characters.") },
  { "payment_reason",              N_("Write the reason for the refund or write-off (at most 300 characters).") },
  { "invoice_role",                N_("Only the front desk and the supervisors record invoices.") },
  { "invoice_kind",                N_("Unknown invoice type “%s”: use normal (普通), special (专用) or electronic (电子).") },
  { "invoice_number",              N_("Write the invoice number (at most 40 characters).") },
  { "invoice_number_used",         N_("Invoice number %s is recorded already: check the number.") },
  { "invoice_date",                N_("The invoice date “%s” is not a date of the last year up to today.") },
  { "invoice_title",               N_("Write the invoice title (抬头, at most 200 characters).") },
  { "invoice_tax_number",          N_("The tax number “%s” is not 15 to 20 digits and capital letters; a special VAT invoice needs one.") },
  { "invoice_amount",              N_("The invoice amount “%s” is not an amount the shop handles.") },
  { "invoice_tax",                 N_("The tax “%s” must be between nil and the invoice amount.") },
  { "invoice_orders",              N_("Name the orders the invoice covers, each once.") },
  { "invoice_order_unknown",       N_("There is no order “%s” to invoice.") },
  { "invoice_order_cancelled",     N_("Order %s is cancelled: it cannot be invoiced.") },
  { "invoice_order_invoiced",      N_("The order is on an invoice already (order and invoice: %s).") },
  { "invoice_mismatch",            N_("The invoice amount differs from the orders' total of ¥%s: correct it, or have a supervisor record it with the reason.") },
  { "invoice_mismatch_supervisor", N_("The invoice amount differs from the orders' total of ¥%s: only a supervisor may record it, with the reason.") },
  { "cash_count_role",             N_("Only the front desk and the supervisors count the day's takings.") },
  { "cash_count_day",              N_("The day “%s” is not today nor a day of the last month.") },
  { "cash_count_amount",           N_("The amount counted “%s” is not an amount the shop handles.") },
  { "cash_count_done",             N_("The takings of %s by this method are counted already.") },
  { "cash_count_reason",           N_("The count differs from the recorded takings by ¥%s: write the reason (at most 300 characters).") },
  { "statement_role",              N_("Only the front desk and the supervisors make and send statements.") },
  { "statement_customer",          N_("%s does not run an account: it gets no monthly statement.") },
  { "statement_month_open",        N_("The month %s is not over yet: make its statement once it is.") },
  { "statement_made",              N_("The statement of %s is made already for this customer.") },
  { "statement_empty",             N_("Nothing to state for %s: no order picked up in it and nothing owed before.") },
  { "statement_checked",           N_("Statement %s is checked already.") },
  { "statement_check_note",        N_("Write who at the customer agreed the statement, and how (at most 300 characters).") },
  { "statement_not_checked",       N_("Statement %s is not checked with the customer yet: check it first.") },
  { "statement_sent",              N_("Statement %s is sent already.") },
  { "statement_how",               N_("Send the statement printed or by e-mail, not “%s”.") },
  { "statement_email_unavailable", N_("This installation cannot e-mail statements yet: print it and send it.") },
  { "statement_email_pdf",         N_("An e-mailed statement needs its PDF.") },
  { "statement_email_none",        N_("%s takes no e-mail: print the statement and send it.") },
  { "statement_not_sent",          N_("Statement %s is not sent yet: it cannot be paid.") },
  { "statement_paid",              N_("Statement %s is closed as paid already.") },
  { "statement_unpaid",            N_("¥%s is still owed on this statement's orders: it is not paid yet.") },
  { "chase_role",                  N_("Only the front desk, the engineers and the supervisors chase payments.") },
  { "chase_not_yours",             N_("Order %s is not yours: an engineer chases his own customers.") },
  { "chase_nothing_owed",          N_("Nothing is owed on order %s after pickup: there is nothing to chase.") },
  { "chase_result",                N_("Write what came of the chase (at most 300 characters).") },
  { "chase_promised",              N_("The date promised “%s” is not a date of the coming year.") },
  { "chase_next",                  N_("The next chase “%s” must be a date after today, within a year.") },
  { "chase_chaser",                N_("“%s” is no active staff member to chase it.") },
  { "prepaid_short",               N_("The customer's prepayment holds only ¥%s: take the rest another way.") },
  { "prepaid_over",                N_("Money from the prepayment cannot be more than the ¥%s due.") },
  { "refund_over",                 N_("A refund cannot be more than the ¥%s received.") },
  { "write_off_over",              N_("A write-off cannot be more than the ¥%s due.") },
  { "account_not_allowed",         N_("%s may not run an account: take the payment, or ask a supervisor to record it on account.") },
  { "account_over_limit",          N_("This would take the customer over the ¥%s credit limit: take a payment, or ask a supervisor.") },
  { "account_limit",               N_("The credit limit “%s” is not an amount the shop handles.") },
  { "quote_line_description",      N_("A quote line needs a description of at most 200 characters.") },
  { "quote_line_quantity",         N_("The quantity “%s” of a quote line must be a whole number from 1 to 100000.") },
  { "quote_line_price",            N_("The unit price “%s” of a quote line is not a valid amount.") },
  { "part_unknown",                N_("There is no part %s in the catalogue.") },
  { "staff_disable_self",          N_("You cannot disable your own login; ask another administrator.") },
  { "staff_demote_self",           N_("You cannot take your own administrator role away; ask another administrator.") },
  { "staff_admin_only",            N_("Only an administrator changes a person's roles.") },
  /* Callbacks, complaints, escalations (functions/feedback.sql): the
   * sentences of core's checks (src/core/wx-callback.c), word for word. */
  { "callback_role",               N_("Only the front desk and the supervisors work on the callback lists.") },
  { "callback_unknown",            N_("That callback is no longer on the list; reload the list.") },
  { "callback_done",               N_("%s has already recorded this callback; reload the list.") },
  { "callback_follow_up_kind",     N_("Choose the follow-up: none, a return repair or a complaint.") },
  { "callback_comments_length",    N_("The comments are longer than 2,000 characters; shorten them.") },
  { "callback_call_again_missing", N_("Nobody was reached: say when to call again (the customer may have named a time).") },
  { "callback_call_again_past",    N_("The time to call again has already passed; give a later time.") },
  { "callback_call_again_far",     N_("The time to call again is more than 90 days ahead; give a nearer time.") },
  { "callback_unreached_answers",  N_("Answers were given although nobody was reached; tick \"Reached\" or clear the answers.") },
  { "callback_machine_working",    N_("Ask whether the machine is working now, and record the answer.") },
  { "callback_satisfaction",       N_("Give the customer's satisfaction from 1 (poor) to 5 (very good).") },
  { "callback_follow_up_needed",   N_("The machine is not working: open a return repair or a complaint with this callback.") },
  { "callback_follow_up_unneeded", N_("A follow-up is only opened when the machine is not working; choose no follow-up.") },
  { "callback_return_without_order", N_("This phone case has no service order to repair again; open a complaint, or a new order at the front desk.") },
  { "callback_complaint_without_customer", N_("The call has no customer record to file a complaint under; link the call to a customer first.") },
  { "callback_follow_up_note",     N_("Write what is wrong with the machine, for the follow-up.") },
  { "callback_follow_up_note_length", N_("The note for the follow-up is longer than 2,000 characters; shorten it.") },
  { "callback_return_order",       N_("The return repair was not opened for this callback's order; record the callback again.") },
  { "complaint_role",              N_("Only the front desk and the supervisors take complaints and record their steps.") },
  { "complaint_close_role",        N_("Only a supervisor closes a complaint.") },
  { "complaint_unknown",           N_("That complaint does not exist (any more).") },
  { "complaint_description",       N_("Write what happened: the customer's complaint in a few words.") },
  { "complaint_description_length", N_("The complaint is longer than 2,000 characters; shorten it.") },
  { "complaint_subject",           N_("Give the service order the complaint is about (or the customer's record).") },
  { "complaint_customer_unknown",  N_("There is no customer record %s.") },
  { "complaint_step_range",        N_("A complaint has five steps, 1 to 5.") },
  { "complaint_step_done",         N_("Step %s is already recorded.") },
  { "complaint_step_next",         N_("The steps go in order: record step %s first.") },
  { "complaint_step_note",         N_("Write a note for this step: what was said or done.") },
  { "complaint_step_note_length",  N_("The note is longer than 2,000 characters; shorten it.") },
  { "complaint_step_escalated",    N_("Only the solution (step 3) is escalated to the manager.") },
  { "complaint_closed",            N_("The complaint is already closed.") },
  { "complaint_outcome",           N_("Write the outcome before closing the complaint.") },
  { "complaint_outcome_length",    N_("The outcome is longer than 2,000 characters; shorten it.") },
  { "complaint_close_early",       N_("A complaint is closed after its fifth step, the call back; to close it sooner, write why.") },
  { "complaint_close_early_length", N_("The reason for closing early is longer than 2,000 characters; shorten it.") },
  { "escalation_role",             N_("Only a supervisor resolves an escalation.") },
  { "escalation_unknown",          N_("That escalation does not exist (any more).") },
  { "escalation_resolved",         N_("%s has already resolved this escalation; reload the inbox.") },
  { "escalation_resolution",       N_("Write how the escalation was resolved.") },
  { "escalation_resolution_length", N_("The resolution is longer than 2,000 characters; shorten it.") },
  /* The supervisor's review (functions/review.sql; core/wx-review.c). */
  { "review_role",                 N_("Only a supervisor reviews orders: passes them or returns them.") },
  { "review_not_waiting",          N_("Order %s is not waiting for a review any more.") },
  { "review_checks",               N_("The review's checklist is not valid; reload the order and review it again.") },
  { "review_return_comment",       N_("Say what must be put right before returning the order.") },
  { "review_return_comment_length", N_("The comment is longer than 2,000 characters; shorten it.") },
  { "review_returned_to",          N_("Choose the person the order goes back to.") },
  { "review_returned_to_unknown",  N_("No member of staff named “%s”.") },
  { "review_seen_role",            N_("Only members of staff acknowledge returns.") },
  { "review_unknown",              N_("That review does not exist (any more).") },
  { "review_seen_not_yours",       N_("That return was not addressed to you.") },
  { "review_not_clean",            N_("Order %s has a failed check; review it on its own.") },
  { "review_return_open",          N_("Order %s was returned and is not answered yet; it stays in the queue.") },
  { "review_answer",               N_("Say what you put right before resubmitting the order.") },
  { "review_answer_length",        N_("The answer is longer than 2,000 characters; shorten it.") },
  { "review_answer_closed",        N_("The return of order %s has already been answered or reviewed; reload the order.") },
  /* Intake, the call log and corrections (data/sql/functions/intake.sql,
   * calls.sql); the wx_field_* rules are src/core/wx-fields.c's. */
  { "wx_form_object",              N_("The form's data could not be read; nothing was saved.") },
  { "wx_phone_shape",              N_("“%s” is not a valid phone number: enter an 11-digit mobile number or a landline such as 020-87581480.") },
  { "wx_phone_characters",         N_("The phone number “%s” contains characters a phone number cannot have.") },
  { "wx_phone_extension",          N_("The extension in “%s” must have 1 to 6 digits.") },
  { "wx_email_shape",              N_("“%s” is not a valid email address.") },
  { "order_kind",                  N_("Unknown order kind “%s”: use carry_in, on_site or sale.") },
  { "order_warranty_status",       N_("Unknown warranty status “%s”: use unknown, in_warranty, out_of_warranty or contract.") },
  { "order_warranty_evidence",     N_("Unknown warranty evidence “%s”: use none, card, invoice or card_and_invoice.") },
  { "order_backup",                N_("Unknown data backup choice “%s”: use not_applicable, backed_up, may_lose_data or customer_keeps_disk.") },
  { "accessories_not_returned",    N_("Still with the shop: %s. Hand back each accessory and tick it before “Accessories checked”.") },
  { "order_accessories_count",     N_("An order can list at most 99 accessories.") },
  { "intake_role",                 N_("Your role cannot open service orders; the front desk or an engineer takes machines in.") },
  { "intake_return_role",          N_("Only a supervisor opens a return repair from a callback.") },
  { "intake_callback",             N_("That callback is not about order %s; reload the callback list.") },
  { "intake_call_taken",           N_("That call already has a service order (or was removed); nothing was saved. Reload the call log.") },
  { "amend_changes",               N_("The corrections must name each field with its new value.") },
  { "amend_closed",                N_("This order is closed; its details can no longer be corrected.") },
  { "amend_not_assigned",          N_("You can correct only the orders assigned to you.") },
  { "amend_role",                  N_("Your role cannot correct an order's details.") },
  { "call_role",                   N_("Your role cannot log calls.") },
  { "call_direction",              N_("Say whether the call came in or went out.") },
  { "call_purpose",                N_("“%s” is not a purpose of a call; choose one from the list.") },
  { "call_reference",              N_("The call refers to an order, a customer or a time that cannot exist.") },
  { "call_who",                    N_("Record who the call was with: the unit, the contact or the phone number.") },
  { "call_subject",                N_("Record what the call was about.") },
  { "call_unanswered",             N_("Nobody answered this call, so nobody can have answered or passed it on; mark it reached or clear those names.") },
  { "call_relay",                  N_("Record who answered the call and will pass the message on.") },
  { "call_pickup_answer",          N_("Record who answered the pickup notice.") },
  { "call_order_missing",          N_("The service order of this call does not exist (any more); the call was not logged.") },
  { "call_time",                   N_("A call's time must lie within the last 31 days, not ahead.") },
  { "call_promise_time",           N_("A promised reply must come after the call and within a year.") },
  /* The shop's records (functions/shop.sql, stock.sql). */
  { "record_price",                N_("A price or cost of ¥%s is not possible: enter an amount of zero or more.") },
  { "record_date",                 N_("“%s” is not a date: write it like 2026-03-15.") },
  { "record_version_missing",      N_("The record's version is missing; reload it and try again.") },
  { "record_changed",              N_("Someone else changed this record meanwhile; reload it and try again.") },
  { "supplier_role",               N_("Your role cannot change the supplier list; the front desk or a supervisor keeps it.") },
  { "supplier_unknown",            N_("There is no supplier %s.") },
  { "supplier_kind",               N_("Unknown kind of supplier “%s”: use supplier, peer_shop or both.") },
  { "supplier_terms",              N_("Unknown payment terms “%s”: use prepay (款到发货), monthly (月结) or other.") },
  { "supplier_name_taken",         N_("A supplier named “%s” is already on the list.") },
  { "part_role",                   N_("Your role cannot change the parts catalogue; it is the supervisor's.") },
  { "part_number_taken",           N_("Part number “%s” is already in the catalogue.") },
  { "stock_count_negative",        N_("A stock count of “%s” is not possible: enter a whole number of zero or more.") },
  { "customer_role",               N_("Your role cannot change customers; the front desk or a supervisor keeps them.") },
  { "customer_unknown",            N_("There is no customer %s (it may have been merged into another).") },
  { "customer_merge_self",         N_("A customer cannot be merged into itself; choose the other record of the duplicate.") },
  { "device_role",                 N_("Your role cannot change the machines' records; the front desk or a supervisor keeps them.") },
  { "device_unknown",              N_("There is no machine %s.") },
  { "device_serial_other_customer", N_("Serial number “%s” belongs to another customer's machine: move the machine to this customer, or check the serial.") },
  { "device_category",             N_("Unknown machine category “%s”.") },
  { "device_purchase_future",      N_("The purchase date %s lies in the future.") },
  { "arrive_serial_known",         N_("This order already has the serial %s; change it with “Correct details”.") },
  { "device_warranty_before_purchase", N_("The warranty cannot end on %s, before the machine was bought.") },
  { "stock_role",                  N_("Your role cannot receive or reserve parts; a supervisor does, or the engineer for an order of their own.") },
  { "stock_not_your_order",        N_("This order is not assigned to you: receive or reserve parts only for your own orders.") },
  { "stock_order_closed",          N_("Order %s is closed: parts cannot be received or reserved for it any more.") },
  { "stocktake_role",              N_("Your role cannot take stock; the stocktake is the supervisor's.") },
  { "stock_reason_missing",        N_("Write why the count of %s differs from the stock (the reason for the correction).") },
};

static const char *
json_member (JsonObject *o, const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
    ? json_node_get_string (n) : NULL;
}

static WxOrderState
state_or (const char *code, WxOrderState fallback)
{
  WxOrderState s = fallback;

  wx_workflow_state_from_code (code, &s);
  return s;
}

char *
wx_db_conflict_sentence (const char *by,
                         const char *at,
                         gboolean    today,
                         const char *state)
{
  g_autofree char *when = NULL;

  if (at && today && strlen (at) >= 16)
    when = g_strdup (at + 11);
  else
    when = g_strdup (at ? at : "?");
  return g_strdup_printf (_("Changed by %s at %s, before your change was saved; the order now shows “%s”. Check it and try again."),
                          by ? by : "?", when, wx_order_state_label (state_or (state, WX_ORDER_STATE_RECEIVED)));
}

/* The sentence for an error the workflow raised (SQLSTATE WXnnn), from the
 * DETAIL it carries; NULL when it is not one of them. */
static char *
workflow_sentence (const char *sqlstate, const char *detail)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o = NULL;

  if (sqlstate == NULL || !g_str_has_prefix (sqlstate, "WX") || detail == NULL)
    return NULL;
  if (detail[0] == '{' && json_parser_load_from_data (parser, detail, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    o = json_node_get_object (json_parser_get_root (parser));

  if (g_str_equal (sqlstate, "WX404"))
    return g_strdup_printf (_("There is no service order %s."), detail);
  /* Not enough in stock (data/sql/008_records.sql). */
  if (g_str_equal (sqlstate, "WX410") && o)
    return g_strdup_printf (_("Only %s of “%s” (%s) in stock."),
                            json_member (o, "stock") ? json_member (o, "stock") : "0",
                            json_member (o, "name") ? json_member (o, "name") : "?",
                            json_member (o, "part_number") ? json_member (o, "part_number") : "?");
  if (g_str_equal (sqlstate, "WX409") && o)
    return wx_db_conflict_sentence (json_member (o, "by"), json_member (o, "at"),
                                    json_object_has_member (o, "today") && json_object_get_boolean_member (o, "today"),
                                    json_member (o, "state"));
  if (g_str_equal (sqlstate, "WX001") && o && json_member (o, "event"))
    return g_strdup_printf (_("“%s” is not allowed while the order is “%s”."),
                            wx_workflow_event_label (json_member (o, "event")),
                            wx_order_state_label (state_or (json_member (o, "from"), WX_ORDER_STATE_RECEIVED)));
  if (g_str_equal (sqlstate, "WX001") && o && json_member (o, "from"))
    return g_strdup_printf (_("The order cannot go from “%s” to “%s”: the workflow has no such step for your role."),
                            wx_order_state_label (state_or (json_member (o, "from"), WX_ORDER_STATE_RECEIVED)),
                            wx_order_state_label (state_or (json_member (o, "to"), WX_ORDER_STATE_RECEIVED)));
  if (g_str_equal (sqlstate, "WX001") && o)
    return g_strdup_printf (_("A new order cannot start as “%s”."),
                            wx_order_state_label (state_or (json_member (o, "to"), WX_ORDER_STATE_RECEIVED)));
  if (g_str_equal (sqlstate, "WX403") && o && json_member (o, "roles"))
    {
      g_auto(GStrv) names = g_strsplit (json_member (o, "roles"), ",", -1);
      WxRole allowed = WX_ROLE_NONE;
      g_autofree char *who = NULL;

      for (guint i = 0; names[i]; i++)
        {
          WxRole r;
          if (wx_role_from_name (names[i], &r))
            allowed |= r;
        }
      who = wx_roles_describe (allowed);
      return g_strdup_printf (_("Your role cannot do “%s”; it is for the %s."),
                              wx_workflow_event_label (json_member (o, "event")), who);
    }
  if (g_str_equal (sqlstate, "WX422"))
    {
      g_auto(GStrv) codes = g_strsplit (detail, ",", -1);
      WxNeed missing = WX_NEED_NONE;

      for (guint i = 0; codes[i]; i++)
        {
          WxNeed n;
          if (wx_need_from_code (codes[i], &n))
            missing |= n;
        }
      return wx_workflow_describe_missing (missing);
    }
  return NULL;
}

/* A rule's sentence with the value its DETAIL names ({"value": …}). */
static char *
rule_sentence (const char *format, const char *detail)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *echo = NULL;
  const char *value = NULL;

  if (detail && detail[0] == '{' && json_parser_load_from_data (parser, detail, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    value = json_member (json_node_get_object (json_parser_get_root (parser)), "value");
  echo = wx_error_echo (value ? value : "");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (format, echo);
#pragma GCC diagnostic pop
}

/* A field's rule (wx_field_*): core's sentence for the field and limit the
 * DETAIL names ({"field": …, "max": …}). */
static char *
field_sentence (const char *rule, const char *detail)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  JsonNode *max;

  if (detail == NULL || detail[0] != '{' || !json_parser_load_from_data (parser, detail, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  max = json_object_get_member (o, "max");
  return wx_field_rule_sentence (rule, json_member (o, "field"),
                                 max && JSON_NODE_HOLDS_VALUE (max) ? json_node_get_int (max) : 0);
}

/* The server's own state or limits, which the user cannot fix by changing
 * what they typed: too many connections, starting up, shutting down.
 * `text` (the server's message, in English on a server left in the C
 * locale) tells "shutting down" from "starting up" under 57P03; NULL
 * when `sqlstate` is none of these. */
static const char *
server_state_sentence (const char *sqlstate,
                       const char *text)
{
  if (sqlstate == NULL)
    return NULL;
  if (g_str_equal (sqlstate, "53300"))
    return _("The database server has no free connection left (too many are open); close Weixiu on a PC that does not need it, or ask the administrator to allow more, then try again.");
  if (g_str_equal (sqlstate, "57P01") || g_str_equal (sqlstate, "57P02") ||
      (g_str_equal (sqlstate, "57P03") && text && strstr (text, "shutting down")))
    return _("The database server is shutting down or restarting; wait until it is back, then try again.");
  if (g_str_equal (sqlstate, "57P03"))
    return _("The database server is starting up; wait a moment and try again.");
  /* read_only_sql_transaction: a standby (server setup --standby). */
  if (g_str_equal (sqlstate, "25006"))
    return _("This server is a standby and only answers reads: log in to the primary, or have the administrator promote this one.");
  return NULL;
}

char *
wx_db_message_sqlstate (const char *message)
{
  const char *found = NULL;

  /* libpq writes "SEVERITY:  SQLSTATE: text" (two spaces, whatever the
   * language of the severity). */
  for (const char *p = message ? strstr (message, ":  ") : NULL; p; p = strstr (p + 1, ":  "))
    {
      const char *code = p + 3;
      gboolean ok = strlen (code) > 6 && code[5] == ':' && code[6] == ' ';

      for (int i = 0; ok && i < 5; i++)
        ok = g_ascii_isdigit (code[i]) || g_ascii_isupper (code[i]);
      if (ok)
        found = code;
    }
  return found ? g_strndup (found, 5) : NULL;
}

void
wx_db_set_connect_error (GError     **error,
                         const char  *message,
                         gboolean     needs_password,
                         PGPing       ping)
{
  g_autofree char *sqlstate = wx_db_message_sqlstate (message);
  const char *server = server_state_sentence (sqlstate, message);

  g_debug ("connect failed (%s): %s", sqlstate ? sqlstate : "-", message ? message : "");
  if (server)
    g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_UNAVAILABLE, server);
  else if (message && strstr (message, "root certificate file") && strstr (message, "does not exist"))
    g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_DENIED,
                         _("This PC does not have the shop's CA certificate; copy shop-ca.crt from the server to /etc/weixiu/ (or to ~/.config/weixiu/), then try again."));
  else if (message && strstr (message, "certificate verify failed"))
    g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_DENIED,
                         _("The server's certificate is not signed by the shop's CA; this may not be the shop's server. Check the server's name, or install the shop's CA certificate again."));
  else if (message && strstr (message, "does not match host name"))
    g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_DENIED,
                         _("The server's certificate is for another name; connect with the server's name as given to “weixiu-admin server setup”."));
  else if (message && (strstr (message, "does not support SSL") || strstr (message, "SSL was required")))
    g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_DENIED,
                         _("The server does not offer an encrypted connection; Weixiu does not send passwords and customers' data in plain text. Ask the administrator to run “weixiu-admin server setup”."));
  else if (needs_password)
    g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_DENIED,
                         _("The server needs a password for this user."));
  else if (sqlstate && g_str_has_prefix (sqlstate, "28"))
    /* 28P01 wrong password, 28000 no such role or no pg_hba.conf line:
     * the server will not say which, to a stranger. */
    g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_DENIED,
                         _("The server did not accept the user name or password."));
  else if (sqlstate && g_str_equal (sqlstate, "3D000"))
    g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND,
                         _("The database does not exist on that server; check the database name or run “weixiu-admin init”."));
  else if (sqlstate && g_str_equal (sqlstate, "42501"))
    g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_DENIED,
                         _("Your login may not use this database; ask the administrator."));
  else if (ping == PQPING_NO_ATTEMPT)
    g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_INVALID,
                         _("The connection string is not valid; write it like “host=server dbname=weixiu user=name”."));
  else if (sqlstate == NULL || ping == PQPING_NO_RESPONSE || ping == PQPING_REJECT)
    /* No answer from a server (refused, timed out, no such host). */
    g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_UNAVAILABLE,
                         _("The database server cannot be reached; check the network or start the server, then try again."));
  else
    g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                         _("The database server refused the connection; tell the administrator if it keeps happening."));
}

void
wx_db_set_error_from_result (GError        **error,
                             const PGresult *result,
                             PGconn         *conn)
{
  const char *sqlstate = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *constraint = result ? PQresultErrorField (result, PG_DIAG_CONSTRAINT_NAME) : NULL;
  const char *datatype = result ? PQresultErrorField (result, PG_DIAG_DATATYPE_NAME) : NULL;
  WxDbError code = wx_db_error_code_for_state (sqlstate);
  const char *message = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *workflow = workflow_sentence (sqlstate, result ? PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL) : NULL);

  /* The raw text goes to the log for whoever debugs; the user gets a sentence. */
  g_debug ("database error %s: %s", sqlstate ? sqlstate : "-",
           primary ? primary : (conn ? PQerrorMessage (conn) : "no connection"));

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if ((constraint && g_str_equal (constraint, rules[i].name)) ||
        (datatype && g_str_equal (datatype, rules[i].name)))
      {
        message = _(rules[i].sentence);
        if (strstr (message, "%s"))
          message = filled = rule_sentence (message, result ? PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL) : NULL);
        break;
      }
  if (message == NULL && constraint && g_str_has_prefix (constraint, "wx_field_"))
    message = filled = field_sentence (constraint, result ? PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL) : NULL);

  /* A rule named by the function (CONSTRAINT) says more than its code. */
  if (workflow && message == NULL)
    message = workflow;
  if (message == NULL)
    message = server_state_sentence (sqlstate, primary);
  if (message == NULL)
    switch (code)
      {
      case WX_DB_ERROR_CONFLICT:
        message = _("Someone else changed the same data at the same moment; reload and try again.");
        break;
      case WX_DB_ERROR_NOT_FOUND:
        message = _("What you asked for does not exist (any more).");
        break;
      case WX_DB_ERROR_DENIED:
        message = sqlstate && g_str_has_prefix (sqlstate, "28")
          ? _("The server did not accept the user name or password.")
          : _("Your role is not allowed to do this; ask a supervisor or the administrator.");
        break;
      case WX_DB_ERROR_INVALID:
        message = sqlstate && g_str_equal (sqlstate, "23505")
          ? _("This already exists; a duplicate cannot be saved.")
          : sqlstate && g_str_equal (sqlstate, "23503")
          ? _("This refers to something that does not exist, or is still used elsewhere.")
          : sqlstate && g_str_equal (sqlstate, "23502")
          ? _("A required value is missing.")
          : _("A value was refused because it is not valid; check what you typed.");
        break;
      case WX_DB_ERROR_UNAVAILABLE:
        message = _("The database server cannot be reached; check the network or start the server, then try again.");
        break;
      case WX_DB_ERROR_FAILED:
      default:
        message = _("The database could not complete the request; try again, and tell the administrator if it keeps happening.");
        break;
      }

  g_set_error_literal (error, WX_DB_ERROR, code, message);
}
