#!/bin/sh
# meta.sh — plugins/briefc.meta.lua, what lua-language-server reads, knows every field the host
# accepts: the brief's, the page's, the theme's and the limits' (the known[] lists of brief.c,
# wherever it lives) and a plugin option's (type, default, required, description); and every
# option key the shipped plugins use is one of those.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
META="$ROOT/plugins/briefc.meta.lua"
BRIEF_C=$(find "$ROOT/core" -name brief.c | head -n 1)
check "brief.c found" test -f "$BRIEF_C"

# The ---@field names of one ---@class block.
fields() {
    awk -v c="$1" '/^---@class / { on = ($2 == c || index($2, c ":") == 1) ; next }
        on && /^---@field / { n = $2; sub(/\?$/, "", n); print n }
        on && !/^---/ { on = 0 }' "$META"
}
# The strings of the known[] list in the C function $1 of brief.c.
known() {
    awk -v f="$1" '$0 ~ "^[a-z_ ]+[ *]" f "\\(" { on = 1 } on && /known\[\]/ { k = 1 }
        k { s = $0; while (match(s, /"[a-z_]+"/)) { print substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH) } }
        k && /NULL\}/ { exit }' "$BRIEF_C"
}
cover() { # cover CLASS FUNCTION
    fields "$1" > "f-$1.txt"
    known "$2" > "k-$1.txt"
    check "brief.c's $2 has known fields" test -s "k-$1.txt"
    for k in $(cat "k-$1.txt"); do
        check "meta class $1 has field $k" grep -qx "$k" "f-$1.txt"
    done
}
cover Brief bc_brief_load
cover BriefPage read_page
cover Theme read_theme
cover BriefLimits read_limits

fields PluginOption > f-opt.txt
for k in type default required description; do
    check "meta class PluginOption has field $k" grep -qx "$k" f-opt.txt
done
# Every key inside a shipped plugin's option specs: `name = { type = ..., description = ... }`.
grep -ho '^ *[a-z_]* = { *type = [^}]*}' "$ROOT"/plugins/*.lua "$ROOT"/briefs/*/plugins/*.lua 2>/dev/null |
    sed 's/^ *[a-z_]* = {//' | grep -o '[a-z_]* =' | sed 's/ =//' | sort -u > used.txt
check "shipped plugins declare options" test -s used.txt
for k in $(cat used.txt); do check "option key '$k' is a PluginOption field" grep -qx "$k" f-opt.txt; done
finish
