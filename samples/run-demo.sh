#!/bin/sh
# run-demo.sh [--check] - build and run every sample (make demo).  With
# --check, compare each sample's output with its expected.txt and end with
# "N passed, N failed" (the samples test suite).
set -u
here=$(cd "$(dirname "$0")" && pwd)
check=0
[ "${1:-}" = "--check" ] && check=1
pass=0 fail=0
for dir in "$here"/*/; do
  name=$(basename "$dir")
  [ -f "$dir/host.c" ] || continue
  out="$W2L_BUILD/samples/$name"
  mkdir -p "$out"
  [ $check = 1 ] || printf '== %s ==\n' "$name"
  if ! sh "$here/build-sample.sh" "$dir" "$out" >"$out.build.log" 2>&1; then
    echo "FAIL $name: build failed"
    sed 's/^/    /' "$out.build.log"
    fail=$((fail + 1))
    continue
  fi
  if [ -f "$dir/PLUGINS" ]; then "$out/host" "$out" >"$out.out" 2>&1; else "$out/host" >"$out.out" 2>&1; fi
  rc=$?
  if [ $check = 0 ]; then
    cat "$out.out"
    [ $rc -eq 0 ] || { echo "(exit status $rc)"; fail=$((fail + 1)); }
  elif [ $rc -eq 0 ] && cmp -s "$out.out" "$dir/expected.txt"; then
    echo "ok $name"
    pass=$((pass + 1))
  else
    echo "FAIL $name: output differs from expected.txt (exit $rc)"
    diff "$dir/expected.txt" "$out.out" | sed 's/^/    /'
    fail=$((fail + 1))
  fi
done
if [ $check = 1 ]; then echo "$pass passed, $fail failed"; fi
[ $fail -eq 0 ]
