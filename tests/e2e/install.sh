#!/bin/sh
# install.sh — `cmake --install` into a scratch DESTDIR and prefix; the installed briefc, moved
# to another prefix, builds the sample brief from an empty folder outside the source tree with
# only its own share/briefc (no BRIEFC_HOME), and BRIEFC_HOME still overrides.
. "$(dirname "$0")/lib.sh"
BUILD=$(dirname "$BRIEFC")
unset BRIEFC_HOME BRIEFC_PLUGIN_PATH
cd "$TMP" || exit 1

DESTDIR="$TMP/dest" timeout 120 cmake --install "$BUILD" --prefix /opt/briefc > install.log 2>&1
check "cmake --install into DESTDIR succeeds" test -x dest/opt/briefc/bin/briefc
P=dest/opt/briefc
for f in share/briefc/plugins/aid_totals.lua share/briefc/plugins/briefc.meta.lua \
         share/briefc/fonts/NotoSerif-Regular.ttf share/briefc/fonts/LICENSE-Noto.txt \
         share/briefc/fonts/LICENSE-DejaVu.txt share/briefc/briefs/pakistan-us/brief.lua \
         share/briefc/briefs/handout/manifest.csv share/briefc/examples/handouts.sbatch; do
    check "installed: $f" test -s "$P/$f"
done
for f in share/man/man1/briefc.1 share/man/man5/briefc-brief.5 share/man/man7/briefc-plugins.7 \
         share/bash-completion/completions/briefc share/zsh/site-functions/_briefc \
         share/fish/vendor_completions.d/briefc.fish; do
    check "installed: $f" test -s "$P/$f"
done
check "the installed man page is the binary's" sh -c "'$BRIEFC' help --man | cmp -s - '$P/share/man/man1/briefc.1'"
check "nothing installed outside DESTDIR's prefix" sh -c "cd dest && test \"\$(ls)\" = opt"

# A relocated prefix: the whole tree moved elsewhere still finds its data.
mv dest/opt/briefc moved
B="$TMP/moved/bin/briefc"
mkdir empty && cd empty || exit 1
cp -r "$TMP/moved/share/briefc/briefs/pakistan-us" .
timeout 120 "$B" build pakistan-us -o sample.pdf > build.txt 2>&1
check "the installed briefc builds the sample brief" test -s sample.pdf
check "the sample PDF has its text" sh -c "pdftotext sample.pdf - | grep -q 'Pakistan'"
"$B" plugins > plugins.txt 2>&1
check "plugins come from the moved prefix" grep -q "$TMP/moved/share/briefc/plugins/aid_totals.lua" plugins.txt
check "no plugin comes from the source tree" sh -c "! grep -qF '$ROOT/' plugins.txt"
"$B" version --verbose > version.txt 2>&1
check "version --verbose names the installed data" grep -q "data: $TMP/moved/share/briefc (installed)" version.txt

# BRIEFC_HOME overrides the installed data.
mkdir -p home/plugins home/fonts
cp "$TMP"/moved/share/briefc/fonts/* home/fonts/
printf 'return { name = "only_here", version = "1", api = 1, description = "Home.", render = function() end }\n' > home/plugins/only_here.lua
BRIEFC_HOME="$PWD/home" "$B" plugins > home.txt 2>&1
check "BRIEFC_HOME's plugins are listed" grep -q "^only_here" home.txt
check "BRIEFC_HOME replaces the installed plugins" sh -c "! grep -q '^aid_totals' home.txt"
BRIEFC_HOME="$PWD/home" "$B" version --verbose > hv.txt 2>&1
check "version --verbose names BRIEFC_HOME" grep -q "data: $PWD/home (BRIEFC_HOME)" hv.txt

# The uninstalled binary still uses the source tree.
"$BRIEFC" version --verbose > src.txt 2>&1
check "the build tree's briefc uses the source tree" grep -q "data: $ROOT (source tree)" src.txt
finish
