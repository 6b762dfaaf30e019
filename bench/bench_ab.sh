#!/bin/sh
# bench_ab.sh — screening speed of two revisions in one process (ab_screen.c), for gains of a few
# percent that the machine's drift (a third between runs here) would hide in separate runs.
# Must stay true: builds in a temporary directory, never touches the work tree or its builds.
#   usage: sh bench/bench_ab.sh REV_A [REV_B] [ROUNDS]   (REV_B default: the work tree, ".";
#          ROUNDS default 4)   env: CORDON_LISTS, CORDON_EVAL, CORDON_INDEX (reuse an index)
# Both sides screen the eval queries on indexes of the same file, in alternating chunks of 256.
# ab_screen links the libraries' plain code (their fat LTO objects), so it compares the sources
# without link-time optimization.
# Two copies of one build came out 0.3 % and 0.9 % apart over four rounds (a round alone, up to
# 3.6 %): a difference under 1 % is noise.
set -e
REV_A=${1:?usage: sh bench/bench_ab.sh REV_A [REV_B] [ROUNDS]}
REV_B=${2:-.}
ROUNDS=${3:-4}
LISTS=${CORDON_LISTS:-../shared/data/lists}
EVAL=${CORDON_EVAL:-../shared/eval}
ROOT=$(git rev-parse --show-toplevel)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cordon-ab.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# The sources of a revision ("." for the work tree, committed or not) in $TMP/$2.
checkout() {
    mkdir -p "$TMP/$2"
    if [ "$1" = . ]; then
        (cd "$ROOT" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf -) | tar -xf - -C "$TMP/$2"
    else
        git -C "$ROOT" archive "$1" | tar -xf - -C "$TMP/$2"
    fi
    make -s -C "$TMP/$2" BUILD=b -j"$(nproc)" b/libcordon.a b/cordon >"$TMP/$2.log" 2>&1 ||
        { cat "$TMP/$2.log" >&2; exit 1; }
}
checkout "$REV_A" a
checkout "$REV_B" b

# B's library with every symbol it defines prefixed b_, references to them included.
nm --defined-only -g "$TMP/b/b/libcordon.a" | awk 'NF == 3 { print $3, "b_" $3 }' | sort -u >"$TMP/syms"
cp "$TMP/b/b/libcordon.a" "$TMP/libb.a"
objcopy --redefine-syms="$TMP/syms" "$TMP/libb.a"

set -- -std=c17 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -I"$ROOT/include"
LIBS="$(pkg-config --libs icu-uc icu-i18n libxml-2.0 libmicrohttpd jansson sqlite3 libcurl zlib libdeflate) -lpthread -lm"
cc "$@" -DAB_SIDE=1 -c "$ROOT/bench/ab_screen.c" -o "$TMP/side_a.o"
cc "$@" -DAB_SIDE=2 -c "$ROOT/bench/ab_screen.c" -o "$TMP/side_b.o"
# shellcheck disable=SC2086  # LIBS is a word list
cc "$@" -DAB_MAIN -o "$TMP/ab_screen" "$ROOT/bench/ab_screen.c" "$TMP/side_a.o" "$TMP/side_b.o" \
    "$TMP/a/b/libcordon.a" "$TMP/libb.a" $LIBS

INDEX=${CORDON_INDEX:-}
if [ -z "$INDEX" ]; then
    INDEX="$TMP/all.cordon"
    "$TMP/a/b/cordon" index build --output "$INDEX" "$LISTS/us_ofac_sdn-2024" \
        "$LISTS/un_sc-2026-02-27/consolidated.xml" "$LISTS/uk_ofsi-2025-04-14/ConList.csv" >/dev/null 2>&1
fi
describe() { if [ "$1" = . ]; then echo "the work tree"; else git -C "$ROOT" rev-parse --short "$1"; fi; }
echo "A: $REV_A ($(describe "$REV_A"))   B: $REV_B ($(describe "$REV_B"))"
"$TMP/ab_screen" "$INDEX" "$ROUNDS" "$EVAL/queries_un_variants.csv" "$EVAL/queries_un_original_script.csv" \
    "$EVAL/queries_cross_script.csv" "$EVAL/queries_negatives.csv"
