/* The step catalogue (src/core/wx-workflow.c transitions[]) has no dead
 * end: every step's data is asked for by the dialog its form names, and a
 * step that runs at once needs nothing. */
#include <glib.h>

#include "core/wx-visit.h"
#include "core/wx-workflow.h"
#include "gui/dialogs/wx-step-dialog.h"

/* A generic-dialog step: a field for every need and every fill. */
static void
test_step_form_asks_everything (void)
{
  guint n, checked = 0;
  const WxTransition *t = wx_workflow_transitions (&n);

  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) fills = g_strsplit (t[i].fills, " ", -1);

      if (t[i].form != WX_FORM_STEP)
        continue;
      for (guint bit = 0; bit < WX_N_NEEDS; bit++)
        {
          WxNeed need = 1u << bit;

          if (!(t[i].needs & need) || need == WX_NEED_QUOTE_LINES)
            continue;   /* quote lines: the dialog's lines editor */
          if (wx_need_key (need) == NULL || !wx_step_dialog_asks (wx_need_key (need)))
            g_error ("step %s (row %u) needs %s, which its dialog does not ask for",
                     t[i].event, i + 1, wx_need_to_code (need));
        }
      for (guint j = 0; fills[j]; j++)
        if (*fills[j] && !wx_step_dialog_asks (fills[j]))
          g_error ("step %s (row %u) fills %s, which its dialog does not ask for", t[i].event, i + 1, fills[j]);
      checked++;
    }
  g_assert_cmpuint (checked, >, 20);
}

/* A step that runs at once needs nothing; a visit step is one of the
 * visit dialog's; the others name a dialog of their own. */
static void
test_other_forms (void)
{
  guint n;
  const WxTransition *t = wx_workflow_transitions (&n);

  for (guint i = 0; i < n; i++)
    {
      WxVisitStep step;
      WxVisitOutcome outcome;

      switch (t[i].form)
        {
        case WX_FORM_NONE:
          if (t[i].needs != WX_NEED_NONE)
            g_error ("step %s (row %u) runs at once but needs data", t[i].event, i + 1);
          break;
        case WX_FORM_VISIT:
          if (t[i].from == WX_ANY_OPEN_STATE || !wx_visit_step_for_event (t[i].event, t[i].from, &step, &outcome))
            g_error ("step %s (row %u) is no step of the visit dialog", t[i].event, i + 1);
          break;
        case WX_FORM_REPAIR:
          g_assert_true (t[i].needs & WX_NEED_REPAIR_RECORD);
          break;
        case WX_FORM_INSPECTION:
        case WX_FORM_PART_ORDER:
        case WX_FORM_REVIEW:
        case WX_FORM_STEP:
          break;
        case WX_N_FORMS:
        default:
          g_assert_not_reached ();
        }
      g_assert_nonnull (wx_step_form_to_code (t[i].form));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/catalogue/step-form-asks-everything", test_step_form_asks_everything);
  g_test_add_func ("/catalogue/other-forms", test_other_forms);
  return g_test_run ();
}
