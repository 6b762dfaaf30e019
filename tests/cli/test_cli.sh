#!/bin/sh
# test_cli.sh — end-to-end tests of the `cordon` tool: usage and exit codes, index build/info, entity,
# screen, batch (CSV, JSONL, bad rows, input order on threads), compare, normalize. Needs the UN list.
# Keep true: it never touches the user's default index (XDG_DATA_HOME points into a temp folder).
BUILD=${BUILD:-build}
CORDON="$BUILD/cordon"
LISTS=${CORDON_LISTS:-../shared/data/lists}
UN=$(ls -d "$LISTS"/un_sc-*/consolidated.xml 2>/dev/null | sort | tail -n 1)
T=$(mktemp -d "${TMPDIR:-/tmp}/cordon-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XDG_DATA_HOME="$T/data"
pass=0; fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
# expect CODE DESCRIPTION -- COMMAND...: runs it (output in $T/out, $T/err) and checks the exit code.
expect() {
    want=$1; what=$2; shift 3
    "$@" >"$T/out" 2>"$T/err"; got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, want $want"; sed 's/^/  /' "$T/err" >&2; fi
}
has() { if grep -q -- "$2" "$T/$1"; then ok; else bad "$1 lacks '$2'"; head -n 5 "$T/$1" >&2; fi; }
lines() { n=$(wc -l <"$1"); if [ "$n" -eq "$2" ]; then ok; else bad "$1 has $n lines, want $2"; fi; }

# ---- usage and help
expect 2 "no command" -- "$CORDON"
expect 0 "--version" -- "$CORDON" --version; has out "^cordon "
expect 0 "help" -- "$CORDON" help; has out "screen"
expect 0 "help screen" -- "$CORDON" help screen; has out "--threshold"
expect 0 "screen --help" -- "$CORDON" screen --help; has out "--exhaustive"
expect 0 "help index" -- "$CORDON" help index; has out "index build"
expect 2 "unknown command" -- "$CORDON" frobnicate; has err "cordon: no command"
expect 2 "unknown option" -- "$CORDON" screen --bogus x; has err "unknown option"
expect 2 "bad threshold" -- "$CORDON" screen --threshold 2 x
expect 2 "bad type" -- "$CORDON" screen --type planet x
expect 2 "missing value" -- "$CORDON" screen x --limit
expect 2 "index with no subcommand" -- "$CORDON" index
expect 2 "batch without --input" -- "$CORDON" batch
expect 1 "no default index" -- "$CORDON" screen "Kim Jong Un"; has err "no index at"

# ---- names (no index needed)
expect 0 "compare" -- "$CORDON" compare "Olaf Scholz" "Olaf Scholze"; has out "^score: "
expect 0 "normalize" -- "$CORDON" normalize "Ким Чен Ын"; has out "{"
printf 'schema,name1,name2,extra\nPerson,Olaf Scholz,Olaf Scholze,"a, b"\nCompany,Siemens AG,Siemens Aktiengesellschaft,x\nPerson,,nobody,y\n' >"$T/pairs.csv"
expect 0 "compare --input" -- "$CORDON" compare --input "$T/pairs.csv" --output "$T/pairs.out"
cp "$T/pairs.out" "$T/out"; has out "^schema,name1,name2,extra,score,match$"; has out '"a, b",0\.[0-9]*,\(true\|false\)'
lines "$T/pairs.out" 4

if [ -z "$UN" ]; then
    echo "test_cli.sh: no UN list under $LISTS; index tests skipped" >&2
    echo "checks: $pass passed, $fail failed"; [ $fail -eq 0 ]; exit
fi
IX="$T/un.cordon"

# ---- index build and info
expect 0 "index build" -- "$CORDON" index build -o "$IX" "$UN"; has out "un-xml"
[ -s "$IX" ] && ok || bad "index file not written"
printf '<?xml version="1.0"?>\n<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>X' >"$T/bad.xml"
expect 3 "malformed list" -- "$CORDON" index build -o "$T/bad.cordon" "un-xml=$T/bad.xml"; has err "bad.xml"
[ ! -e "$T/bad.cordon" ] && ok || bad "an index was written from a malformed list"
expect 3 "missing list" -- "$CORDON" index build -o "$T/none.cordon" "$T/no-such-file.xml"
expect 0 "index info" -- "$CORDON" index info "$IX"; has out "un-xml"
expect 0 "index info --json" -- "$CORDON" index info --json "$IX"; has out '"entities"'
printf 'not an index' >"$T/junk.cordon"
expect 3 "corrupt index" -- "$CORDON" index info "$T/junk.cordon"

# ---- entity and screen
expect 0 "entity" -- "$CORDON" entity --index "$IX" un:QDi.006; has out "ZAWAHIRI"
expect 0 "entity --json" -- "$CORDON" entity --index "$IX" --json un:QDi.006; has out '"id"'
expect 1 "no such entity" -- "$CORDON" entity --index "$IX" un:NOPE.000
expect 0 "screen" -- "$CORDON" screen --index "$IX" AIMAN MUHAMMED RABI AL-ZAWAHIRI; has out "un:QDi.006"
expect 0 "screen --json" -- "$CORDON" screen --index "$IX" --json "أيمن محمد ربيع الظواهري"; has out "un:QDi.006"
expect 0 "screen, no alert" -- "$CORDON" screen --index "$IX" --type person "Maria Schmidt"; has out "^0 alerts"
expect 3 "screen, broken UTF-8" -- "$CORDON" screen --index "$IX" "$(printf 'Kim \377')"

# ---- batch: CSV with bad rows, in order, on 2 threads
{
    printf 'id,name,type,dob,country,identifiers\n'
    printf 'r1,AIMAN MUHAMMED RABI AL-ZAWAHIRI,person,,,\n'
    printf 'r2,"Smith,\nJohn",person,1980,GB,\n'
    printf 'r3,\n'
    printf 'r4,Bad \377 name,,,,\n'
    printf 'r5,'; head -c 70000 /dev/zero | tr '\0' 'a'; printf ',,,,\n'
    printf 'r6,Ri Won Ho,planet,,,\n'
    printf 'r7,Ebano,vessel,,,"IMO 7406784; Passport 1"\n'
    printf 'r8,ⵜⴰⵎⴰ Ebano,,,,\n'
} >"$T/q.csv"
expect 0 "batch csv" -- "$CORDON" batch --index "$IX" --threads 2 --input "$T/q.csv" --output "$T/q.jsonl"
lines "$T/q.jsonl" 8
cp "$T/q.jsonl" "$T/out"
has out '^{"id":"r1","matches":\[{.*un:QDi.006'
has out '^{"id":"r2","matches":'
has out '^{"id":"r3","error":".*no name'
has out '^{"id":"r4","error":".*UTF-8'
has out '^{"id":"r5","error":".*64 KiB'
has out '^{"id":"r6","error":".*unknown type'
has out '^{"id":"r8","matches":.*"unread_words":1}$'     # a word no script reader reads: said
has err "8 rows"
ids=$(sed 's/^{"id":"\([^"]*\)".*/\1/' "$T/q.jsonl" | tr '\n' ' ')
[ "$ids" = "r1 r2 r3 r4 r5 r6 r7 r8 " ] && ok || bad "batch order: $ids"

# ---- batch: JSONL on stdin, to stdout
printf '{"id":"j1","name":"AIMAN MUHAMMED RABI AL-ZAWAHIRI","identifiers":["x 1"]}\n\n{"name":"Nobody Here"}\n{"id":"j3"\n[1,2]\n' >"$T/q.jsonl.in"
expect 0 "batch jsonl stdin" -- sh -c "\"$CORDON\" batch --index \"$IX\" --input - <\"$T/q.jsonl.in\""
lines "$T/out" 4
has out '^{"id":"j1","matches":\[{'
has out '^{"id":"2","matches":'
has out '^{"id":"3","error":".*invalid JSON'
has out '^{"id":"4","error":".*not a JSON object'

# ---- batch: order kept over many chunks and threads
{ echo "id,name"; i=1; while [ $i -le 700 ]; do echo "q$i,Person Number $i"; i=$((i + 1)); done; } >"$T/many.csv"
expect 0 "batch many" -- "$CORDON" batch --index "$IX" --threads 3 --input "$T/many.csv" --output "$T/many.jsonl"
lines "$T/many.jsonl" 700
want=$(seq 1 700 | sed 's/^/q/' | tr '\n' ' ')
got=$(sed 's/^{"id":"\([^"]*\)".*/\1/' "$T/many.jsonl" | tr '\n' ' ')
[ "$want" = "$got" ] && ok || bad "batch order over 700 rows"
# ---- batch: order kept over windows (rows are screened by name, in windows of 8,192)
seq 1 17000 | awk '{ printf "w%d,%s Person %d\n", $1, substr("ZYXWVUTSRQ", $1 % 10 + 1, 1), 17000 - $1 }' |
    sed '1i id,name' >"$T/windows.csv"
expect 0 "batch windows" -- "$CORDON" batch --index "$IX" --threads 2 --input "$T/windows.csv" --output "$T/windows.jsonl"
lines "$T/windows.jsonl" 17000
[ "$(sed 's/^{"id":"\([^"]*\)".*/\1/' "$T/windows.jsonl" | tr '\n' ' ')" = "$(seq 1 17000 | sed 's/^/w/' | tr '\n' ' ')" ] &&
    ok || bad "batch order over 17000 rows"
# ... and over windows cut by size: 300 rows of 60,000-byte names are 18 MB, past a window's 16 MiB
awk 'BEGIN { x = "a"; while (length(x) < 60000) x = x x; x = substr(x, 1, 60000); print "id,name"
             for (i = 1; i <= 300; i++) printf "b%d,%s%s\n", i, (i % 2 ? "z" : "b"), x }' >"$T/long.csv"
expect 0 "batch long rows" -- "$CORDON" batch --index "$IX" --threads 2 --input "$T/long.csv" --output "$T/long.jsonl"
lines "$T/long.jsonl" 300
[ "$(sed 's/^{"id":"\([^"]*\)".*/\1/' "$T/long.jsonl" | tr '\n' ' ')" = "$(seq 1 300 | sed 's/^/b/' | tr '\n' ' ')" ] &&
    ok || bad "batch order over 300 long rows"
printf 'id,nom\n1,x\n' >"$T/noname.csv"
expect 3 "batch csv without name column" -- "$CORDON" batch --index "$IX" --input "$T/noname.csv"

# ---- the default index location
expect 0 "index build to the default path" -- "$CORDON" index build "$UN"
[ -s "$XDG_DATA_HOME/cordon/index.cordon" ] && ok || bad "default index not written"
expect 0 "screen with the default index" -- "$CORDON" screen "ABDUL GHANI BARADAR"; has out "un:TAi.024"

echo "checks: $pass passed, $fail failed"
[ $fail -eq 0 ]
