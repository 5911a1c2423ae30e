#!/bin/sh
# samples.sh - the samples end to end: each samples/NAME/ is built and run with
# the commands its README shows (samples/readme-run.sh, as a user would type
# them); the output must equal samples/NAME/expected.txt, and the output the
# README shows (up to a "..." line) must be how expected.txt begins.
. "$(dirname "$0")/lib.sh"
for dir in "$W2L_ROOT"/samples/*/; do
  name=$(basename "$dir")
  [ -f "$dir/README.md" ] || continue
  work="$W2L_BUILD/samples/$name"
  sh "$W2L_ROOT/samples/readme-run.sh" "$name" "$work"
  rc=$?
  if [ ! -f "$work/output" ]; then
    bad "$name" "the README's commands failed"
    sed 's/^/    /' "$work/build.log"
    continue
  fi
  if [ $rc -eq 0 ] && cmp -s "$work/output" "$dir/expected.txt"; then
    ok "$name"
  else
    bad "$name" "output differs from expected.txt (exit $rc)"
    diff "$dir/expected.txt" "$work/output" | sed 's/^/    /'
  fi
  # What the README shows after its last command.
  sed -n '/^## Build and run/,/^## /p' "$dir/README.md" >"$work/section"
  last=$(grep -n '^    \$ ' "$work/section" | tail -n 1 | cut -d: -f1)
  tail -n +"$((last + 1))" "$work/section" | awk '!/^    / { exit } { sub(/^    /, ""); print }' >"$work/shown"
  sed '/^\.\.\.$/,$d' "$work/shown" >"$work/shown-head"
  lines=$(wc -l <"$work/shown-head")
  if [ "$lines" -gt 0 ] && head -n "$lines" "$dir/expected.txt" | cmp -s - "$work/shown-head"; then
    ok "$name README output"
  else
    bad "$name" "the output the README shows is not how expected.txt begins"
    head -n 5 "$work/shown" | sed 's/^/    /'
  fi
done
summary
