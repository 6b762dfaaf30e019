#!/bin/sh
# test_api.sh — `cordon serve` over real HTTP on loopback: every endpoint, every bad request, SIGHUP.
# Must stay true: it stops the server it started, and prints "checks: N passed, N failed".
BUILD=${BUILD:-build}
CORDON=${CORDON:-$BUILD/cordon}
LISTS=${CORDON_LISTS:-../shared/data/lists}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cordon-api.XXXXXX")
pass=0 fail=0 PID=

. "$(dirname "$0")/../lib/serve.sh"

cleanup() {
    stop_server
    [ -n "$KEEP_TMP" ] && echo "kept $TMP" >&2 || rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
finish() {
    echo "checks: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit $?
}

# req METHOD PATH [curl args…]: sets $code; the body is in $TMP/body, headers in $TMP/head.
req() {
    m=$1 p=$2
    shift 2
    code=$(curl -s -m 30 -X "$m" -o "$TMP/body" -D "$TMP/head" -w '%{http_code}' "$@" "$URL$p")
}
post() { req POST "$1" -H 'Content-Type: application/json' --data-binary "$2"; }
# expect CODE DESC: checks the status code of the last request.
expect() {
    if [ "$code" = "$1" ]; then ok; else no "$2: status $code, want $1: $(head -c 300 "$TMP/body")"; fi
}
# jqt EXPR DESC: checks that jq EXPR is true on the last body.
jqt() {
    if jq -e "$1" "$TMP/body" >/dev/null 2>&1; then ok; else no "$2: jq '$1' on $(head -c 300 "$TMP/body")"; fi
}
# bad_request CODE FIELD DESC PATH BODY
bad_request() {
    post "$4" "$5"
    expect "$1" "$3"
    jqt ".error | type == \"string\"" "$3 (error)"
    [ -z "$2" ] || jqt ".field == \"$2\"" "$3 (field)"
}

build_index() {   # build_index OUT LIST…
    out=$1
    shift
    "$CORDON" index build -o "$out" "$@" >"$TMP/build.log" 2>&1
}


# wait_log TEXT: waits up to 30 s for TEXT in the server log.
wait_log() {
    t=0
    while [ $t -lt 300 ]; do
        grep -q "$1" "$TMP/serve.log" && return 0
        sleep 0.1
        t=$((t + 1))
    done
    return 1
}

# ---- Setup ------------------------------------------------------------------------------------
OFAC=$LISTS/us_ofac_sdn-2024
UN=$LISTS/un_sc-2026-02-27/consolidated.xml
UK=$LISTS/uk_ofsi-2025-04-14/ConList.csv
if build_index "$TMP/ix.cordon" "$OFAC" "$UN" "$UK"; then ok; else
    no "index build: $(tail -n 5 "$TMP/build.log")"
    finish
fi
if start_server "$TMP/ix.cordon" --threads 2 --timeout 2; then ok; else
    no "server did not start: $(tail -n 5 "$TMP/serve.log")"
    finish
fi

# ---- First requests: names in a script nothing reads (each worker's first query once crashed) ----
post /v1/screen '{"name":"ⵜⴰⵎⴰ"}'; expect 200 "screen Tifinagh first"
jqt '(.matches | length == 0) and .unread_words == 1' "Tifinagh: no matches, one word unread"
post /v1/screen '{"name":"ꯃꯅꯤ"}'; expect 200 "screen Meetei Mayek first"

# ---- Health, web page, lists -----------------------------------------------------------------
req GET /healthz; expect 200 "healthz"; jqt '.status == "ok"' "healthz body"
req HEAD /healthz -I; expect 200 "HEAD healthz"
req GET /readyz; expect 200 "readyz"; jqt '.index.built_at | length > 0' "readyz names the index"
req GET /; expect 200 "web page"
grep -qi '^content-type: text/html' "$TMP/head" && ok || no "web page content type"
grep -q '<form' "$TMP/body" && ok || no "web page has a form"
etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\([^\r]*\).*/\1/p' "$TMP/head")
req GET / -H "If-None-Match: $etag"; expect 304 "web page ETag"
req GET /app.js; expect 200 "app.js"
grep -qi '^content-type: text/javascript' "$TMP/head" && ok || no "app.js content type"
req GET /style.css; expect 200 "style.css"
req GET /v1/lists; expect 200 "lists"
jqt '.sources | length == 3' "three sources"
jqt '.entities > 10000' "entity count"
ENTITIES=$(jq .entities "$TMP/body")
BUILT=$(jq -r .built_at "$TMP/body")

# ---- POST /v1/screen --------------------------------------------------------------------------
post /v1/screen '{"name":"김정은"}'; expect 200 "screen Hangul"
jqt '.matches[0].entity == "ofac:20157" and .unread_words == null' "김정은 finds ofac:20157 first"
jqt '.matches[0] | (.score > 0 and .score <= 1 and (.why|type) == "string" and (.explanation|type) == "object" and .list == "ofac" and .kind == "person" and (.name|type) == "string" and (.matched_name|type) == "string" and (.list_date|type) == "string")' "match object shape"
jqt '.query.name == "김정은" and .query.threshold == 0.8 and .query.limit == 10' "query echo"
jqt ".index.built_at == \"$BUILT\"" "index echo"
post /v1/screen '{"name":"Kim Jong Un","type":"person","dob":"1984-01-08","country":"KP","identifiers":[],"threshold":0.5,"limit":3}'
expect 200 "screen with every field"
jqt '[.matches[].entity] | index("ofac:20157") != null' "Kim Jong Un finds ofac:20157"
jqt '(.matches | length) <= 3 and .query.type == "person" and .query.dob == "1984-01-08"' "limit and echo"
post /v1/screen '{"name":"Zzyzx Qwerty Plonk","threshold":0.99}'; expect 200 "no-match query"
jqt '.matches == []' "no matches is an empty array"
# The query echo is written straight into the reply (util/jsonw): escapes, identifiers, absent
# fields and a rounded threshold read back as jansson wrote them.
post /v1/screen '{"name":"Kim \"Jong\" Un\\\t\u0001\u2028","identifiers":["a\"b","x"],"threshold":0.1234567,"limit":7}'
expect 200 "screen with escapes in the name"
jqt '.query.name == "Kim \"Jong\" Un\\\t\u0001\u2028" and .query.identifiers == ["a\"b","x"] and .query.dob == null and .query.country == null and .query.threshold == 0.123457 and .query.limit == 7' "query echo with escapes"
# Many connections at once are shared out among the worker threads, and every one is answered.
n=$(curl -s --no-progress-meter -Z --parallel-max 24 -w '\n%{http_code}\n' "$URL/healthz?[1-48]" | grep -c '^200$')
[ "$n" = 48 ] && ok || no "48 requests over 24 parallel connections: $n answered 200"

# ---- POST /v1/screen/batch --------------------------------------------------------------------
post /v1/screen/batch '{"records":[{"id":"r1","name":"김정은"},{"id":"r2"},{"id":7,"name":5},{"name":"Kim Jong Un","type":"dragon"}]}'
expect 200 "batch"
jqt '.results | length == 4' "batch keeps every record"
jqt '.results[0].id == "r1" and .results[0].matches[0].entity == "ofac:20157"' "batch match"
jqt '.results[1].id == "r2" and .results[1].field == "name" and (.results[1].error|type) == "string"' "batch missing name"
jqt '.results[2].id == 7 and .results[2].field == "name"' "batch wrong type"
jqt '.results[3].id == 3 and .results[3].field == "type"' "batch unknown type, id = position"
jq -n '{records: [range(1001) | {id: ., name: "x"}]}' >"$TMP/big.json"
req POST /v1/screen/batch --data-binary "@$TMP/big.json"; expect 400 "batch of 1001"
jqt '.field == "records"' "batch of 1001 names the field"
jq -n '{records: [range(1000) | {id: ., name: "Ivan Petrov"}]}' >"$TMP/full.json"
req POST /v1/screen/batch --data-binary "@$TMP/full.json"; expect 200 "batch of 1000"
jqt '.results | length == 1000' "batch of 1000 answers all"

# ---- GET /v1/entities/{id} --------------------------------------------------------------------
req GET /v1/entities/ofac:20157; expect 200 "entity"
jqt '.id == "ofac:20157" and (.names | length) > 0' "entity record"
req GET /v1/entities/ofac%3A20157; expect 200 "entity, escaped id"
req GET /v1/entities/ofac:999999999; expect 404 "unknown entity"
jqt '.error | type == "string"' "unknown entity error"
req GET /v1/entities/; expect 404 "entity without id"

# ---- POST /match/{dataset} (yente) ------------------------------------------------------------
post '/match/default?threshold=0.8&limit=5' '{"queries":{"q1":{"schema":"Person","properties":{"name":["Kim Jong Un"],"birthDate":["1984-01-08"],"nationality":["kp"]}},"q2":{"schema":"Vessel","properties":{"name":["Zzyzx Qwerty"],"imoNumber":["9999999"]}},"q3":{"schema":"Person","properties":{}}}}'
expect 200 "yente match"
jqt '.responses.q1.status == 200 and ([.responses.q1.results[].id] | index("ofac:20157") != null)' "yente finds ofac:20157"
jqt '.responses.q1.results[0] | (.schema == "Person" and (.caption|type) == "string" and (.properties.name|length) > 0 and .datasets == ["ofac"] or .datasets == ["un"] or .datasets == ["uk"]) and (.features|type) == "object"' "yente result shape"
jqt '[.responses.q1.results[] | (.match == (.score >= 0.8))] | all' "match flag follows threshold"
jqt '.responses.q1.total.relation == "eq" and .responses.q1.total.value == (.responses.q1.results | length)' "yente total"
jqt '.responses.q1.query.schema == "Person" and .limit == 5' "yente echo and limit"
jqt '.responses.q2.status == 200' "yente second query"
jqt '.responses.q3.status == 400 and .responses.q3.field == "properties.name"' "yente query without name"
post '/match/default?threshold=0.99&cutoff=0.5' '{"queries":{"q":{"schema":"Person","properties":{"name":["Kim Jong Un"]}}}}'
expect 200 "yente high threshold"
jqt '[.responses.q.results[] | select(.match == false)] | length > 0' "below-threshold results come with match=false"
jqt '[.responses.q.results[] | .score >= 0.5] | all' "nothing under the cutoff"
post '/match/un' '{"queries":{"q":{"schema":"Person","properties":{"name":["Kim Jong Un"]}}}}'
expect 200 "yente dataset filter"
jqt '[.responses.q.results[].datasets[0] == "un"] | all and length > 0' "only the UN list"
post '/match/nosuchlist' '{"queries":{}}'; expect 404 "unknown dataset"
post '/match/default?limit=abc' '{"queries":{}}'; expect 400 "bad limit param"
post '/match/default' '{"queries":[1]}'; expect 400 "queries not an object"

# ---- Bad requests ----------------------------------------------------------------------------
bad_request 400 body "malformed JSON" /v1/screen '{"name":'
bad_request 400 body "trailing garbage" /v1/screen '{"name":"x"} x'
printf '{"name":"\377\376abc"}' >"$TMP/latin1.json"
req POST /v1/screen --data-binary "@$TMP/latin1.json"; expect 400 "non-UTF-8 JSON"
jqt '.field == "body"' "non-UTF-8 names the body"
bad_request 400 body "empty body" /v1/screen ''
bad_request 400 body "array body" /v1/screen '["Kim"]'
bad_request 400 name "missing name" /v1/screen '{"dob":"1984"}'
bad_request 400 name "name of wrong type" /v1/screen '{"name":["Kim"]}'
bad_request 400 name "blank name" /v1/screen '{"name":"   "}'
bad_request 400 body "NUL in name (jansson refuses it)" /v1/screen '{"name":"Kim\u0000Jong"}'
bad_request 400 threshold "threshold out of range" /v1/screen '{"name":"Kim","threshold":2}'
bad_request 400 threshold "threshold of wrong type" /v1/screen '{"name":"Kim","threshold":"high"}'
bad_request 400 limit "limit of wrong type" /v1/screen '{"name":"Kim","limit":2.5}'
bad_request 400 limit "limit zero" /v1/screen '{"name":"Kim","limit":0}'
bad_request 400 type "unknown type" /v1/screen '{"name":"Kim","type":"dragon"}'
bad_request 400 dob "dob of wrong type" /v1/screen '{"name":"Kim","dob":1984}'
bad_request 400 identifiers "identifiers of wrong type" /v1/screen '{"name":"Kim","identifiers":[1]}'
bad_request 400 body "duplicate keys" /v1/screen '{"name":"Kim","name":"Lee"}'
long=$(head -c 3000 /dev/zero | tr '\0' 'a')
bad_request 400 name "overlong name" /v1/screen "{\"name\":\"$long\"}"
head -c 1100000 /dev/zero | tr '\0' ' ' >"$TMP/huge.json"
req POST /v1/screen --data-binary "@$TMP/huge.json"; expect 413 "body over 1 MB"
jqt '.field == "body"' "413 names the body"
req POST /v1/screen -H 'Transfer-Encoding: chunked' --data-binary "@$TMP/huge.json"
expect 413 "chunked body over 1 MB"
req GET /v1/nothing; expect 404 "unknown route"
jqt '.error | type == "string"' "404 body"
req GET /v1/screen; expect 405 "GET on a POST route"
grep -qi '^allow: POST' "$TMP/head" && ok || no "405 Allow header for /v1/screen"
req DELETE /v1/lists; expect 405 "DELETE on a GET route"
grep -qi '^allow: GET, HEAD' "$TMP/head" && ok || no "405 Allow header for /v1/lists"
# A slow client: sends half a body, then nothing. The server must close it after --timeout (2 s).
(printf '{"na'; sleep 5) | curl -s -m 8 -o /dev/null -X POST -H 'Content-Length: 100' -T - \
    "$URL/v1/screen"
wait_log "timed out" && ok || no "slow client logged as timed out"
# The log line gives how long the server held it: about --timeout, not the client's 5 s.
us=$(sed -n 's/^POST \/v1\/screen 408 \([0-9]*\)us (timed out)$/\1/p' "$TMP/serve.log" | head -n 1)
[ -n "$us" ] && [ "$us" -lt 4000000 ] && ok || no "slow client held for ${us:-?} us (timeout is 2 s)"
req GET /healthz; expect 200 "alive after the bad requests"

# ---- Log and metrics --------------------------------------------------------------------------
grep -Eq '^POST /v1/screen 200 [0-9]+us$' "$TMP/serve.log" && ok || no "request log line"
req GET /metrics; expect 200 "metrics"
grep -q '^cordon_requests_total{route="screen",status="200"} [1-9]' "$TMP/body" && ok || no "requests_total"
grep -q '^cordon_requests_total{route="screen",status="413"} 2' "$TMP/body" && ok || no "requests_total 413"
grep -q '^cordon_request_duration_seconds_bucket{route="screen",le="+Inf"} [1-9]' "$TMP/body" && ok || no "histogram"
grep -q '^# TYPE cordon_request_duration_seconds histogram' "$TMP/body" && ok || no "histogram type"
grep -q "^cordon_index_info{built_at=\"$BUILT\",format_version=\"[0-9]*\"} 1" "$TMP/body" && ok || no "index_info"
grep -q "^cordon_index_entities $ENTITIES\$" "$TMP/body" && ok || no "index_entities"

# ---- SIGHUP reloads ---------------------------------------------------------------------------
# Requests keep flowing during the reloads; none may fail.
(n=0; while [ $n -lt 60 ] && [ ! -f "$TMP/stop" ]; do
     curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' \
         --data-binary '{"name":"Kim Jong Un"}' "$URL/v1/screen"
     n=$((n + 1)); done >"$TMP/during.txt") &
LOAD=$!
# A good new index (UN only), written beside and renamed over the served path.
if build_index "$TMP/ix2.cordon" "$UN"; then ok; else no "second index build"; fi
mv "$TMP/ix2.cordon" "$TMP/ix.cordon"
kill -HUP "$PID"
wait_log "SIGHUP: reloaded" && ok || no "good index reloaded"
req GET /v1/lists
jqt "(.sources | length) == 1 and .entities < $ENTITIES" "the new index is served"
post /v1/screen '{"name":"KIM JONG UN"}'; expect 200 "screen on the new index"
jqt '[.matches[].list] | all(. == "un")' "matches come from the new index"
# A bad new index: refused, logged, the old one kept.
head -c 4096 /dev/urandom >"$TMP/bad.cordon"
mv "$TMP/bad.cordon" "$TMP/ix.cordon"
kill -HUP "$PID"
wait_log "refused" && ok || no "bad index refused in the log"
req GET /readyz; expect 200 "still ready after a bad reload"
req GET /v1/lists; jqt '.sources | length == 1' "old index kept"
post /v1/screen '{"name":"KIM JONG UN"}'; expect 200 "screening goes on after a bad reload"
req GET /metrics
grep -q '^cordon_index_reloads_total{result="refused"} 1' "$TMP/body" && ok || no "refused reload counted"
touch "$TMP/stop"
wait "$LOAD"
n200=$(grep -c '^200$' "$TMP/during.txt")
nall=$(grep -c . "$TMP/during.txt")
[ "$nall" -gt 0 ] && [ "$n200" -eq "$nall" ] && ok || no "requests during reloads: $n200 of $nall answered 200"

# ---- Stop -------------------------------------------------------------------------------------
kill -TERM "$PID"
wait "$PID"
rc=$?
PID=
[ $rc -eq 0 ] && ok || no "server exit status $rc after SIGTERM"
grep -q 'ERROR: \(Address\|Leak\)Sanitizer\|runtime error' "$TMP/serve.log" && no "sanitizer: $(grep -A5 Sanitizer "$TMP/serve.log" | head -20)" || ok

# ---- Started without an index: alive but not ready, until SIGHUP finds one ----------------------
rm -f "$TMP/ix.cordon"
mv "$TMP/serve.log" "$TMP/serve1.log"
if start_server "$TMP/ix.cordon" --threads 2 --timeout 2; then ok; else no "server without an index did not start"; finish; fi
req GET /healthz; expect 200 "healthz without an index"
req GET /readyz; expect 503 "readyz without an index"
post /v1/screen '{"name":"Kim"}'; expect 503 "screen without an index"
jqt '.error | type == "string"' "503 body"
req GET /v1/lists; expect 503 "lists without an index"
if build_index "$TMP/ix.cordon" "$UN"; then ok; else no "late index build"; fi
kill -HUP "$PID"
wait_log "SIGHUP: reloaded" && ok || no "late index loaded on SIGHUP"
req GET /readyz; expect 200 "ready once the index is there"
kill -TERM "$PID"
wait "$PID"
rc=$?
PID=
[ $rc -eq 0 ] && ok || no "second server exit status $rc"
grep -q 'ERROR: \(Address\|Leak\)Sanitizer\|runtime error' "$TMP/serve.log" && no "sanitizer (second server)" || ok
finish
