#!/bin/sh
# deps.sh — install the Debian packages briefc needs: build, test (build + test tools) or
# slurm (build + a one-node Slurm for `make test-slurm`).
# As root it runs apt-get; otherwise it prints the exact command to run and fails.
set -eu
what=${1:-build}

build_pkgs="gcc make cmake pkg-config libhpdf-dev liblua5.4-dev zlib1g-dev libharfbuzz-dev libfontconfig-dev fonts-noto-color-emoji libcjson-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libhyphen-dev hyphen-en-us hyphen-en-gb hyphen-fr hyphen-de hyphen-es hyphen-it hyphen-pt-pt hyphen-nl libicu-dev libmicrohttpd-dev libpng-dev libjpeg62-turbo-dev icc-profiles-free libsqlite3-dev libxml2-dev libfribidi-dev libreadstat-dev"
test_pkgs="python3 unicode-data fonts-noto-core fonts-noto-cjk fonts-urw-base35 icc-profiles-free poppler-utils qpdf mupdf-tools ghostscript nodejs npm valgrind strace clang libclang-rt-14-dev curl apache2-utils chromium unzip dpkg-dev fakeroot man-db zsh fish librsvg2-bin libharfbuzz-bin iso-codes"
slurm_pkgs="slurm-wlm munge"
pkgs=$build_pkgs
[ "$what" = test ] && pkgs="$build_pkgs $test_pkgs"
[ "$what" = slurm ] && pkgs="$build_pkgs $slurm_pkgs"

missing=""
for p in $pkgs; do
    # npm ships inside nodejs on some setups (NodeSource): a working npm is enough.
    if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
    if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "briefc needs these Debian packages:$missing" >&2
    echo "install them with:  sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends $missing >/dev/null
