#!/bin/sh
# run.sh — runs every test program and script given, sums their "checks: N passed, N failed" lines,
# and prints the total as the closing line. Exits 1 if any test failed or crashed.
passed=0; failed=0; broken=0
for t in "$@"; do
    case "$t" in *.sh) cmd="sh $t" ;; *) cmd="$t" ;; esac
    out=$($cmd 2>"${TMPDIR:-/tmp}/cordon-test.err"); rc=$?
    line=$(printf '%s\n' "$out" | grep '^checks: ' | tail -n 1)
    p=$(echo "$line" | sed -n 's/^checks: \([0-9]*\) passed, \([0-9]*\) failed.*/\1/p')
    f=$(echo "$line" | sed -n 's/^checks: \([0-9]*\) passed, \([0-9]*\) failed.*/\2/p')
    p=${p:-0}; f=${f:-0}
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    if [ $rc -ne 0 ]; then broken=$((broken + 1)); cat "${TMPDIR:-/tmp}/cordon-test.err" >&2; fi
    printf '%-40s %5d passed, %d failed\n' "$(basename "$t")" "$p" "$f"
    passed=$((passed + p)); failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ] && [ $broken -eq 0 ]
