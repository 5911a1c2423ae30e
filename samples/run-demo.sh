#!/bin/sh
# run-demo.sh - build and run every sample and show its output (make demo).
# The samples test suite (tests/suites/samples.sh) checks the same programs
# against their expected.txt.
set -u
here=$(cd "$(dirname "$0")" && pwd)
fail=0
for dir in "$here"/*/; do
  name=$(basename "$dir")
  [ -f "$dir/host.c" ] || continue
  out="$W2L_BUILD/samples/$name"
  mkdir -p "$out"
  printf '== %s ==\n' "$name"
  if ! sh "$here/build-sample.sh" "$dir" "$out" >"$out.build.log" 2>&1; then
    echo "FAIL $name: build failed"
    sed 's/^/    /' "$out.build.log"
    fail=$((fail + 1))
    continue
  fi
  if [ -f "$dir/PLUGINS" ]; then "$out/host" "$out"; else "$out/host"; fi 2>&1
  rc=$?
  [ $rc -eq 0 ] || { echo "(exit status $rc)"; fail=$((fail + 1)); }
done
[ $fail -eq 0 ]
