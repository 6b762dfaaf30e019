#!/bin/sh
# setup.sh — installs the Debian 12 packages cordon needs to build, test and benchmark.
# Run as root it installs what is missing; otherwise it only says what is missing.
PKGS="build-essential pkg-config clang libclang-rt-14-dev libicu-dev libxml2-dev libmicrohttpd-dev
libjansson-dev libsqlite3-dev zlib1g-dev libdeflate-dev libcurl4-openssl-dev unicode-data bzip2 wrk chromium curl jq fonts-noto-cjk"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "cordon: missing Debian packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
    exit 1
fi
echo "cordon: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null
