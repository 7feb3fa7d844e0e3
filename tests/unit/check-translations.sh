#!/bin/sh
# Every user-visible string in po/POTFILES has its zh_CN translation: extract
# the strings afresh, merge them into zh_CN.po and fail on any untranslated or
# fuzzy message, naming it.
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --package-name=weixiu --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --directory="$src" --files-from="$src/po/POTFILES" -o "$tmp/weixiu.pot" 2>"$tmp/xgettext.log" || {
  cat "$tmp/xgettext.log"; exit 1; }
if grep -q 'warning' "$tmp/xgettext.log"; then cat "$tmp/xgettext.log"; exit 1; fi
msgmerge --quiet --no-fuzzy-matching "$src/po/zh_CN.po" "$tmp/weixiu.pot" -o "$tmp/zh_CN.po"
msgfmt --check -o /dev/null "$tmp/zh_CN.po"
missing=$(msgattrib --untranslated --no-obsolete "$tmp/zh_CN.po"; msgattrib --only-fuzzy --no-obsolete "$tmp/zh_CN.po")
if [ -n "$missing" ]; then
  echo "zh_CN.po lacks these translations (run: ninja weixiu-pot, then translate):"
  echo "$missing"
  exit 1
fi
echo "$(grep -c '^msgid ' "$tmp/weixiu.pot") messages, all translated"
