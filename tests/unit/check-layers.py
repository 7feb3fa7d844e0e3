#!/usr/bin/env python3
"""The layers' libraries refuse a wrong include (HACKING.md, "Layers").

For one source file of each layer, compile it again with the exact command
meson uses for it (from compile_commands.json), once as it is, which must
build, and once with each forbidden header forced in front of it (-include),
which must fail because the header is not found. A layer that could reach a
header of a layer to its left, or a library it may not use, fails the test;
so does a print or gui file that could reach libpq (<libpq-fe.h>, or db's
wx-db.h that needs it).

<hpdf.h>, <zint.h> and <xlsxwriter.h> sit in /usr/include itself, where every
compiler finds them: for these, the sources of core and db are searched instead.
"""
import glob
import json
import re
import os
import shlex
import subprocess
import sys

build = sys.argv[1]
source = sys.argv[2]

GUI = ['<gtk/gtk.h>', '<adwaita.h>', '<libsecret/secret.h>', '"gui/wx-application.h"']
FORBIDDEN = {
    # object folder of the target: what its files must not include
    'src/libwx-core.a.p/': ['<libpq-fe.h>', '<hb-subset.h>', '"db/wx-db.h"', '"print/wx-pdf.h"'] + GUI,
    'src/libwx-db.a.p/': ['<hb-subset.h>', '"print/wx-pdf.h"'] + GUI,
    # print and gui link libpq through db but reach none of it: db's headers
    # they may read name a PGconn only; wx-db.h (the queries) needs libpq.
    'src/libwx-print.a.p/': ['<libpq-fe.h>', '"db/wx-db.h"'] + GUI,
    'src/libwx-gui.a.p/': ['<libpq-fe.h>', '"db/wx-db.h"', '"db/wx-db-job.h"'],
    'src/weixiu-admin.p/': GUI,
}
# What the compiler says is missing when a forbidden header is found but
# what it includes is not.
MISSING = {'"db/wx-db.h"': 'libpq-fe.h', '"db/wx-db-job.h"': 'libpq-fe.h'}

with open(os.path.join(build, 'compile_commands.json')) as f:
    commands = json.load(f)


def command_for(prefix):
    for entry in commands:
        if entry['output'].startswith(prefix) and not entry['file'].endswith('wx-enums.c') \
                and 'meson-generated' not in entry['output']:
            return entry
    sys.exit(f'no compile command for {prefix} in compile_commands.json')


def compile_with(entry, extra):
    args = shlex.split(entry['command'])
    out = []
    i = 0
    while i < len(args):
        if args[i] in ('-o', '-MQ', '-MF'):
            i += 2
            continue
        if args[i] != '-MD':
            out.append(args[i])
        i += 1
    out += ['-o', os.devnull]
    if extra:
        out[1:1] = ['-include', extra.strip('<>"')]
    return subprocess.run(out, cwd=entry['directory'], capture_output=True, text=True)


n = 0
failed = 0
total = sum(1 + len(v) for v in FORBIDDEN.values()) + 2
print(f'1..{total}')
for prefix, headers in FORBIDDEN.items():
    entry = command_for(prefix)
    src = os.path.basename(entry['file'])
    n += 1
    r = compile_with(entry, None)
    if r.returncode == 0:
        print(f'ok {n} {src} builds as it is')
    else:
        failed += 1
        print(f'not ok {n} {src} does not build as it is')
        print('# ' + r.stderr.replace('\n', '\n# '))
    for h in headers:
        n += 1
        r = compile_with(entry, h)
        name = h.strip('<>"')
        missing = name if prefix in ('src/libwx-core.a.p/', 'src/libwx-db.a.p/') else MISSING.get(h, name)
        if r.returncode != 0 and f'{missing}: No such file or directory' in r.stderr:
            print(f'ok {n} {src} cannot include {h}')
        else:
            failed += 1
            print(f'not ok {n} {src} can include {h}')
            if r.returncode != 0:
                print('# ' + r.stderr.replace('\n', '\n# '))
for layer in ('core', 'db'):
    n += 1
    found = [path for path in sorted(glob.glob(os.path.join(source, 'src', layer, '*.[ch]')))
             if re.search(r'#\s*include\s*<(hpdf|zint|xlsxwriter)\.h>', open(path, encoding='utf-8').read())]
    if found:
        failed += 1
        print(f'not ok {n} src/{layer} includes <hpdf.h>, <zint.h> or <xlsxwriter.h>: ' + ' '.join(map(os.path.basename, found)))
    else:
        print(f'ok {n} src/{layer} includes none of <hpdf.h>, <zint.h>, <xlsxwriter.h>')
sys.exit(1 if failed else 0)
