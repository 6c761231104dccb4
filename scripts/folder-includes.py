#!/usr/bin/env python3
# folder-includes.py [FILE...] — rewrites #include "name.h" into #include "folder/name.h" for
# every header that lives in a folder of core/, so that code written before core/ had folders
# (an old branch, a patch) builds with core/ as the one include directory. Only include lines
# change. Without arguments: every .c and .h under core/ and tests/.
import os, re, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
core = os.path.join(root, 'core')
home = {}
for d, _, names in os.walk(core):
    for n in names:
        if n.endswith('.h') and d != core:
            rel = os.path.relpath(os.path.join(d, n), core)
            if n[:-2] in home and home[n[:-2]] != rel:
                sys.exit('folder-includes: %s and %s share a name' % (home[n[:-2]], rel))
            home[n[:-2]] = rel
files = sys.argv[1:] or [os.path.join(d, n) for top in ('core', 'tests')
                         for d, _, names in os.walk(os.path.join(root, top))
                         if 'node_modules' not in d for n in names if n.endswith(('.c', '.h'))]
pat = re.compile(r'^(\s*#\s*include\s*")([A-Za-z0-9_]+)\.h"', re.M)
for f in files:
    s = open(f).read()
    t = pat.sub(lambda m: m.group(1) + home[m.group(2)] + '"'
                if m.group(2) in home else m.group(0), s)
    if t != s:
        open(f, 'w').write(t)
        print('folder-includes: ' + os.path.relpath(f, root))
