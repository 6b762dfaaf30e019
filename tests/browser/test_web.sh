#!/bin/sh
# test_web.sh — the web page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
# Must stay true: it stops the server it started; node_modules live under $BUILD, not in the tree.
BUILD=${BUILD:-build}
CORDON=${CORDON:-$BUILD/cordon}
LISTS=${CORDON_LISTS:-../shared/data/lists}
HERE=$(cd "$(dirname "$0")" && pwd)
NODE_DIR=$BUILD/browser
ART=$BUILD/artifacts
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cordon-web.XXXXXX")
PID=
. "$HERE/../lib/serve.sh"
cleanup() {
    stop_server
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
die() {
    echo "FAIL: $*" >&2
    echo "checks: 0 passed, 1 failed"
    exit 1
}

for tool in node npm /usr/bin/chromium; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (tools/setup.sh installs it)"
done

# playwright-core, pinned by package-lock.json; reinstalled only when the lock file changes.
mkdir -p "$NODE_DIR" "$ART"
if ! cmp -s "$HERE/package-lock.json" "$NODE_DIR/package-lock.json" ||
    [ ! -d "$NODE_DIR/node_modules/playwright-core" ]; then
    cp "$HERE/package.json" "$HERE/package-lock.json" "$NODE_DIR/"
    (cd "$NODE_DIR" && npm ci --no-audit --no-fund --ignore-scripts >npm.log 2>&1) ||
        die "npm ci failed: $(tail -n 5 "$NODE_DIR/npm.log")"
fi

"$CORDON" index build -o "$TMP/ix.cordon" "$LISTS/us_ofac_sdn-2024" \
    "$LISTS/un_sc-2026-02-27/consolidated.xml" "$LISTS/uk_ofsi-2025-04-14/ConList.csv" \
    >"$TMP/build.log" 2>&1 || die "index build: $(tail -n 5 "$TMP/build.log")"

start_server "$TMP/ix.cordon" --threads 2 ||
    die "server did not start: $(tail -n 5 "$TMP/serve.log")"

NODE_PATH="$NODE_DIR/node_modules" CORDON_URL="$URL" CORDON_ARTIFACTS="$ART" \
    CORDON_TMP="$TMP" node "$HERE/test_web.js" >"$TMP/node.out"
line=$(grep '^checks: ' "$TMP/node.out" | tail -n 1)
pass=$(echo "$line" | sed -n 's/^checks: \([0-9]*\) passed.*/\1/p')
fail=$(echo "$line" | sed -n 's/^checks: [0-9]* passed, \([0-9]*\) failed.*/\1/p')
[ -n "$pass" ] || { pass=0; fail=1; echo "FAIL: the browser test printed no result" >&2; }

# The server must stop cleanly, without sanitizer reports, after all that the page did.
kill -TERM "$PID"
wait "$PID"
rc=$?
PID=
if [ $rc -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: server exit $rc" >&2; fi
if grep -q 'ERROR: \(Address\|Leak\)Sanitizer\|runtime error' "$TMP/serve.log"; then
    fail=$((fail + 1))
    grep -A5 'Sanitizer\|runtime error' "$TMP/serve.log" | head -n 20 >&2
else
    pass=$((pass + 1))
fi
echo "checks: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
