#!/usr/bin/env python3
"""Writes the function file that fills pinyin_readings (migration 025) from
Debian's Unihan data (unicode-data: Unihan_Readings.txt.bz2): for every CJK
ideograph of the basic block and extension A, its Mandarin readings without
tones (ü as v), the common one first (kMandarin), then the other modern
readings (kTGHZ2013, kXHC1983, kHanyuPinlu), so that a polyphonic
character (重 zhong/chong, 行 xing/hang) is found by each.

Usage: gen-pinyin.py Unihan_Readings.txt.bz2 OUTPUT.sql"""

import bz2
import re
import sys
import unicodedata

FIELDS = ('kMandarin', 'kTGHZ2013', 'kXHC1983', 'kHanyuPinlu')


def toneless(reading):
    decomposed = unicodedata.normalize('NFD', reading.lower()).replace('u\u0308', 'v')
    return ''.join(c for c in decomposed if not unicodedata.combining(c)).lower()


def readings_of(field, value):
    if field == 'kHanyuPinlu':
        return [re.sub(r'\(\d+\)$', '', v) for v in value.split()]
    if field in ('kTGHZ2013', 'kXHC1983'):
        out = []
        for entry in value.split():
            out.extend(entry.split(':', 1)[1].split(','))
        return out
    return value.split()


def main():
    source, output = sys.argv[1], sys.argv[2]
    found = {}
    with bz2.open(source, 'rt', encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            code, field, value = line.rstrip('\n').split('\t', 2)
            if field not in FIELDS:
                continue
            cp = int(code[2:], 16)
            if not (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF):
                continue
            per = found.setdefault(cp, {})
            per[field] = [toneless(r) for r in readings_of(field, value)]
    rows = []
    for cp in sorted(found):
        ordered = []
        for field in FIELDS:
            for r in found[cp].get(field, []):
                if re.fullmatch(r'[a-z]+', r) and r not in ordered:
                    ordered.append(r)
        if ordered:
            rows.append("('%s','{%s}')" % (chr(cp), ','.join(ordered[:4])))
    with open(output, 'w', encoding='utf-8') as out:
        out.write('-- Generated at build time by data/sql/gen-pinyin.py from %s\n'
                  '-- (Unihan kMandarin and the other modern readings); do not edit.\n'
                  '-- Refilled only when the number of characters differs.\n' % source.split('/')[-1])
        out.write('DELETE FROM pinyin_readings WHERE (SELECT count(*) FROM pinyin_readings) <> %d;\n' % len(rows))
        out.write('INSERT INTO pinyin_readings (ch, readings)\n'
                  '  SELECT v.ch, v.readings::text[] FROM (VALUES\n')
        out.write(',\n'.join(rows))
        out.write('\n  ) AS v (ch, readings)\n'
                  ' WHERE NOT EXISTS (SELECT 1 FROM pinyin_readings);\n')


if __name__ == '__main__':
    main()
