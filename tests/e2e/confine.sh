#!/bin/sh
# confine.sh — every file briefc reads for a brief goes through one door (core/base/fileio.c), and
# the on-disk cache cannot be turned into a weapon (core/base/cache.c). Issue 12, classes 4 and 5.
#
# Files: a link out of the brief (plugin, module, data, bibliography, font, brief.lua) is
# refused without showing a byte of its target; a FIFO, a device or a folder where a file is
# expected is refused at once (no hang: every run is bound by timeout); a file over its kind's
# cap is refused. Each case: exit status 1, its exact message, no PDF.
# Cache: a link planted at a temporary or entry name is never written through; a folder that is
# a link, another user's, or writable by others is not used (one warning, the same PDF); an
# entry moved or transplanted onto another's key is a miss (the same bytes as a cold build).
. "$(dirname "$0")/lib.sh"

SECRET="briefc-confine-secret-$$"
OUT="$TMP/outside"
mkdir -p "$OUT"
printf 'local x = "%s" +\n' "$SECRET" > "$OUT/evil.lua" # a syntax error quoting the secret
printf '[{"id": "%s"}]\n' "$SECRET" > "$OUT/refs.json"
cp "$ROOT/fonts/NotoSerif-Regular.ttf" "$OUT/Evil-Regular.ttf"
printf 'return { title = "%s", sections = { section "prose" { paragraphs = { "x" } } } }\n' \
    "$SECRET" > "$OUT/brief.lua"

# new_brief NAME SECTION-PLUGIN [EXTRA-BRIEF-FIELDS]: a brief with one section in $TMP/NAME
new_brief() {
    d="$TMP/$1"
    mkdir -p "$d/plugins" "$d/data" "$d/fonts"
    printf 'return {\n  title = "confine %s",%s\n  sections = { section "%s" },\n}\n' \
        "$1" "${3:-}" "$2" > "$d/brief.lua"
}

# plugin NAME FILE BODY: a plugin whose render runs BODY
plugin() {
    printf 'return { name = "%s", version = "1", api = 1,\n  render = function(s, ctx)\n    %s\n  end }\n' \
        "$1" "$3" > "$2"
}

# refused NAME EXPECTED: builds $TMP/NAME; exit 1, the message, no PDF, the secret not shown
refused() {
    msg=$(cd "$TMP" && timeout 20 "$BRIEFC" build "$1" -o "$1.pdf" 2>&1); rc=$?
    check "$1: exit status 1 (got $rc)" test "$rc" -eq 1
    check "$1: no PDF" test ! -e "$TMP/$1.pdf"
    if printf '%s' "$msg" | grepq -F -- "$2"; then ok; else bad "$1: expected '$2' in: $msg"; fi
    if printf '%s' "$msg" | grepq -F -- "$SECRET"; then bad "$1: the target's content leaked: $msg"; else ok; fi
}

# {============================================== files outside the brief

# a plugin linked out of the brief: refused unread, at the section that asked for it
new_brief link_plugin evil
ln -s "$OUT/evil.lua" "$TMP/link_plugin/plugins/evil.lua"
refused link_plugin "link_plugin/brief.lua:3: error: plugin 'evil': 'link_plugin/plugins/evil.lua' is outside the brief folder and the plugin path; copy the file inside rather than linking to it"

# a plugin linked to /dev/zero: refused before a byte is read
new_brief zero_plugin zero
ln -s /dev/zero "$TMP/zero_plugin/plugins/zero.lua"
refused zero_plugin "zero_plugin/brief.lua:3: error: plugin 'zero': 'zero_plugin/plugins/zero.lua' is outside the brief folder and the plugin path"

# a plugin linked to nothing outside: the same refusal, so nothing outside can be probed
new_brief dangling_plugin ghost
ln -s "$OUT/no-such-file.lua" "$TMP/dangling_plugin/plugins/ghost.lua"
refused dangling_plugin "dangling_plugin/brief.lua:3: error: plugin 'ghost': 'dangling_plugin/plugins/ghost.lua' is outside the brief folder and the plugin path; copy the file inside rather than linking to it"

# a plugin that is a FIFO: no writer will ever come; the open must not wait for one
new_brief fifo_plugin fifo
mkfifo "$TMP/fifo_plugin/plugins/fifo.lua"
refused fifo_plugin "fifo_plugin/brief.lua:3: error: plugin 'fifo': 'fifo_plugin/plugins/fifo.lua' is a named pipe (FIFO), not a regular file"

# a folder where the plugin file should be
new_brief dir_plugin folder
mkdir "$TMP/dir_plugin/plugins/folder.lua"
refused dir_plugin "dir_plugin/brief.lua:3: error: plugin 'folder': 'dir_plugin/plugins/folder.lua' is a folder, not a regular file"

# a plugin over the 4 MB cap for Lua source (sparse: nothing is written)
new_brief big_plugin big
truncate -s $((4 * 1024 * 1024 + 1)) "$TMP/big_plugin/plugins/big.lua"
refused big_plugin "'big_plugin/plugins/big.lua' is larger than 4 MB, the limit for a Lua source file"

# a required module linked out of the brief, and one linked to /dev/zero
new_brief link_module usesmod
plugin usesmod "$TMP/link_module/plugins/usesmod.lua" 'require "evilmod"'
ln -s "$OUT/evil.lua" "$TMP/link_module/plugins/evilmod.lua"
refused link_module "link_module/plugins/usesmod.lua:3: error: require 'evilmod': 'link_module/plugins/evilmod.lua' is outside the brief folder and the plugin path"
new_brief zero_module usesmod
plugin usesmod "$TMP/zero_module/plugins/usesmod.lua" 'require "zeromod"'
ln -s /dev/zero "$TMP/zero_module/plugins/zeromod.lua"
refused zero_module "zero_module/plugins/usesmod.lua:3: error: require 'zeromod': 'zero_module/plugins/zeromod.lua' is outside the brief folder and the plugin path"
new_brief fifo_module usesmod
plugin usesmod "$TMP/fifo_module/plugins/usesmod.lua" 'require "fifomod"'
mkfifo "$TMP/fifo_module/plugins/fifomod.lua"
refused fifo_module "fifo_module/plugins/usesmod.lua:3: error: require 'fifomod': 'fifo_module/plugins/fifomod.lua' is a named pipe (FIFO), not a regular file"

# data: a FIFO, a folder, a file over the 64 MB cap (sparse)
for case in fifo_data dir_data big_data; do
    new_brief $case reader
    plugin reader "$TMP/$case/plugins/reader.lua" 's:paragraph(ctx:read_text("data/x"))'
done
mkfifo "$TMP/fifo_data/data/x"
mkdir "$TMP/dir_data/data/x"
truncate -s $((64 * 1024 * 1024 + 1)) "$TMP/big_data/data/x"
refused fifo_data "fifo_data/plugins/reader.lua:3: error: 'data/x' is a named pipe (FIFO), not a regular file"
refused dir_data "dir_data/plugins/reader.lua:3: error: 'data/x' is a folder, not a regular file"
refused big_data "big_data/plugins/reader.lua:3: error: 'data/x' is larger than 64 MB, the limit for a data file"
# data linked out: the same message whether the target exists or not (no probing outside)
for case in link_data dangling_data; do
    new_brief $case reader
    plugin reader "$TMP/$case/plugins/reader.lua" 's:paragraph(ctx:read_text("data/x"))'
done
ln -s "$OUT/refs.json" "$TMP/link_data/data/x"
ln -s "$OUT/no-such-file" "$TMP/dangling_data/data/x"
refused link_data "link_data/plugins/reader.lua:3: error: 'data/x' is outside the brief folder; copy the file inside rather than linking to it"
refused dangling_data "dangling_data/plugins/reader.lua:3: error: 'data/x' is outside the brief folder; copy the file inside rather than linking to it"
new_brief csv_fifo reader
plugin reader "$TMP/csv_fifo/plugins/reader.lua" 'ctx:csv("data/x.csv")'
mkfifo "$TMP/csv_fifo/data/x.csv"
refused csv_fifo "csv_fifo/plugins/reader.lua:3: error: 'data/x.csv' is a named pipe (FIFO), not a regular file"

# the bibliography: linked out, a FIFO
new_brief link_bib prose ' bibliography = "refs.json",'
ln -s "$OUT/refs.json" "$TMP/link_bib/refs.json"
refused link_bib "link_bib/refs.json: error: 'link_bib/refs.json' is outside the brief folder; copy the file inside rather than linking to it"
new_brief fifo_bib prose ' bibliography = "refs.json",'
mkfifo "$TMP/fifo_bib/refs.json"
refused fifo_bib "fifo_bib/refs.json: error: 'fifo_bib/refs.json' is a named pipe (FIFO), not a regular file"

# a brief font: linked out, a FIFO, /dev/zero
for case in link_font fifo_font zero_font; do
    new_brief $case prose ' theme = { body_font = "Evil" },'
    printf 'return {\n  title = "confine",\n  theme = { body_font = "Evil" },\n  sections = { section "prose" { paragraphs = { "x" } } },\n}\n' \
        > "$TMP/$case/brief.lua"
done
ln -s "$OUT/Evil-Regular.ttf" "$TMP/link_font/fonts/Evil-Regular.ttf"
mkfifo "$TMP/fifo_font/fonts/Evil-Regular.ttf"
ln -s /dev/zero "$TMP/zero_font/fonts/Evil-Regular.ttf"
refused link_font "link_font/fonts/Evil-Regular.ttf: error: 'link_font/fonts/Evil-Regular.ttf' is outside the brief folder and the font folders; copy the file inside rather than linking to it"
refused fifo_font "fifo_font/fonts/Evil-Regular.ttf: error: 'fifo_font/fonts/Evil-Regular.ttf' is a named pipe (FIFO), not a regular file"
refused zero_font "zero_font/fonts/Evil-Regular.ttf: error: 'zero_font/fonts/Evil-Regular.ttf' is outside the brief folder and the font folders"

# brief.lua itself: a FIFO, a link out of its folder, a folder
mkdir -p "$TMP/fifo_brief" "$TMP/link_brief" "$TMP/dir_brief/brief.lua"
mkfifo "$TMP/fifo_brief/brief.lua"
ln -s "$OUT/brief.lua" "$TMP/link_brief/brief.lua"
refused fifo_brief "fifo_brief/brief.lua: error: 'fifo_brief/brief.lua' is a named pipe (FIFO), not a regular file"
refused link_brief "link_brief/brief.lua: error: 'link_brief/brief.lua' is outside the brief folder and the plugin path"
mkdir -p "$TMP/dangling_brief" && ln -s "$OUT/no-such-brief.lua" "$TMP/dangling_brief/brief.lua"
refused dangling_brief "dangling_brief/brief.lua: error: 'dangling_brief/brief.lua' is outside the brief folder and the plugin path"
msg=$(cd "$TMP" && timeout 20 "$BRIEFC" build dir_brief/brief.lua -o dir_brief.pdf 2>&1); rc=$?
check "dir_brief: exit status 1 (got $rc)" test "$rc" -eq 1
check "dir_brief: no PDF" test ! -e "$TMP/dir_brief.pdf"

# links that stay inside the brief are fine: a plugin, a module, data and a font kept elsewhere
# in the brief folder and linked from where briefc looks for them
new_brief inside usesmod ' theme = { body_font = "Own" },'
mkdir -p "$TMP/inside/lib"
plugin usesmod "$TMP/inside/lib/usesmod.lua" 'local m = require "ownmod"; s:paragraph(m.text .. ctx:read_text("data/x"))'
printf 'return { text = "from a module " }\n' > "$TMP/inside/lib/ownmod.lua"
printf 'and from data\n' > "$TMP/inside/lib/x.txt"
cp "$ROOT/fonts/NotoSerif-Regular.ttf" "$TMP/inside/lib/Own-Regular.ttf"
ln -s ../lib/usesmod.lua "$TMP/inside/plugins/usesmod.lua"
ln -s ../lib/ownmod.lua "$TMP/inside/plugins/ownmod.lua"
ln -s ../lib/x.txt "$TMP/inside/data/x"
ln -s ../lib/Own-Regular.ttf "$TMP/inside/fonts/Own-Regular.ttf"
msg=$(cd "$TMP" && timeout 20 "$BRIEFC" build inside -o inside.pdf 2>&1); rc=$?
check "links inside the brief: built (rc $rc: $msg)" test "$rc" -eq 0
check "links inside the brief: the text is there" sh -c "pdftotext '$TMP/inside.pdf' - | grep -q 'from a module and from data'"

# briefc plugins judges links as a build does: inside the brief fine, out of it refused
ln -s "$OUT/evil.lua" "$TMP/inside/plugins/evil.lua"
msg=$(cd "$TMP" && timeout 20 "$BRIEFC" plugins --brief inside 2>&1)
if printf '%s' "$msg" | grepq '^usesmod .*inside/plugins/usesmod.lua$'; then ok; else bad "plugins: usesmod listed: $msg"; fi
if printf '%s' "$msg" | grepq -F "evil               inside/plugins/evil.lua: error: 'inside/plugins/evil.lua' is outside the brief folder and the plugin path"; then ok; else bad "plugins: evil refused: $msg"; fi
if printf '%s' "$msg" | grepq -F -- "$SECRET"; then bad "plugins: the target's content leaked: $msg"; else ok; fi

# }==============================================

# {============================================== the cache

S="$TMP/cachebrief"
mkdir -p "$S"
# The same code points in two fonts (heading "1 AVATAR…" numbered in NotoSans-Bold, the body in
# NotoSerif-Regular): two subset entries that load_subset's own checks cannot tell apart.
cat > "$S/brief.lua" <<'EOF'
return {
  title = "Abc",
  theme = { body_font = "NotoSerif", heading_font = "NotoSans" },
  sections = { section "prose" { heading = "AVATAR Tower partnership", paragraphs = { "1 AVATAR Tower partnership" } } },
}
EOF
C="$TMP/cache-safe"
export BRIEFC_CACHE_DIR="$C"
timeout 60 "$BRIEFC" build "$S" -o "$TMP/cold.pdf" -q
check "the cache folder is made 0700" test "$(stat -c %a "$C")" = 700
check "cache entries are written" sh -c "ls '$C'/subset-*.bin '$C'/kern-*.bin '$C'/para-*.bin"
entries=$(cd "$C" && ls)

# a link planted at each predictable name: the old temporary name (entry.PID.tmp: the pid is
# known, as the shell execs briefc) and the entry's own name. The victim stays as it was.
VICTIM="$TMP/victim"
printf 'precious\n' > "$VICTIM"
rm -f "$C"/*
msg=$(timeout 60 sh -c 'for e in $1; do ln -s "$2" "$3/$e.$$.tmp"; ln -s "$2" "$3/$e"; done
             exec "$4" build "$5" -o "$6" -q' _ "$entries" "$VICTIM" "$C" "$BRIEFC" "$S" "$TMP/planted.pdf" 2>&1); rc=$?
check "planted links: the build succeeds (rc $rc: $msg)" test "$rc" -eq 0
check "planted links: the victim is untouched" sh -c "test \"\$(cat '$VICTIM')\" = precious"
check "planted links: the same bytes as a cold build" cmp -s "$TMP/cold.pdf" "$TMP/planted.pdf"
check "planted links: entries are regular files again" sh -c "for e in $(echo $entries); do test -f '$C'/\$e && test ! -L '$C'/\$e || exit 1; done"

rm -f "$C"/*.tmp
# an entry that is a link to a whole, valid entry elsewhere is not followed: after the build
# the link is replaced by a file of our own
keep="$TMP/cache-keep"
rm -rf "$keep" && cp -r "$C" "$keep"
for e in $entries; do rm -f "$C/$e" && ln -s "$keep/$e" "$C/$e"; done
timeout 60 "$BRIEFC" build "$S" -o "$TMP/linked.pdf" -q
check "linked entries: the same bytes" cmp -s "$TMP/cold.pdf" "$TMP/linked.pdf"
check "linked entries: not read through, replaced" sh -c "! ls -l '$C' | grep -- '->' >&2"

# forge A B: B's head (its key) before A's payload, the lengths fixed up: what a swap of two
# fonts' subsets looks like to a reader. Knows the old format (BCC1) too, to show it failing.
forge() {
    case $(head -c 4 "$2") in
    BCC1) { head -c 16 "$2"; tail -c +17 "$1" | head -c 8; tail -c +25 "$1"; } > "$2.forged" ;;
    BCC2)
        kla=$(od -An -tu4 -j4 -N4 "$1" | tr -d ' '); klb=$(od -An -tu4 -j4 -N4 "$2" | tr -d ' ')
        ha=$((24 + (kla + 7) / 8 * 8)); hb=$((24 + (klb + 7) / 8 * 8))
        { head -c 8 "$2"; tail -c +9 "$1" | head -c 8; tail -c +17 "$2" | head -c $((hb - 16))
          tail -c +$((ha + 1)) "$1"; } > "$2.forged" ;;
    *) cp "$1" "$2.forged" ;;
    esac
    mv "$2.forged" "$2"
}
rm -rf "$C" "$keep"
timeout 60 "$BRIEFC" build "$S" -o "$TMP/fresh.pdf" -q
check "a fresh cache: the same bytes" cmp -s "$TMP/cold.pdf" "$TMP/fresh.pdf"
cp -r "$C" "$keep"
pairs=0
for a in "$keep"/subset-*.bin; do
    for b in "$keep"/subset-*.bin; do
        [ "$a" = "$b" ] && continue
        for how in copy forge; do
            rm -rf "$C" && cp -r "$keep" "$C"
            if [ $how = copy ]; then cp "$a" "$C/${b##*/}"; else forge "$a" "$C/${b##*/}"; fi
            timeout 60 "$BRIEFC" build "$S" -o "$TMP/swapped.pdf" -q
            check "subset ${a##*/} put over ${b##*/} ($how): the same bytes as a cold build" \
                cmp -s "$TMP/cold.pdf" "$TMP/swapped.pdf"
            pairs=$((pairs + 1))
        done
    done
done
check "subset swaps were tried ($pairs)" test "$pairs" -ge 4
# the same for the other kinds: each entry gets the payload of another of its kind (the set
# text is removed with the kerning tables swapped, or it would be used instead of them)
for kind in kern para; do
    rm -rf "$C" && cp -r "$keep" "$C"
    set -- "$keep"/$kind-*.bin "$keep"/hyph-*.bin
    for b in "$C"/$kind-*.bin; do
        for a in "$@"; do [ -f "$a" ] && [ "${a##*/}" != "${b##*/}" ] && { forge "$a" "$b"; break; }; done
    done
    [ $kind = kern ] && rm -f "$C"/para-*.bin
    timeout 60 "$BRIEFC" build "$S" -o "$TMP/swapped.pdf" -q
    check "$kind entries with another entry's payload: the same bytes" cmp -s "$TMP/cold.pdf" "$TMP/swapped.pdf"
done

# unsafe folders: a link, writable by others, another user's. Each is skipped with one warning;
# the build succeeds with the same bytes and nothing is written there.
warned() { # warned NAME FOLDER WHY
    msg=$(BRIEFC_CACHE_DIR="$2" timeout 60 "$BRIEFC" build "$S" -o "$TMP/$1.pdf" -q 2>&1); rc=$?
    check "$1: the build succeeds (rc $rc)" test "$rc" -eq 0
    check "$1: the same bytes" cmp -s "$TMP/cold.pdf" "$TMP/$1.pdf"
    want="briefc: warning: cache folder '$2' $3; building without the cache"
    if [ "$msg" = "$want" ]; then ok; else bad "$1: expected exactly '$want', got: $msg"; fi
}
mkdir -p "$TMP/realcache" && chmod 700 "$TMP/realcache"
ln -s "$TMP/realcache" "$TMP/linkcache"
warned link_cache "$TMP/linkcache" "is a symbolic link (use the folder it points to)"
check "link_cache: nothing written through the link" sh -c "test -z \"\$(ls -A '$TMP/realcache')\""
printf 'not a folder\n' > "$TMP/filecache"
warned file_cache "$TMP/filecache" "is not a folder"
mkdir -p "$TMP/opencache" && chmod 777 "$TMP/opencache"
warned open_cache "$TMP/opencache" "can be written by other users (chmod 700 it)"
check "open_cache: nothing written" sh -c "test -z \"\$(ls -A '$TMP/opencache')\""
mkdir -p "$TMP/groupcache" && chmod 770 "$TMP/groupcache"
warned group_cache "$TMP/groupcache" "can be written by other users (chmod 700 it)"
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
    mkdir -p "$TMP/theircache" && chown nobody "$TMP/theircache" && chmod 700 "$TMP/theircache"
    warned their_cache "$TMP/theircache" "belongs to another user"
    check "their_cache: nothing written" sh -c "test -z \"\$(ls -A '$TMP/theircache')\""
fi

# }==============================================
finish
