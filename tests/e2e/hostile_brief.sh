#!/bin/sh
# hostile_brief.sh — briefs (not plugins) that attack the host: brief.lua returning tables with
# metamethods, NaN limits, section declarations with borrowed metatables, and plugins that
# try to reach each other through params, options or modules. Each case must fail with its
# exact message and exit status 1, leave no PDF, and end within its timeout; `briefc plugins`
# must survive hostile plugin tables the same way.
. "$(dirname "$0")/lib.sh"

# case NAME EXPECTED: builds $TMP/NAME (brief.lua written by the caller) and checks the result.
case_() {
    name=$1; want=$2
    msg=$(cd "$TMP" && timeout 30 "$BRIEFC" build "$name" -o "$name.pdf" 2>&1); rc=$?
    check "$name: exit status 1 (got $rc)" test "$rc" -eq 1
    check "$name: no PDF" test ! -e "$TMP/$name.pdf"
    if printf '%s' "$msg" | grep -qF -- "$want"; then ok; else bad "$name: expected '$want' in: $msg"; fi
}

# brief NAME: writes the brief from standard input into $TMP/NAME/brief.lua
brief() { mkdir -p "$TMP/$1/plugins"; cat > "$TMP/$1/brief.lua"; }

brief meta_index_error <<'EOF'
return setmetatable({}, { __index = function(t, k) error("boom reading " .. k) end })
EOF
case_ meta_index_error "meta_index_error/brief.lua: error: the table brief.lua returns has a metatable; brief.lua must return plain tables"

brief meta_index_loop <<'EOF'
return setmetatable({ title = "t", sections = {} }, { __index = function() while true do end end })
EOF
case_ meta_index_loop "meta_index_loop/brief.lua: error: the table brief.lua returns has a metatable; brief.lua must return plain tables"

brief sections_len_loop <<'EOF'
return { title = "t", sections = setmetatable({}, { __len = function() while true do end end }) }
EOF
case_ sections_len_loop "sections_len_loop/brief.lua: error: 'sections' (or a table in it) has a metatable; brief.lua must return plain tables"

brief sections_len_error <<'EOF'
return { title = "t", sections = setmetatable({ section "prose" }, { __len = function() error("no length") end }) }
EOF
case_ sections_len_error "sections_len_error/brief.lua: error: 'sections' (or a table in it) has a metatable; brief.lua must return plain tables"

brief theme_index <<'EOF'
return { title = "t", theme = setmetatable({}, { __index = function() while true do end end }),
         sections = { section "prose" } }
EOF
case_ theme_index "theme_index/brief.lua: error: 'theme' (or a table in it) has a metatable; brief.lua must return plain tables"

brief palette_len <<'EOF'
return { title = "t", theme = { palette = setmetatable({ "#000000" }, { __len = function() return 1e9 end }) },
         sections = { section "prose" } }
EOF
case_ palette_len "palette_len/brief.lua: error: 'theme' (or a table in it) has a metatable; brief.lua must return plain tables"

brief title_list_index <<'EOF'
return { title = setmetatable({ "a" }, { __index = function() error("index") end, __len = function() return 3 end }),
         sections = { section "prose" } }
EOF
case_ title_list_index "title_list_index/brief.lua: error: 'title' (or a table in it) has a metatable; brief.lua must return plain tables"

brief title_list_bad <<'EOF'
return { title = { ("a"):rep(100000), {} }, sections = { section "prose" } }
EOF
case_ title_list_bad "title_list_bad/brief.lua: error: 'title' must be text or a list of texts"

brief decl_borrowed_mt <<'EOF'
local s = section "prose"
getmetatable(s).__index = function() while true do end end
return { title = "t", sections = { s } }
EOF
case_ decl_borrowed_mt "decl_borrowed_mt/brief.lua:2: error: attempt to index a string value"

brief decl_replaced_mt <<'EOF'
local s = setmetatable(section "prose", { __index = function() while true do end end })
return { title = "t", sections = { s } }
EOF
case_ decl_replaced_mt "decl_replaced_mt/brief.lua:1: error: cannot change a protected metatable"

brief decl_plain_meta <<'EOF'
return { title = "t", sections = { setmetatable({ plugin = "prose" }, { __index = function() while true do end end }) } }
EOF
case_ decl_plain_meta "decl_plain_meta/brief.lua: error: 'sections' (or a table in it) has a metatable; brief.lua must return plain tables"

brief brief_gc <<'EOF'
local keep = setmetatable({}, { __gc = function() while true do end end })
return { title = "t", sections = { section "prose" } }
EOF
case_ brief_gc "brief_gc/brief.lua:1: error: setmetatable: __gc finalizers are not allowed in plugins"

for f in memory_mb seconds instructions pages; do
    brief "nan_$f" <<EOF
return { title = "t", limits = { $f = 0/0 }, sections = { section "prose" } }
EOF
    case_ "nan_$f" "nan_$f/brief.lua: error: limits.$f must be a finite number between"
done
brief inf_memory <<'EOF'
return { title = "t", limits = { memory_mb = 1/0 }, sections = { section "prose" } }
EOF
case_ inf_memory "inf_memory/brief.lua: error: limits.memory_mb must be a finite number between 8 and 65536 (got inf)"

# ctx.params and ctx.options are each plugin's own, nested tables included
brief params_shared <<'EOF'
local shared = { list = { "original" }, deep = { deeper = { value = 1 } } }
return { title = "t", params = shared,
         sections = { section "writer" { nested = shared }, section "reader" { nested = shared } } }
EOF
cat > "$TMP/params_shared/plugins/writer.lua" <<'EOF'
return { name = "writer", version = "1", api = 1, options = { nested = { type = "table" } },
  render = function(s, ctx)
    ctx.params.list[1] = "pwned"
    ctx.params.deep.deeper.value = 666
    ctx.options.nested.list[1] = "pwned too"
  end }
EOF
cat > "$TMP/params_shared/plugins/reader.lua" <<'EOF'
return { name = "reader", version = "1", api = 1, options = { nested = { type = "table" } },
  render = function(s, ctx)
    if ctx.params.list[1] ~= "original" then error("params poisoned: " .. ctx.params.list[1]) end
    if ctx.params.deep.deeper.value ~= 1 then error("deep params poisoned") end
    if ctx.options.nested.list[1] ~= "original" then error("options poisoned: " .. ctx.options.nested.list[1]) end
    error("params and options intact")
  end }
EOF
case_ params_shared "params_shared/plugins/reader.lua:6: error: params and options intact"

# a params table that refers to itself is copied as a cycle, not followed for ever
brief params_cycle <<'EOF'
local p = { name = "x" }
p.self = p
return { title = "t", params = p, sections = { section "cycle" } }
EOF
cat > "$TMP/params_cycle/plugins/cycle.lua" <<'EOF'
return { name = "cycle", version = "1", api = 1, render = function(s, ctx)
  if ctx.params.self ~= ctx.params then error("the cycle was not kept") end
  error("a cycle copied as a cycle")
end }
EOF
case_ params_cycle "params_cycle/plugins/cycle.lua:3: error: a cycle copied as a cycle"

brief params_deep <<'EOF'
local p = {}
local t = p
for i = 1, 150 do t.next = {}; t = t.next end
return { title = "t", params = { chain = p }, sections = { section "prose" } }
EOF
case_ params_deep "params_deep/brief.lua:4: error: the brief's params or the section's options are nested deeper than 100 levels"

# a brief that fills the memory cap: the host's own reading between calls is never refused
brief memory_full <<'EOF'
local big = {}
for i = 1, 200 do big[i] = ("x"):rep(2^20 - 64) .. i end
return { title = "t", params = { big = big }, limits = { memory_mb = 210 }, sections = { section "fill" } }
EOF
cat > "$TMP/memory_full/plugins/fill.lua" <<'EOF'
return { name = "fill", version = "1", api = 1, render = function(s, ctx)
  error("still running with " .. #ctx.params.big .. " megabytes held")
end }
EOF
case_ memory_full "memory_full/plugins/fill.lua:2: error: still running with 200 megabytes held"

# long texts scanned in C without allocating: one instruction each to the count hook, so the
# wrapped scans read the clock (the time limit holds to within one call). 2 s, not 1: one
# utf8.len over 100 MB can take most of a second on a loaded machine, and the supervisor's
# grace past the lease (1 s and half the lease) must still be longer than that call.
for f in find utf8; do
    brief "scan_$f" <<EOF
return { title = "t", limits = { seconds = 2, memory_mb = 512 }, sections = { section "scan" } }
EOF
done
cat > "$TMP/scan_find/plugins/scan.lua" <<'EOF'
return { name = "scan", version = "1", api = 1, render = function(s, ctx)
  local big = ("x"):rep(1e8)
  while true do big:find("z", 1, true) end
end }
EOF
sed 's/big:find("z", 1, true)/utf8.len(big)/' "$TMP/scan_find/plugins/scan.lua" > "$TMP/scan_utf8/plugins/scan.lua"
case_ scan_find "scan_find/plugins/scan.lua:3: error: time limit reached (2 s); raise limits.seconds in brief.lua"
case_ scan_utf8 "scan_utf8/plugins/scan.lua:3: error: time limit reached (2 s); raise limits.seconds in brief.lua"

# one instruction that copies megabytes (a concatenation, string.rep): the allocator charges
# the bytes, so the budget runs out after about 64 MB of copies at 1 million instructions
for f in concat rep; do
    brief "copy_$f" <<EOF
return { title = "t", limits = { instructions = 1e6 }, sections = { section "copy" } }
EOF
done
cat > "$TMP/copy_concat/plugins/copy.lua" <<'EOF'
return { name = "copy", version = "1", api = 1, render = function(s, ctx)
  local a = ("x"):rep(1e6)
  while true do local b = a .. a end
end }
EOF
cat > "$TMP/copy_rep/plugins/copy.lua" <<'EOF'
return { name = "copy", version = "1", api = 1, render = function(s, ctx)
  local n = 0
  while true do local x = ("x"):rep(1e6); n = n + 1 end
end }
EOF
case_ copy_concat "copy_concat/plugins/copy.lua:3: error: instruction limit reached (1 million instructions); raise limits.instructions in brief.lua"
case_ copy_rep "copy_rep/plugins/copy.lua:3: error: instruction limit reached (1 million instructions)"

# briefc plugins over hostile plugin tables: raw reads, no hang, no abort
mkdir -p "$TMP/pl"
cat > "$TMP/pl/meta_loop.lua" <<'EOF'
return setmetatable({}, { __index = function() while true do end end, __len = function() error("x") end })
EOF
cat > "$TMP/pl/odd_opts.lua" <<'EOF'
return { name = "odd_opts", version = 2, api = 1, description = "odd options", render = function() end,
  options = { a = setmetatable({ type = "string" }, { __index = function() error("x") end }),
              b = { default = setmetatable({}, { __tostring = function() while true do end end,
                                                 __name = ("N"):rep(5000) }) },
              c = "not a table" } }
EOF
msg=$(cd "$TMP" && timeout 30 "$BRIEFC" plugins meta_loop --plugin-path pl 2>&1); rc=$?
check "plugins meta_loop: exit status 1 (got $rc)" test "$rc" -eq 1
want="meta_loop          pl/meta_loop.lua: error: the plugin file must return a plain table (without a metatable)"
if printf '%s' "$msg" | grep -qF -- "$want"; then ok; else bad "plugins meta_loop: expected '$want' in: $msg"; fi
if printf '%s' "$msg" | grep -qF -- "no plugin"; then bad "plugins meta_loop: also reported missing: $msg"; else ok; fi
msg=$(cd "$TMP" && timeout 30 "$BRIEFC" plugins odd_opts --plugin-path pl 2>&1); rc=$?
check "plugins odd_opts: exit status 0 (got $rc)" test "$rc" -eq 0
want="    b              any      = (a table)"
if printf '%s' "$msg" | grep -qF -- "$want"; then ok; else bad "plugins odd_opts: expected '$want' in: $msg"; fi
finish
