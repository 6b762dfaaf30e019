#!/bin/sh
# bench_server.sh — throughput, latency and server CPU per request of `cordon serve` on loopback with
# wrk: POST /v1/screen (names varied by a Lua script, in a fixed order) against GET /healthz.
# Must stay true: loopback only, bounded duration, it stops the server it started; any non-2xx fails it.
#   usage: sh bench/bench_server.sh [BUILD]   env: DURATION (s, default 10), CONNS (default 32),
#          SCREEN_CONNS (connection counts for the name mix, default "32 8 4"), THREADS (server
#          threads, default 2), WRK_THREADS (default 2), CORDON_INDEX (reuse an index instead of
#          building one)
# wrk keeps every connection busy (a closed loop), so by Little's law the mean latency is connections
# divided by throughput: at 32 connections and 20,000 req/s it is 1.6 ms whatever the server does,
# and the p99 is mostly the wait behind other requests. Hence the mix at several connection counts.
BUILD=${1:-${BUILD:-build}}
CORDON=${CORDON:-$BUILD/cordon}
LISTS=${CORDON_LISTS:-../shared/data/lists}
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
SCREEN_CONNS=${SCREEN_CONNS:-32 8 4}
THREADS=${THREADS:-2}
WRK_THREADS=${WRK_THREADS:-2}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cordon-bench.XXXXXX")
PID=
. "$(dirname "$0")/../tests/lib/serve.sh"
cleanup() {
    stop_server
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
command -v wrk >/dev/null || { echo "bench_server: wrk is missing (tools/setup.sh)" >&2; exit 1; }

INDEX=${CORDON_INDEX:-$TMP/ix.cordon}
if [ -z "$CORDON_INDEX" ]; then
    "$CORDON" index build -o "$INDEX" "$LISTS/us_ofac_sdn-2024" "$LISTS/un_sc-2026-02-27/consolidated.xml" \
        "$LISTS/uk_ofsi-2025-04-14/ConList.csv" >"$TMP/build.log" 2>&1 ||
        { echo "bench_server: index build failed: $(tail -n 3 "$TMP/build.log")" >&2; exit 1; }
fi
start_server "$INDEX" --threads "$THREADS" --quiet ||
    { echo "bench_server: server did not start: $(cat "$TMP/serve.log")" >&2; exit 1; }

# Names in several scripts and spellings, hits and misses; request i uses name i mod n (no randomness).
cat >"$TMP/screen.lua" <<'LUA'
local names = {
  "Kim Jong Un", "김정은", "Vladimir Putin", "Владимир Путин", "Sergei Lavrov", "Ri Pyong Chol",
  "Choe Ryong Hae", "Osama bin Laden", "John Smith", "Maria Garcia", "Ivan Petrov", "Li Wei",
  "Acme Trading LLC", "Rosneft", "Bank Melli", "Ali Hassan", "Mohammed Ahmed", "Yevgeniy Prigozhin",
  "Alexander Ivanov", "Global Shipping Co", "Kim Yong Bok", "Pak Pong Ju", "Anna Schmidt", "Chen Jing",
}
-- Each request is formatted once, up front: wrk shares the two cores with the server, and a
-- request built anew in Lua each time would take CPU time from the server being measured.
local requests = {}
for k, name in ipairs(names) do
  requests[k] = wrk.format("POST", "/v1/screen", {["Content-Type"] = "application/json"},
                           '{"name":"' .. name .. '","limit":10}')
end
local i = 0
request = function()
  i = i + 1
  return requests[(i % #requests) + 1]
end
LUA

# check: the endpoint answers before we measure it
code=$(curl -s -o "$TMP/one.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary '{"name":"Kim Jong Un"}' "$URL/v1/screen")
[ "$code" = 200 ] || { echo "bench_server: /v1/screen answered $code" >&2; exit 1; }

# CPU time the server process has used so far, in clock ticks, "user system" (0 0 without /proc).
server_ticks() { awk '{print $14, $15}' "/proc/$PID/stat" 2>/dev/null || echo 0 0; }
TICK_US=$((1000000 / $(getconf CLK_TCK 2>/dev/null || echo 100)))

run() {   # run LABEL CONNECTIONS wrk-args…
    label=$1
    conns=$2
    shift 2
    t0=$(server_ticks)
    wrk -t"$WRK_THREADS" -c"$conns" -d"${DURATION}s" --latency "$@" >"$TMP/wrk.txt" 2>&1
    t1=$(server_ticks)
    n=$(awk '/ requests in / {print $1}' "$TMP/wrk.txt")
    # The server's own CPU per request, user + system (the kernel's TCP work): steadier than req/s
    # on a shared machine.
    cpu=$(echo "$t0 $t1" | awk -v us="$TICK_US" -v n="${n:-0}" '{
        u = ($3 - $1) * us / n; s = ($4 - $2) * us / n
        if (n > 0 && u + s > 0) printf "%.1fus (%.0f+%.0f)", u + s, u, s; else print "-" }')
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$TMP/wrk.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$TMP/wrk.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$TMP/wrk.txt")
    bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$TMP/wrk.txt")
    errs=$(awk '/Socket errors:/ {print $0}' "$TMP/wrk.txt")
    printf '%-22s %5s %11s %9s %9s %7s  %s\n' "$label" "$conns" "$rps" "$p50" "$p99" "${bad:-0}" "$cpu"
    [ -n "$errs" ] && echo "    $errs"
    [ -z "$bad" ] || fail=1
    [ -n "$rps" ] || { cat "$TMP/wrk.txt"; fail=1; }
}

fail=0
echo "cordon serve on loopback: $THREADS server threads, wrk 2 threads, ${DURATION}s each, $(nproc) CPUs"
printf '%-22s %5s %11s %9s %9s %7s  %s\n' "endpoint" "conns" "req/s" "p50" "p99" "non-2xx" \
    "server CPU/req (user+sys)"
run "GET /healthz" "$CONNS" "$URL/healthz"
for c in $SCREEN_CONNS; do
    run "POST /v1/screen" "$c" -s "$TMP/screen.lua" "$URL/v1/screen"
done
# One cheap query over and over: the HTTP + JSON path with the least library time in it.
cat >"$TMP/one.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"name":"Kim Jong Un","limit":10}'
wrk.headers["Content-Type"] = "application/json"
LUA
run "POST /v1/screen (one)" "$CONNS" -s "$TMP/one.lua" "$URL/v1/screen"
exit $fail
