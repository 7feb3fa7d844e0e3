/* wx-staff-page.c — the administrator's staff page. */
#define G_LOG_DOMAIN "wx-staff-page"

#include <glib/gi18n.h>

#include "core/wx-error.h"
#include "core/wx-settings.h"
#include "core/wx-workflow.h"
#include "db/wx-db-staff.h"
#include "wx-form-rows.h"
#include "wx-staff-page.h"

struct _WxStaffPage
{
  WxPage            parent_instance;

  GtkSpinner       *spinner;
  GtkRevealer      *password_revealer;
  GtkLabel         *password_title;
  GtkPasswordEntry *new_password;
  GtkLabel         *password_line;
  GtkRevealer      *roles_revealer;
  GtkLabel         *roles_title;
  GtkFlowBox       *roles_box;
  GtkCheckButton   *edit_checks[4];  /* in roles_box */
  GtkLabel         *list_title;
  GtkListBox       *staff_list;
  GtkLabel         *list_line;
  GtkBox           *add_column;

  GtkEntry         *login;
  GtkEntry         *full_name;
  GtkPasswordEntry *password;
  GtkCheckButton   *role_checks[4];
  GtkLabel         *add_line;       /* under the form */

  GPtrArray        *staff;          /* WxDbStaffMember */
  char             *password_for;   /* the login the password bar is for */
  char             *roles_for;      /* the login the roles bar is for */
};

G_DEFINE_FINAL_TYPE (WxStaffPage, wx_staff_page, WX_TYPE_PAGE)

static const WxRole all_roles[] = { WX_ROLE_COORDINATOR, WX_ROLE_ENGINEER, WX_ROLE_SUPERVISOR, WX_ROLE_ADMIN };

/* ------------------------------------------------------------ the list */

static GtkWidget *
action_button (const char *label,
               const char *action,
               const char *login)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (login));
  return button;
}

static GtkWidget *
staff_row (const WxDbStaffMember *m)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *title = g_strdup_printf ("%s · %s", m->full_name, m->login);
  g_autoptr(GString) roles = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *subtitle_label;

  for (guint i = 0; i < G_N_ELEMENTS (all_roles); i++)
    if (m->roles & all_roles[i])
      g_string_append_printf (roles, "%s%s", roles->len ? _(", ") : "", wx_role_label (all_roles[i]));
  subtitle = m->active ? g_strdup (roles->str) : g_strdup_printf (_("%s · disabled: cannot log in"), roles->str);
  subtitle_label = gtk_label_new (subtitle);

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle_label), TRUE);
  gtk_widget_add_css_class (subtitle_label, m->active ? "dim-label" : "error");
  if (!m->active)
    gtk_widget_add_css_class (title_label, "dim-label");
  gtk_box_append (GTK_BOX (text), title_label);
  gtk_box_append (GTK_BOX (text), subtitle_label);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (m->active ? "avatar-default-symbolic"
                                                                        : "action-unavailable-symbolic"));
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), action_button (_("R_oles…"), "staff.edit-roles", m->login));
  gtk_box_append (GTK_BOX (box), action_button (_("_Password…"), "staff.edit-password", m->login));
  gtk_box_append (GTK_BOX (box), m->active ? action_button (_("_Disable"), "staff.disable", m->login)
                                           : action_button (_("_Enable"), "staff.enable", m->login));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
show_staff (WxStaffPage *self)
{
  GtkWidget *child;
  guint active = 0;
  g_autofree char *title = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->staff_list))))
    gtk_list_box_remove (self->staff_list, child);
  for (guint i = 0; i < self->staff->len; i++)
    {
      const WxDbStaffMember *m = g_ptr_array_index (self->staff, i);

      active += m->active;
      gtk_list_box_append (self->staff_list, staff_row (m));
    }
  title = g_strdup_printf (_("People (%u, %u may log in)"), self->staff->len, active);
  gtk_label_set_text (self->list_title, title);
}

/* ------------------------------------------------------------ loading */

WX_PAGE_DEFINE_LOAD (wx_db_staff_load)

static void
page_loaded (WxPage *page, gpointer result, const GError *error)
{
  WxStaffPage *self = WX_STAFF_PAGE (page);

  if (result)
    {
      g_ptr_array_unref (self->staff);
      self->staff = result;
      show_staff (self);
    }
  else
    wx_form_say (self->list_line, error->message, TRUE);
}

void
wx_staff_page_reload (WxStaffPage *self)
{
  g_return_if_fail (WX_IS_STAFF_PAGE (self));
  wx_page_reload (WX_PAGE (self));
}

void
wx_staff_page_set_worker (WxStaffPage *self,
                          WxDbWorker  *worker)
{
  g_return_if_fail (WX_IS_STAFF_PAGE (self));
  wx_page_set_worker (WX_PAGE (self), worker);
  wx_staff_page_reload (self);
}

GPtrArray *
wx_staff_page_get_staff (WxStaffPage *self)
{
  g_return_val_if_fail (WX_IS_STAFF_PAGE (self), NULL);
  return self->staff;
}

/* ------------------------------------------------------------ changes */

typedef enum { CHANGE_ADD, CHANGE_PASSWORD, CHANGE_DISABLE, CHANGE_ENABLE, CHANGE_ROLES } ChangeKind;

typedef struct {
  ChangeKind  kind;
  char       *login;
  char       *full_name;
  char       *password;
  WxRole      roles;
} Change;

static void
change_free (Change *c)
{
  g_free (c->login);
  g_free (c->full_name);
  if (c->password)
    memset (c->password, 0, strlen (c->password));
  g_free (c->password);
  g_free (c);
}

static const char *change_names[] = { "add", "password", "disable", "enable", "roles" };

static GtkLabel *
line_for (WxStaffPage *self, ChangeKind kind)
{
  return kind == CHANGE_ADD ? self->add_line : kind == CHANGE_PASSWORD ? self->password_line : self->list_line;
}

typedef struct {
  WxStaffPage *self;
  ChangeKind   kind;
  char        *login;
} Changed;

static void
changed_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  Changed *d = user_data;
  WxStaffPage *self = d->self;
  ChangeKind kind = d->kind;
  const char *login = d->login;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  wx_db_worker_write_finish (WX_DB_WORKER (source), res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto out;
  switch (kind)
    {
    case CHANGE_ADD:
      done = g_strdup_printf (_("Added %s; they can log in now with the password you gave."), login);
      break;
    case CHANGE_PASSWORD:
      done = g_strdup_printf (_("The password of %s was changed; the old one no longer works."), login);
      break;
    case CHANGE_DISABLE:
      done = g_strdup_printf (_("%s can no longer log in; their name stays on what they did."), login);
      break;
    case CHANGE_ROLES:
      done = g_strdup_printf (_("The roles of %s were changed; they apply from their next login."), login);
      break;
    case CHANGE_ENABLE:
    default:
      done = g_strdup_printf (_("%s can log in again."), login);
      break;
    }
  wx_form_say (line_for (self, kind), error ? error->message : done, error != NULL);
  if (error == NULL)
    {
      if (kind == CHANGE_ADD)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->login), "");
          gtk_editable_set_text (GTK_EDITABLE (self->full_name), "");
          gtk_editable_set_text (GTK_EDITABLE (self->password), "");
          wx_staff_page_set_roles (self, WX_ROLE_NONE);
        }
      if (kind == CHANGE_ROLES)
        gtk_revealer_set_reveal_child (self->roles_revealer, FALSE);
      if (kind == CHANGE_PASSWORD)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->new_password), "");
          gtk_revealer_set_reveal_child (self->password_revealer, FALSE);
        }
      wx_staff_page_reload (self);
    }
  wx_page_saved (WX_PAGE (self), change_names[kind], error);
out:
  g_object_unref (d->self);
  g_free (d->login);
  g_free (d);
}

static void
run_change (WxStaffPage *self,
            Change      *c)
{
  WxDbWorker *worker = wx_page_get_worker (WX_PAGE (self));
  GCancellable *cancellable = wx_page_get_cancellable (WX_PAGE (self));
  Changed *d;

  if (worker == NULL)
    {
      change_free (c);
      return;
    }
  d = g_new0 (Changed, 1);
  d->self = g_object_ref (self);
  d->kind = c->kind;
  d->login = g_strdup (c->login);
  switch (c->kind)
    {
    case CHANGE_ADD:
      wx_db_staff_add_async (worker, c->login, c->full_name, c->roles, c->password,
                             cancellable, changed_cb, d);
      break;
    case CHANGE_PASSWORD:
      wx_db_staff_set_password_async (worker, c->login, c->password, cancellable, changed_cb, d);
      break;
    case CHANGE_ROLES:
      wx_db_staff_set_roles_async (worker, c->login, c->roles, cancellable, changed_cb, d);
      break;
    case CHANGE_DISABLE:
    case CHANGE_ENABLE:
    default:
      wx_db_staff_set_active_async (worker, c->login, c->kind == CHANGE_ENABLE,
                                    cancellable, changed_cb, d);
      break;
    }
  change_free (c);
}

static void
refused (WxStaffPage *self,
         ChangeKind   kind,
         GError      *error)
{
  wx_form_say (line_for (self, kind), error->message, TRUE);
  wx_page_refused (WX_PAGE (self), change_names[kind]);
}

static void
add_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxStaffPage *self = WX_STAFF_PAGE (widget);
  g_autoptr(GError) error = NULL;
  Change *c = g_new0 (Change, 1);

  c->kind = CHANGE_ADD;
  c->login = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->login))));
  c->full_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->full_name))));
  c->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password)));
  for (guint i = 0; i < G_N_ELEMENTS (all_roles); i++)
    if (gtk_check_button_get_active (self->role_checks[i]))
      c->roles |= all_roles[i];
  if (!wx_staff_check_new (c->login, c->full_name, c->roles, c->password, &error))
    {
      change_free (c);
      refused (self, CHANGE_ADD, error);
      return;
    }
  run_change (self, c);
}

static void
edit_password_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxStaffPage *self = WX_STAFF_PAGE (widget);
  g_autofree char *title = NULL;

  g_free (self->password_for);
  g_free (self->roles_for);
  self->password_for = g_variant_dup_string (parameter, NULL);
  title = g_strdup_printf (_("New password for %s:"), self->password_for);
  gtk_label_set_text (self->password_title, title);
  gtk_editable_set_text (GTK_EDITABLE (self->new_password), "");
  wx_form_say (self->password_line, NULL, FALSE);
  gtk_revealer_set_reveal_child (self->password_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->new_password));
}

static void
cancel_password_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxStaffPage *self = WX_STAFF_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->new_password), "");
  gtk_revealer_set_reveal_child (self->password_revealer, FALSE);
}

static void
reset_password_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxStaffPage *self = WX_STAFF_PAGE (widget);
  g_autoptr(GError) error = NULL;
  Change *c;

  if (self->password_for == NULL)
    return;
  c = g_new0 (Change, 1);
  c->kind = CHANGE_PASSWORD;
  c->login = g_strdup (self->password_for);
  c->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_password)));
  if (!wx_staff_check_password (c->password, &error))
    {
      change_free (c);
      refused (self, CHANGE_PASSWORD, error);
      return;
    }
  run_change (self, c);
}

/* The four role checks `checks` set to `roles`. */
static void
set_checks (GtkCheckButton **checks,
            WxRole           roles)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_roles); i++)
    gtk_check_button_set_active (checks[i], (roles & all_roles[i]) != 0);
}

/* The roles bar: the person's roles as checks, saved together. */
static void
edit_roles_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxStaffPage *self = WX_STAFF_PAGE (widget);
  g_autofree char *title = NULL;
  WxRole roles = WX_ROLE_NONE;

  g_free (self->roles_for);
  self->roles_for = g_variant_dup_string (parameter, NULL);
  for (guint i = 0; self->staff && i < self->staff->len; i++)
    {
      const WxDbStaffMember *m = g_ptr_array_index (self->staff, i);
      if (g_str_equal (m->login, self->roles_for))
        roles = m->roles;
    }
  title = g_strdup_printf (_("Roles of %s:"), self->roles_for);
  gtk_label_set_text (self->roles_title, title);
  set_checks (self->edit_checks, roles);
  wx_form_say (self->list_line, NULL, FALSE);
  gtk_revealer_set_reveal_child (self->roles_revealer, TRUE);
}

static void
cancel_roles_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_revealer_set_reveal_child (WX_STAFF_PAGE (widget)->roles_revealer, FALSE);
}

static void
save_roles_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxStaffPage *self = WX_STAFF_PAGE (widget);
  Change *c;

  if (self->roles_for == NULL)
    return;
  c = g_new0 (Change, 1);
  c->kind = CHANGE_ROLES;
  c->login = g_strdup (self->roles_for);
  for (guint i = 0; i < G_N_ELEMENTS (all_roles); i++)
    if (gtk_check_button_get_active (self->edit_checks[i]))
      c->roles |= all_roles[i];
  if (c->roles == WX_ROLE_NONE)
    {
      g_autoptr(GError) error = g_error_new_literal (WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
        _("Choose at least one role: coordinator, engineer, supervisor or administrator."));
      change_free (c);
      refused (self, CHANGE_ROLES, error);
      return;
    }
  run_change (self, c);
}

void
wx_staff_page_set_edit_roles (WxStaffPage *self,
                              WxRole       roles)
{
  g_return_if_fail (WX_IS_STAFF_PAGE (self));
  set_checks (self->edit_checks, roles);
}

static void
set_active (WxStaffPage *self,
            const char  *login,
            ChangeKind   kind)
{
  Change *c = g_new0 (Change, 1);

  c->kind = kind;
  c->login = g_strdup (login);
  run_change (self, c);
}

static void
disable_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  set_active (WX_STAFF_PAGE (widget), g_variant_get_string (parameter, NULL), CHANGE_DISABLE);
}

static void
enable_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  set_active (WX_STAFF_PAGE (widget), g_variant_get_string (parameter, NULL), CHANGE_ENABLE);
}

/* ------------------------------------------------------------ fields */

void
wx_staff_page_set_field (WxStaffPage *self,
                         const char  *id,
                         const char  *text)
{
  GtkEditable *e;

  g_return_if_fail (WX_IS_STAFF_PAGE (self));
  e = g_str_equal (id, "login") ? GTK_EDITABLE (self->login)
    : g_str_equal (id, "full_name") ? GTK_EDITABLE (self->full_name)
    : g_str_equal (id, "password") ? GTK_EDITABLE (self->password)
    : g_str_equal (id, "new_password") ? GTK_EDITABLE (self->new_password)
    : NULL;
  g_return_if_fail (e != NULL);
  gtk_editable_set_text (e, text ? text : "");
}

void
wx_staff_page_set_roles (WxStaffPage *self,
                         WxRole       roles)
{
  g_return_if_fail (WX_IS_STAFF_PAGE (self));
  set_checks (self->role_checks, roles);
}

const char *
wx_staff_page_get_message (WxStaffPage *self,
                           const char  *id)
{
  g_return_val_if_fail (WX_IS_STAFF_PAGE (self), "");
  if (g_str_equal (id, "add"))
    return wx_form_said (self->add_line);
  if (g_str_equal (id, "password"))
    return wx_form_said (self->password_line);
  return wx_form_said (self->list_line);
}

static void
build_add_form (WxStaffPage *self)
{
  GtkListBox *list = wx_form_section (self->add_column, _("Add a person"),
                                      _("Creates their own login in the chosen roles. Tell them the "
                                        "password in person; they should change it soon."),
                                      _("_Add person"), "staff.add", &self->add_line);
  GtkWidget *roles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  self->login = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->login, "zhang_wei");
  self->full_name = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->full_name, _("Zhang Wei"));
  self->password = GTK_PASSWORD_ENTRY (gtk_password_entry_new ());
  gtk_password_entry_set_show_peek_icon (self->password, TRUE);
  wx_form_row (list, _("Login"), GTK_WIDGET (self->login));
  wx_form_row (list, _("Full name"), GTK_WIDGET (self->full_name));
  for (guint i = 0; i < G_N_ELEMENTS (all_roles); i++)
    {
      self->role_checks[i] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (wx_role_label (all_roles[i])));
      gtk_box_append (GTK_BOX (roles), GTK_WIDGET (self->role_checks[i]));
    }
  wx_form_row (list, _("Roles"), roles);
  wx_form_row (list, _("Initial password"), GTK_WIDGET (self->password));
}

/* ------------------------------------------------------------ class */

static void
wx_staff_page_finalize (GObject *object)
{
  WxStaffPage *self = WX_STAFF_PAGE (object);

  g_ptr_array_unref (self->staff);
  g_free (self->password_for);
  G_OBJECT_CLASS (wx_staff_page_parent_class)->finalize (object);
}

static void
wx_staff_page_class_init (WxStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WxPageClass *page_class = WX_PAGE_CLASS (klass);

  object_class->finalize = wx_staff_page_finalize;
  page_class->load = page_load;
  page_class->load_finish = page_load_finish;
  page_class->result_free = (GDestroyNotify) g_ptr_array_unref;
  page_class->loaded = page_loaded;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/supervisor/wx-staff-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WxStaffPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, WxStaffPage, password_revealer);
  gtk_widget_class_bind_template_child (widget_class, WxStaffPage, password_title);
  gtk_widget_class_bind_template_child (widget_class, WxStaffPage, new_password);
  gtk_widget_class_bind_template_child (widget_class, WxStaffPage, password_line);
  gtk_widget_class_bind_template_child (widget_class, WxStaffPage, roles_revealer);
  gtk_widget_class_bind_template_child (widget_class, WxStaffPage, roles_title);
  gtk_widget_class_bind_template_child (widget_class, WxStaffPage, roles_box);
  gtk_widget_class_bind_template_child (widget_class, WxStaffPage, list_title);
  gtk_widget_class_bind_template_child (widget_class, WxStaffPage, staff_list);
  gtk_widget_class_bind_template_child (widget_class, WxStaffPage, list_line);
  gtk_widget_class_bind_template_child (widget_class, WxStaffPage, add_column);
  gtk_widget_class_install_action (widget_class, "staff.add", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "staff.edit-password", "s", edit_password_action_cb);
  gtk_widget_class_install_action (widget_class, "staff.cancel-password", NULL, cancel_password_action_cb);
  gtk_widget_class_install_action (widget_class, "staff.reset-password", NULL, reset_password_action_cb);
  gtk_widget_class_install_action (widget_class, "staff.disable", "s", disable_action_cb);
  gtk_widget_class_install_action (widget_class, "staff.edit-roles", "s", edit_roles_action_cb);
  gtk_widget_class_install_action (widget_class, "staff.cancel-roles", NULL, cancel_roles_action_cb);
  gtk_widget_class_install_action (widget_class, "staff.save-roles", NULL, save_roles_action_cb);
  gtk_widget_class_install_action (widget_class, "staff.enable", "s", enable_action_cb);
  /* WxPage's "loaded" (GError or NULL) and "saved" ("add", "password",
   * "disable" or "enable"; GError or NULL: refused before it started, the
   * page says why) */
}

static void
wx_staff_page_init (WxStaffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->staff = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_db_staff_member_free);
  wx_page_set_spinner (WX_PAGE (self), self->spinner);
  gtk_widget_add_css_class (GTK_WIDGET (self->password_line), "error");
  build_add_form (self);
  for (guint i = 0; i < G_N_ELEMENTS (all_roles); i++)
    {
      self->edit_checks[i] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (wx_role_label (all_roles[i])));
      gtk_flow_box_append (self->roles_box, GTK_WIDGET (self->edit_checks[i]));
    }
}

GtkWidget *
wx_staff_page_new (void)
{
  return g_object_new (WX_TYPE_STAFF_PAGE, NULL);
}
