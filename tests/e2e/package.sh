#!/bin/sh
# package.sh — `make package`'s Debian package (CPack): its name, its files, its Depends computed
# by dpkg-shlibdeps plus the two dlopen'd or data dependencies; unpacked into a scratch root,
# its briefc builds the sample brief from an empty folder. With BRIEFC_TEST_DPKG=1, as root, it
# is also installed for real with dpkg -i, used from /tmp, and removed with dpkg -r.
. "$(dirname "$0")/lib.sh"
BUILD=$(dirname "$BRIEFC")
unset BRIEFC_HOME BRIEFC_PLUGIN_PATH
cd "$TMP" || exit 1
needs cpack dpkg-deb dpkg-shlibdeps fakeroot pdftotext

(cd "$BUILD" && timeout 300 cpack -G DEB -B "$TMP/pkg") > cpack.log 2>&1
ver=$("$BRIEFC" version | awk '{print $2}')
arch=$(dpkg --print-architecture)
deb="$TMP/pkg/briefc_${ver}_${arch}.deb"
check "cpack makes briefc_<version>_<arch>.deb" test -s "$deb"
[ -s "$deb" ] || { cat cpack.log >&2; finish; exit 1; }

dpkg-deb -f "$deb" Package Version Architecture Depends > control.txt
dpkg-deb -c "$deb" | awk '{print $6}' > files.txt
check "Package: briefc" grep -qx "Package: briefc" control.txt
check "Version: $ver" grep -qx "Version: $ver" control.txt
# Lua, cmark-gfm, libhyphen, libjpeg and SQLite are linked statically (BRIEFC_STATIC_DEPS, for the
# process floor): not dependencies of the package.
for dep in libc6 libhpdf-2.3.0 zlib1g libcjson1 libpng16-16 libharfbuzz-subset0 libmicrohttpd12 \
           hyphen-en-us; do
    check "Depends names $dep" grep -q "^Depends:.*\\b$dep\\b" control.txt
done
check "shlibdeps gave versions" grep -q "libhpdf-2.3.0 (>= " control.txt
for dep in liblua5.4-0 libcmark-gfm0 libhyphen0 libjpeg62-turbo libsqlite3-0; do
    check "Depends does not name $dep (linked statically)" sh -c "! grep -q '^Depends:.*\\b$dep' control.txt"
done
for f in ./usr/bin/briefc ./usr/share/man/man1/briefc.1 ./usr/share/man/man5/briefc-brief.5 \
         ./usr/share/man/man7/briefc-plugins.7 ./usr/share/bash-completion/completions/briefc \
         ./usr/share/zsh/vendor-completions/_briefc ./usr/share/fish/vendor_completions.d/briefc.fish \
         ./usr/share/briefc/plugins/briefc.meta.lua ./usr/share/briefc/fonts/LICENSE-Noto.txt \
         ./usr/share/briefc/briefs/pakistan-us/brief.lua; do
    check "the package has $f" grep -qx -- "$f" files.txt
done
check "every file is under /usr" sh -c "! grep -v '^\./usr/\|^\./$' files.txt"

# apt resolves its Depends on this machine (a simulation: nothing is installed).
if command -v apt-get >/dev/null 2>&1; then
    apt-get install -s "$deb" > apt-s.txt 2>&1
    check "apt-get install -s ./briefc_….deb resolves" grep -q "^Inst briefc " apt-s.txt
fi

# Unpacked into a scratch root: its briefc uses only the package's data.
dpkg-deb -x "$deb" root
mkdir empty && cd empty || exit 1
cp -r ../root/usr/share/briefc/briefs/pakistan-us .
timeout 120 ../root/usr/bin/briefc build pakistan-us -o sample.pdf > build.txt 2>&1
check "the packaged briefc builds the sample from an empty folder" test -s sample.pdf
../root/usr/bin/briefc version --verbose > v.txt 2>&1
check "it names the package's data" grep -q "^data: $TMP/root/usr/share/briefc (installed)" v.txt
cd "$TMP" || exit 1

# A real install, opt-in: dpkg -i, man briefc, completion, the sample from /tmp, dpkg -r.
if [ "${BRIEFC_TEST_DPKG:-0}" = 1 ] && [ "$(id -u)" -eq 0 ]; then
    if dpkg-query -W -f='${Status}' briefc 2>/dev/null | grep -q "install ok installed"; then
        bad "briefc is already installed on this machine: not touching it"
    else
        timeout 300 dpkg -i "$deb" > dpkg-i.txt 2>&1
        check "dpkg -i installs it" dpkg-query -W briefc
        w=$(MANWIDTH=80 man --warnings briefc 2>&1 >/dev/null)
        check "man briefc works, without warnings" sh -c "MANWIDTH=80 man briefc | grep -q 'briefc build'"
        check "man briefc has no warnings" test -z "$w"
        mkdir real && cd real || exit 1
        cp -r /usr/share/briefc/briefs/pakistan-us .
        timeout 120 /usr/bin/briefc build pakistan-us -o s.pdf > b.txt 2>&1
        check "installed /usr/bin/briefc builds the sample from $PWD" test -s s.pdf
        check "bash completion installed" bash -c ". /usr/share/bash-completion/completions/briefc && complete -p briefc"
        cd "$TMP" || exit 1
        timeout 300 dpkg -r briefc > dpkg-r.txt 2>&1
        check "dpkg -r removes it" sh -c "! dpkg-query -W -f='\${Status}' briefc 2>/dev/null | grep -q 'ok installed'"
        check "nothing is left in /usr/share/briefc" test ! -e /usr/share/briefc
        check "nor /usr/bin/briefc" test ! -e /usr/bin/briefc
    fi
fi
finish
