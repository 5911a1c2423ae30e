#!/bin/sh
# run-demo.sh - build and run every sample with the commands its README shows
# (samples/readme-run.sh) and print its output (make demo).  The samples test
# suite (tests/suites/samples.sh) checks the same output against expected.txt.
set -u
here=$(cd "$(dirname "$0")" && pwd)
fail=0
sh "$here/ensure-wasi-sdk.sh" || fail=1 # samples/wasi builds C for wasm32-wasi
for dir in "$here"/*/; do
  name=$(basename "$dir")
  [ -f "$dir/README.md" ] || continue
  work="$W2L_BUILD/samples/$name"
  printf '== %s ==\n' "$name"
  sh "$here/readme-run.sh" "$name" "$work"
  rc=$?
  if [ ! -f "$work/output" ]; then
    echo "FAIL $name: build failed"
    sed 's/^/    /' "$work/build.log"
    fail=$((fail + 1))
    continue
  fi
  cat "$work/output"
  [ $rc -eq 0 ] || { echo "(exit status $rc)"; fail=$((fail + 1)); }
done
[ $fail -eq 0 ]
