#!/bin/sh
# rooms.sh [CORE] — the folder rules of core/ (ARCHITECTURE.md), one grep each. Every rule
# prints the offending lines and fails the test; `rooms.sh --selftest` breaks each rule once in
# a scratch copy of core/ and checks that the rule notices.
set -u
here=$(cd "$(dirname "$0")" && pwd)
inc='^[[:space:]]*#[[:space:]]*include[[:space:]]*' # an include line
kept='#[[:space:]]*include[[:space:]]*'              # the same inside grep -n's output
src() { find "$core" -name '*.[ch]' | sort; } # every C file under CORE

check() {
    core=$1
    bad=0
    rule() { # rule TEXT OFFENDERS...: fails when a grep below printed anything
        if [ -n "$2" ]; then printf 'rooms: %s:\n%s\n' "$1" "$2" >&2; bad=1; fi
    }
    rule "every C file lives in a folder of core/" \
        "$(find "$core" -maxdepth 1 -name '*.[ch]')"
    rule "includes of core headers name their folder (\"layout/layout.h\")" \
        "$(src | xargs grep -nE "$inc\"[^/\"]+\"")"
    rule "only lua/ includes Lua (lua.h, lauxlib.h, lualib.h)" \
        "$(src | grep -v "^$core/lua/" | xargs grep -nE "$inc<(lua|lauxlib|lualib|luaconf)\.h>")"
    rule "only pdf/ includes libharu (hpdf*.h)" \
        "$(src | grep -v "^$core/pdf/" | xargs grep -nE "$inc<hpdf")"
    rule "base/ includes nothing from the other folders" \
        "$(grep -rnE "$inc\"" "$core/base" | grep -vE "$kept\"base/")"
    rule "text/ includes only base/ and text/ (never layout/, pdf/, doc/, lua/)" \
        "$(grep -rnE "$inc\"" "$core/text" | grep -vE "$kept\"(base|text)/")"
    rule "doc/ includes only base/, text/ and doc/ (the model knows nothing of layout or Lua)" \
        "$(grep -rnE "$inc\"" "$core/doc" | grep -vE "$kept\"(base|text|doc)/")"
    rule "pdf/ includes only base/, text/, doc/, layout/ and pdf/ (no Lua, no command line)" \
        "$(grep -rnE "$inc\"" "$core/pdf" | grep -vE "$kept\"(base|text|doc|layout|pdf)/")"
    rule "layout/ never includes pdf/, cli/, batch/ or serve/ (the PDF and the commands come after it)" \
        "$(grep -rnE "$inc\"(pdf|cli|batch|serve)/" "$core/layout")"
    rule "only cli/, batch/ and serve/ include batch/ (the commands at the top)" \
        "$(src | grep -vE "^$core/(cli|batch|serve)/" | xargs grep -nE "$inc\"batch/")"
    rule "only cli/ and serve/ include serve/" \
        "$(src | grep -vE "^$core/(cli|serve)/" | xargs grep -nE "$inc\"serve/")"
    rule "an internal header (folder/x_int.h) is included only inside its folder" \
        "$(src | xargs grep -nE "$inc\"[a-z]+/[a-z_]+_int\.h\"" | awk -v c="$core/" '{
            f = substr($0, length(c) + 1); split(f, p, "/"); h = $0; sub(/^[^"]*"/, "", h)
            split(h, q, "/"); if (p[1] != q[1]) print }')"
    return $bad
}

if [ "${1:-}" = --selftest ]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    fail=0
    # FILE|LINE|the rule that must catch it
    for breakage in 'loose.c||in a folder' 'base/x.c|#include "util.h"|name their folder' \
        'layout/x.c|#include <lauxlib.h>|only lua/' 'doc/x.h|#include <hpdf.h>|only pdf/' \
        'base/x.c|#include "text/font.h"|base/ includes nothing' \
        'text/x.c|#include "layout/layout.h"|text/ includes' \
        'doc/x.c|#include "lua/api.h"|doc/ includes' \
        'pdf/x.c|#include "cli/build.h"|pdf/ includes only' \
        'cli/x.c|#include "layout/layout_int.h"|internal header' \
        'layout/x.c|#include "lua/sandbox_int.h"|internal header' \
        'layout/x.c|#include "pdf/pdf.h"|layout/ never includes' \
        'lua/x.c|#include "batch/combine.h"|only cli/, batch/ and serve/' \
        'batch/x.c|#include "serve/serve.h"|only cli/ and serve/'; do
        rm -rf "$tmp/core" && cp -R "$here/../core" "$tmp/core"
        f=${breakage%%|*}
        want=${breakage##*|}
        line=${breakage#*|}
        printf '%s\n' "${line%|*}" > "$tmp/core/$f"
        if check "$tmp/core" 2> "$tmp/err" || ! grep -q "^rooms: .*$want" "$tmp/err"; then
            echo "rooms: selftest: '$line' in $f was not caught by the rule '$want'" >&2
            fail=1
        fi
    done
    rm -rf "$tmp/core" && cp -R "$here/../core" "$tmp/core"
    check "$tmp/core" || fail=1
    [ "$fail" -eq 0 ] && echo "rooms: selftest: each of the 13 breakages is caught"
    exit "$fail"
fi
check "${1:-$here/../core}" && echo "rooms: core/ keeps its folder rules"
