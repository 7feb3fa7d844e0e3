#define G_LOG_DOMAIN "wx-db"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wx-db-ca.h"
#include "wx-db-error.h"

#define PEM_BEGIN "-----BEGIN CERTIFICATE-----"
#define PEM_END   "-----END CERTIFICATE-----"

char *
wx_db_shop_ca_user_file (void)
{
  return g_build_filename (g_get_user_config_dir (), "weixiu", "shop-ca.crt", NULL);
}

char *
wx_db_shop_ca_file (void)
{
  const char *env = g_getenv ("WEIXIU_CA");
  g_autofree char *user = wx_db_shop_ca_user_file ();

  if (env && *env)
    return g_strdup (env);
  if (g_file_test (user, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&user);
  return g_strdup (WX_DB_SYSTEM_CA);
}

/* Each PEM block decodes to a DER SEQUENCE (0x30). */
static guint
count_certificates (const char *text)
{
  guint n = 0;

  for (const char *p = strstr (text, PEM_BEGIN); p; p = strstr (p, PEM_BEGIN))
    {
      const char *body = p + strlen (PEM_BEGIN);
      const char *end = strstr (body, PEM_END);
      g_autofree char *b64 = NULL;
      g_autofree guchar *der = NULL;
      gsize len = 0;

      if (end == NULL)
        return 0;
      b64 = g_strndup (body, (gsize) (end - body));
      der = g_base64_decode (g_strstrip (b64), &len);
      if (len < 64 || der[0] != 0x30)
        return 0;
      n++;
      p = end + strlen (PEM_END);
    }
  return n;
}

gboolean
wx_db_shop_ca_import (const char *from, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *to = wx_db_shop_ca_user_file ();
  g_autofree char *dir = g_path_get_dirname (to);
  g_autofree char *name = g_path_get_basename (from);
  gsize len = 0;

  if (!g_file_get_contents (from, &text, &len, NULL) || len > 1024 * 1024 || memchr (text, '\0', len))
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID, _("“%s” cannot be read as a certificate file."), name);
      return FALSE;
    }
  if (strstr (text, "PRIVATE KEY"))
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID,
                   _("“%s” holds a private key: import the CA's certificate (shop-ca.crt), never its key."), name);
      return FALSE;
    }
  if (count_certificates (text) == 0)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID,
                   _("“%s” is not a certificate: choose the shop-ca.crt file that the server setup printed."), name);
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (to, text, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT, 0644, NULL))
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID, _("The certificate cannot be saved in %s: %s"), dir,
                   g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}
