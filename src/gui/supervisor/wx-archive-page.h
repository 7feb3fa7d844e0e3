/* wx-archive-page.h — the reports the periodic jobs archived (the weekly
 * report every Monday, the month's on the 1st, each as PDF and xlsx),
 * newest first; choosing a PDF shows its pages beside the list (rendered
 * with poppler-glib), and any of them opens in the PC's own program
 * (the PDF viewer, the spreadsheet) through a copy in the user's cache.
 * Actions: archive.reload, archive.select (x: an archive id),
 * archive.open-outside. Signal: "loaded" (GError *). */
#pragma once

#include <gtk/gtk.h>

#include "db/wx-db-jobs.h"
#include "wx-list-page.h"

G_BEGIN_DECLS

#define WX_TYPE_ARCHIVE_PAGE (wx_archive_page_get_type ())
G_DECLARE_FINAL_TYPE (WxArchivePage, wx_archive_page, WX, ARCHIVE_PAGE, WxListPage)

#define wx_archive_page_new() GTK_WIDGET (g_object_new (WX_TYPE_ARCHIVE_PAGE, NULL))
/* As loaded: WxArchivedReport. */
#define wx_archive_page_get_reports(self) wx_list_page_get_items (WX_LIST_PAGE (self))
/* The pages of the PDF shown (0 while none is, or while it loads). */
guint       wx_archive_page_get_n_pages (WxArchivePage *self);
const char *wx_archive_page_get_message (WxArchivePage *self);

G_END_DECLS
