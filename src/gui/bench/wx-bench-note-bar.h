/* wx-bench-note-bar.h — the work log's note bar: an order (optional) and a
 * note for the engineer's work log (a call, a part fetched, what is left
 * for tomorrow), written today. Signals: "notice" (a sentence for the
 * window's notice bar, and whether it is an error), "added" (the note is
 * in the log). Enter in the note, and the Add note button, run the
 * window's "win.add-note". */
#pragma once

#include <gtk/gtk.h>

#include "gui/wx-board-session.h"

G_BEGIN_DECLS

#define WX_TYPE_BENCH_NOTE_BAR (wx_bench_note_bar_get_type ())
G_DECLARE_FINAL_TYPE (WxBenchNoteBar, wx_bench_note_bar, WX, BENCH_NOTE_BAR, GtkWidget)

void wx_bench_note_bar_set_session (WxBenchNoteBar *self,
                                    WxBoardSession *session);
/* Writes the note (`number` NULL or "": about no order); an empty or too
 * long note is refused at once with a notice. */
void wx_bench_note_bar_add         (WxBenchNoteBar *self,
                                    const char     *number,
                                    const char     *text);
/* As the Add note button does: what the entries hold. */
void wx_bench_note_bar_add_entered (WxBenchNoteBar *self);

G_END_DECLS
