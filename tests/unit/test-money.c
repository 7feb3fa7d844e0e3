/* Chinese capital numerals (大写金额) as printed on quotes. */
#include <locale.h>

#include "core/wx-money.h"

static const struct {
  WxMoney     fen;
  const char *capital;
} capital_cases[] = {
  { 0,             "零元整" },
  /* fen only */
  { 1,             "壹分" },
  { 5,             "伍分" },
  { 50,            "伍角整" },
  { 35,            "叁角伍分" },
  /* whole yuan; 拾 always with its digit */
  { 100,           "壹元整" },
  { 1000,          "壹拾元整" },
  { 1500,          "壹拾伍元整" },
  { 10000,         "壹佰元整" },
  { 12000,         "壹佰贰拾元整" },
  /* 角 and 分: 零 before a lone 分, none after a zero 元 digit before 角 */
  { 10050,         "壹佰元伍角整" },
  { 12050,         "壹佰贰拾元伍角整" },
  { 105,           "壹元零伍分" },
  { 32504,         "叁佰贰拾伍元零肆分" },
  { 168032,        "壹仟陆佰捌拾元叁角贰分" },
  { 140950,        "壹仟肆佰零玖元伍角整" },
  /* zeros inside the yuan: one 零 per run */
  { 100100,        "壹仟零壹元整" },
  { 100001,        "壹仟元零壹分" },
  { 1000100,       "壹万零壹元整" },
  { 1010000,       "壹万零壹佰元整" },
  { 1640902,       "壹万陆仟肆佰零玖元零贰分" },
  { 10010000,      "壹拾万零壹佰元整" },
  { 10700053,      "壹拾万柒仟元伍角叁分" },
  { 11000000,      "壹拾壹万元整" },
  /* 万 and 亿 groups, an empty 万 group, big amounts */
  { 1000000000,    "壹仟万元整" },
  { 1000000001,    "壹仟万元零壹分" },
  { 10000000100,   "壹亿零壹元整" },
  { 10000100000,   "壹亿零壹仟元整" },
  { 10010000000,   "壹亿零壹拾万元整" },
  { 10010000100,   "壹亿零壹拾万零壹元整" },
  { 12345678912,   "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分" },
  { WX_MONEY_MAX,  "壹拾亿元整" },
};

static void
test_capital_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (capital_cases); i++)
    {
      g_autofree char *capital = wx_money_to_capital (capital_cases[i].fen);
      if (g_strcmp0 (capital, capital_cases[i].capital) != 0)
        g_error ("%" G_GINT64_FORMAT " fen: got %s, expected %s",
                 capital_cases[i].fen, capital, capital_cases[i].capital);
    }
}

/* No amount ever prints 零零, starts with 零 (except 零元整), ends with
 * 零, or puts 整 after 分. */
static void
test_capital_zero_rules (void)
{
  static const WxMoney amounts[] = {
    1, 9, 10, 11, 99, 100, 101, 110, 1001, 10001, 100000, 100010, 1000001, 10000001,
    100000001, 1000000010, 1000010001, 10000000001, 10100000000, 99999999999, WX_MONEY_MAX,
  };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *c = wx_money_to_capital (amounts[i]);
      g_assert_null (strstr (c, "零零"));
      g_assert_false (g_str_has_prefix (c, "零"));
      g_assert_false (g_str_has_suffix (c, "零"));
      g_assert_null (strstr (c, "零元"));
      g_assert_null (strstr (c, "零万"));
      g_assert_null (strstr (c, "零亿"));
      g_assert_null (strstr (c, "分整"));
      g_assert_true (g_str_has_suffix (c, "整") == (amounts[i] % 10 == 0));
    }
}

static void
test_capital_out_of_range (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *c = wx_money_to_capital (-1);
      g_assert_null (c);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*fen >= 0*");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/money/capital/table", test_capital_table);
  g_test_add_func ("/money/capital/zero-rules", test_capital_zero_rules);
  g_test_add_func ("/money/capital/out-of-range", test_capital_out_of_range);
  return g_test_run ();
}
