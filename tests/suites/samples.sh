#!/bin/sh
# samples.sh - the samples end to end: each samples/NAME/ with a host.c is
# built like a user would (samples/build-sample.sh) and run; its output must
# equal samples/NAME/expected.txt.  (make demo runs them and shows the output.)
. "$(dirname "$0")/lib.sh"
for dir in "$W2L_ROOT"/samples/*/; do
  name=$(basename "$dir")
  [ -f "$dir/host.c" ] || continue
  out="$W2L_BUILD/samples/$name"
  mkdir -p "$out"
  if ! sh "$W2L_ROOT/samples/build-sample.sh" "$dir" "$out" >"$out.build.log" 2>&1; then
    bad "$name" "build failed"
    sed 's/^/    /' "$out.build.log"
    continue
  fi
  if [ -f "$dir/PLUGINS" ]; then "$out/host" "$out" >"$out.out" 2>&1; else "$out/host" >"$out.out" 2>&1; fi
  rc=$?
  if [ $rc -eq 0 ] && cmp -s "$out.out" "$dir/expected.txt"; then
    ok "$name"
  else
    bad "$name" "output differs from expected.txt (exit $rc)"
    diff "$dir/expected.txt" "$out.out" | sed 's/^/    /'
  fi
done
summary
