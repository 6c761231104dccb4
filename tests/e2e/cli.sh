#!/bin/sh
# cli.sh — the one option table (core/cli/cli.c): every option `help` lists is one the parser takes,
# the man pages are clean, the completions complete, options go anywhere, colour follows
# --color and NO_COLOR, `new brief` makes a brief an editor understands, version --verbose.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
needs man zsh fish script node
B="$BRIEFC"
cmds="build check watch batch serve plugins new test help version"

# Every option that `help CMD` prints is accepted by CMD's parser, and is in the man page.
"$B" help --man > briefc.1
MANWIDTH=200 man -l briefc.1 > briefc.txt 2>/dev/null
for c in $cmds; do
    "$B" help "$c" > "help-$c.txt" 2>&1
    check "help $c prints its usage" grep -q "^usage: briefc $c" "help-$c.txt"
    "$B" "$c" --help > "h2-$c.txt" 2>&1
    check "$c --help is help $c" cmp -s "help-$c.txt" "h2-$c.txt"
    for o in $(grep -o '^  \(-[a-zA-Z], \)\?--[a-z-]*' "help-$c.txt" | sed 's/.*--/--/'); do
        out=$("$B" "$c" "$o" 2>&1 </dev/null)
        case $out in *"unknown option"*|*"not handled here"*) bad "$c $o is in help but refused: $out" ;; *) ok ;; esac
        check "man page has $c $o" grep -qF -- "$o" briefc.txt
    done
    "$B" "$c" --no-such-option > /dev/null 2>&1; rc=$?
    check "$c: an unknown option is a usage error (2)" test "$rc" -eq 2
done

# Options before or after the brief, --name=value and --name value alike (issue 13 item 6)
"$B" batch "$ROOT/briefs/handout" --rows missing.csv --out 'o/{x}.pdf' > b1.txt 2>&1; rc1=$?
"$B" batch --rows missing.csv --out 'o/{x}.pdf' "$ROOT/briefs/handout" > b2.txt 2>&1; rc2=$?
"$B" batch "$ROOT/briefs/handout" --rows=missing.csv --out='o/{x}.pdf' > b3.txt 2>&1; rc3=$?
check "batch BRIEF --rows M: not a usage error" test "$rc1" -eq 1
check "batch --rows M BRIEF: the same" test "$rc2" -eq 1
check "batch --rows=M: the same" test "$rc3" -eq 1
check "batch names the missing manifest" grep -q "missing.csv" b1.txt
"$B" check "$ROOT/tests/briefs/unicode" --output=u.pdf -q > /dev/null 2>&1
check "check BRIEF --output=FILE -q" test "$?" -eq 0
"$B" check -q -- "$ROOT/tests/briefs/unicode" > /dev/null 2>&1
check "-- ends the options" test "$?" -eq 0
"$B" build "$ROOT/tests/briefs/unicode" -o > /dev/null 2>&1; rc=$?
check "-o without a file is a usage error" test "$rc" -eq 2
"$B" help nothing > /dev/null 2>&1; rc=$?
check "help of an unknown command is a usage error" test "$rc" -eq 2

# Man pages: man --warnings clean
BRIEFC_HOME="$ROOT" "$B" help --man brief > briefc-brief.5
check "briefc-brief(5) has every Theme field" sh -c "MANWIDTH=200 man -l briefc-brief.5 2>/dev/null | grep -q '^ *table_zebra boolean'"
BRIEFC_HOME="$ROOT" "$B" help --man plugins > briefc-plugins.7
check "briefc-plugins(7) documents every builder method" sh -c "MANWIDTH=200 man -l briefc-plugins.7 2>/dev/null | grep -q '^ *s:bibliography(spec)'"
check "briefc-plugins(7) leaves the brief to briefc-brief(5)" sh -c "! MANWIDTH=200 man -l briefc-plugins.7 2>/dev/null | grep -q '^ *table_zebra'"
for f in briefc.1 briefc-brief.5 briefc-plugins.7; do
    w=$(MANWIDTH=80 man --warnings -l "$f" 2>&1 >/dev/null)
    check "man --warnings is clean for $(basename "$f")" test -z "$w"
    [ -z "$w" ] || echo "$w" >&2
done
check "briefc(1) has EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES" sh -c \
    "grep -q '^.SH EXIT STATUS' briefc.1 && grep -q '^.SH ENVIRONMENT' briefc.1 && grep -q '^.SH FILES' briefc.1 && grep -q '^.SH EXAMPLES' briefc.1"

# bash completion: registered, and completes commands, options, values and plugin names
"$B" help --completion bash > briefc.bash
cat > comp.bash <<'EOS'
. ./briefc.bash
complete -p briefc
c() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _briefc; echo "${COMPREPLY[*]}"; }
echo "cmd: $(c "$BRIEFC" ba)"
echo "opt: $(c "$BRIEFC" batch x --r)"
echo "imp: $(c "$BRIEFC" build --impose '')"
echo "plg: $(c "$BRIEFC" plugins aid)"
echo "col: $(c "$BRIEFC" --color a)"
mkdir -p briefdir
echo "dir: $(c "$BRIEFC" build brief)"
echo "hlp: $(c "$BRIEFC" help ver)"
EOS
BRIEFC="$B" bash comp.bash > comp.txt 2>&1
check "bash: complete -p briefc" grep -q "complete -F _briefc briefc" comp.txt
check "bash: commands" grep -qx "cmd: batch" comp.txt
check "bash: batch options" grep -qx "opt: --rows --resume --report" comp.txt
check "bash: --impose values" grep -qx "imp: 2up booklet" comp.txt
check "bash: plugin names from briefc plugins" grep -qx "plg: aid_totals" comp.txt
check "bash: --color values" grep -qx "col: auto always" comp.txt
check "bash: brief folders" grep -qx "dir: briefdir" comp.txt
check "bash: help COMMAND" grep -qx "hlp: version" comp.txt
[ "$failed" -eq 0 ] || cat comp.txt >&2
"$B" help --completion zsh > _briefc
check "zsh completion parses" zsh -n _briefc
"$B" help --completion fish > briefc.fish
check "fish completion parses" fish -n briefc.fish
fish -c "source briefc.fish; complete -C'briefc batch --sh'" > fish.txt 2>&1
check "fish completes batch --shard" grep -q "^--shard" fish.txt

# Colour: none when piped or with NO_COLOR, forced by --color=always, refused when unknown
esc=$(printf '\033')
"$B" build "$ROOT/tests/briefs/syntax-error" -o x.pdf > /dev/null 2> plain.txt
check "piped: an error, no colour" sh -c "grep -q 'error:' plain.txt && ! grep -q '$esc' plain.txt"
"$B" build "$ROOT/tests/briefs/syntax-error" -o x.pdf --color=always > /dev/null 2> col.txt
check "--color=always: error: in bold red" grep -q "${esc}\[1;31merror:" col.txt
NO_COLOR=1 "$B" --color=always build "$ROOT/tests/briefs/syntax-error" -o x.pdf > /dev/null 2> col2.txt
check "--color=always before the command beats NO_COLOR" grep -q "${esc}\[1;31merror:" col2.txt
if true; then
    NO_COLOR=1 script -qec "'$B' build '$ROOT/tests/briefs/syntax-error' -o x.pdf" /dev/null > tty1.txt 2>&1
    check "NO_COLOR on a terminal: no colour" sh -c "grep -q 'error:' tty1.txt && ! grep -q '${esc}\[1;31m' tty1.txt"
    env -u NO_COLOR TERM=xterm script -qec "'$B' build '$ROOT/tests/briefs/syntax-error' -o x.pdf" /dev/null > tty2.txt 2>&1
    check "a terminal: colour" grep -q "${esc}\[1;31merror:" tty2.txt
fi
mkdir -p wb/plugins
printf 'return { name = "w", version = "1", api = 1, description = "W.", render = function(s, ctx) ctx:warn("careful") s:paragraph("hi") end }\n' > wb/plugins/w.lua
printf 'return { title = "W", sections = { section "w" {} } }\n' > wb/brief.lua
"$B" build wb -o wb.pdf --color=always > /dev/null 2> w1.txt
check "--color=always: warning: in bold magenta" grep -q "${esc}\[1;35mwarning:${esc}\[0m section 'w': careful" w1.txt
"$B" build wb -o wb.pdf > /dev/null 2> w2.txt
check "piped: the warning plain" grep -qx "wb/plugins/w.lua:1: warning: section 'w': careful" w2.txt
"$B" build x --color=sometimes > /dev/null 2>&1; rc=$?
check "--color=sometimes is a usage error" test "$rc" -eq 2

# new brief: a folder that builds, with a .luarc.json naming the installed meta file
"$B" new brief my-brief > new.txt 2>&1
check "new brief" test -f my-brief/brief.lua -a -d my-brief/plugins -a -f my-brief/.luarc.json
check "the new brief builds" "$B" build my-brief -o my.pdf
check ".luarc.json is JSON naming an existing meta file" node -e '
  const j = JSON.parse(require("fs").readFileSync("my-brief/.luarc.json", "utf8"));
  const f = j["workspace.library"][0];
  if (!f.endsWith("/plugins/briefc.meta.lua") || !require("fs").existsSync(f)) process.exit(1);'
"$B" new brief my-brief > /dev/null 2>&1; rc=$?
check "new brief never overwrites (1)" test "$rc" -eq 1
"$B" new brief ../up > /dev/null 2>&1; rc=$?
check "new brief refuses a path as its name (2)" test "$rc" -eq 2
check "new plugin into the new brief" "$B" new plugin mine --dir my-brief/plugins

# version --verbose: the libraries and the data
"$B" version --verbose > v.txt 2>&1
for lib in libharu Lua zlib HarfBuzz cJSON libmicrohttpd; do check "version --verbose: $lib" grep -q "^  $lib " v.txt; done
check "version --verbose: data" grep -q "^data: " v.txt
finish
