/* wx-scan-catcher.h — a barcode scanner at the front desk: the claim
 * check's order number typed by the scanner (fast keys, then Enter) is
 * caught whatever has the focus in the window, and said with "scanned". */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WX_TYPE_SCAN_CATCHER (wx_scan_catcher_get_type ())
G_DECLARE_FINAL_TYPE (WxScanCatcher, wx_scan_catcher, WX, SCAN_CATCHER, GObject)

/* Watches the keys of `window` (its capture phase, before any widget).
 * Keys count as a scan when at least WX_SCAN_MIN_CHARS letters, digits or
 * hyphens and the Enter after them each come within WX_SCAN_GAP_MS of the
 * one before (the X server's timestamps): no one types that fast. The scan
 * is then taken out of the field that had the focus, its Enter never
 * reaches the focused widget, and "scanned" (const char *text) is emitted.
 * With the focus outside any text field, letters and digits go nowhere
 * else: they are kept, and an Enter after them is a scan at any speed. */
#define WX_SCAN_GAP_MS    45
#define WX_SCAN_MIN_CHARS 6

WxScanCatcher *wx_scan_catcher_new (GtkWidget *window);

G_END_DECLS
