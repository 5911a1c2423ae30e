#!/bin/sh
# spec-binary.sh TESTSUITE [IR_DUMP] - measure the binary reader on the official
# spec testsuite: wast2json turns each non-SIMD core .wast into .wasm files; every
# module that is not assert_malformed must decode and every binary
# assert_malformed module must be rejected.  Prints the counts and each miss.
#   sh tests/tools/spec-binary.sh third_party/testsuite build/unit/ir_dump
set -u
ts=${1:?usage: spec-binary.sh TESTSUITE [IR_DUMP]}
dump=${2:-build/unit/ir_dump}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok=0 okmiss=0 mal=0 malmiss=0
for w in "$ts"/*.wast; do
  b=$(basename "$w" .wast)
  case $b in simd*) continue ;; esac
  mkdir -p "$tmp/$b"
  if ! wast2json --no-check "$w" -o "$tmp/$b/$b.json" 2>/dev/null; then
    echo "skip $b: wast2json failed"; continue
  fi
  # One line per binary module: "TYPE LINE FILE" (assert_malformed text modules are .wat).
  tr '{' '\n' <"$tmp/$b/$b.json" | sed -n 's/.*"type": "\([a-z_]*\)", "line": \([0-9]*\), "filename": "\([^"]*\.wasm\)".*/\1 \2 \3/p' |
    while read -r type line file; do
      if "$dump" --binary "$tmp/$b/$file" >"$tmp/out" 2>&1; then rc=0; else rc=$?; fi
      if [ "$type" = assert_malformed ]; then
        if [ $rc -eq 1 ]; then echo "mal-ok"; else echo "MISS $b.wast:$line: malformed module accepted (exit $rc)"; fi
      else
        if [ $rc -eq 0 ]; then echo "ok"; else echo "MISS $b.wast:$line ($type): $(head -n 1 "$tmp/out")"; fi
      fi
    done
done >"$tmp/results"
grep '^MISS' "$tmp/results"
echo "decoded: $(grep -c '^ok$' "$tmp/results") of $(grep -vc '^mal-ok$\|malformed module accepted' "$tmp/results")"
echo "malformed rejected: $(grep -c '^mal-ok$' "$tmp/results") of $(grep -c '^mal-ok$\|malformed module accepted' "$tmp/results")"
