#!/bin/sh
# run.sh — the main job behind `make run`: index the lists, screen examples/sample.csv, start the server.
# Keep true: it only uses the built `cordon` tool, reads lists from $CORDON_LISTS, and ends in `serve`.
set -eu
BUILD=${1:-build}
CORDON="$BUILD/cordon"
LISTS=${CORDON_LISTS:-../shared/data/lists}
LISTEN=${CORDON_LISTEN:-127.0.0.1:8080}

if [ ! -x "$CORDON" ]; then
    echo "run.sh: $CORDON is not built (run: make)" >&2
    exit 1
fi
if [ ! -d "$LISTS" ]; then
    cat >&2 <<EOF
run.sh: no list folder at $LISTS.
Put the official list files in a folder and point CORDON_LISTS at it, e.g.:
  - OFAC SDN legacy CSV set (sdn.csv, alt.csv, add.csv, sdn_comments.csv) from the US Treasury
  - the UN Security Council Consolidated List (consolidated.xml)
  - the UK OFSI Consolidated List (ConList.csv)
then: CORDON_LISTS=/path/to/lists make run   (or: $CORDON index build /path/to/lists)
EOF
    exit 1
fi

# The newest of each list we know, by folder name (the names end in the list date).
newest() { ls -d "$LISTS"/$1 2>/dev/null | sort | tail -n 1; }
set --
for pick in "us_ofac_sdn-2024" "un_sc-*/consolidated.xml" "uk_ofsi-*/ConList.csv" \
            "us_ofac_cons-*/CONSOLIDATED.xml"; do
    p=$(newest "$pick")
    [ -n "$p" ] && set -- "$@" "$p"
done
if [ $# -eq 0 ]; then
    echo "run.sh: none of the expected lists (OFAC SDN 2024 folder, UN XML, UK CSV) are in $LISTS" >&2
    exit 1
fi

echo "== Building the index from $# lists"
"$CORDON" index build "$@"

echo
echo "== Screening examples/sample.csv (threshold 0.80)"
printf '%-6s %-36s   %-14s %5s  %s\n' "ROW" "QUERY" "ENTITY" "SCORE" "MATCHED NAME"
"$CORDON" batch --input examples/sample.csv --table --limit 3

echo
echo "== Try: $CORDON screen 'Kim Jong Un'   |   $CORDON entity ofac:20157"
echo "== Web page and HTTP API: http://$LISTEN/  (Ctrl-C stops the server)"
exec "$CORDON" serve --listen "$LISTEN"
