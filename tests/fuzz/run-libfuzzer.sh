#!/bin/sh
# run-libfuzzer.sh SECONDS - the front end under libFuzzer (`make fuzz` runs it
# after the differential fuzzer): reader_fuzz.c built twice, as the binary
# target and the text target, with clang -fsanitize=fuzzer,address,undefined,
# each run for SECONDS (default 60) from a seed corpus of the repository's own
# .wasm and .wat files (and the .wat files as binaries, given wat2wasm).  The corpora grow in $W2L_BUILD/libfuzzer/corpus-* from
# run to run; a crash leaves its input in $W2L_BUILD/libfuzzer/ (crash-*,
# leak-*, timeout-*) and fails the run.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${W2L_BUILD:?run through make fuzz}"
SECONDS_EACH=${1:-60}
out="$W2L_BUILD/libfuzzer"
mkdir -p "$out"
if ! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return !d + (int)n * 0; }' |
    clang -x c -fsanitize=fuzzer - -o "$out/probe" >/dev/null 2>&1; then
  echo "libfuzzer: clang with -fsanitize=fuzzer is needed (apt-get install clang)" >&2
  exit 2
fi
srcs=$(ls "$root"/compiler/*.c | grep -v '/main\.c$')
status=0 pass=0 fail=0
for target in binary text; do
  flags=
  [ $target = text ] && flags=-DFUZZ_TEXT
  exe="$out/fuzz-$target"
  clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $flags -I"$root/compiler" \
    "$here/reader_fuzz.c" $srcs -o "$exe" || exit 2
  corpus="$out/corpus-$target"
  mkdir -p "$corpus"
  ext=wasm
  [ $target = text ] && ext=wat
  find "$root/tests" "$root/samples" -name "*.$ext" -size -64k -exec cp {} "$corpus/" \; 2>/dev/null
  if [ $target = binary ] && command -v wat2wasm >/dev/null 2>&1; then # the .wat files as binaries
    # (wabt 1.0.33's wat2wasm loops forever on some bad inputs, such as an
    # unclosed annotation: 10 s each at most)
    find "$root/tests" "$root/samples" -name '*.wat' -size -64k | while read -r f; do
      timeout 10 wat2wasm --enable-all "$f" -o "$corpus/$(echo "$f" | cksum | cut -d' ' -f1).wasm" \
        2>/dev/null
    done
  fi
  echo "libfuzzer: $target reader, $SECONDS_EACH s, $(ls "$corpus" | wc -l) corpus inputs"
  (cd "$out" && "$exe" -max_total_time="$SECONDS_EACH" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "$corpus" >"$out/$target.log" 2>&1)
  rc=$?
  grep -E '^stat::number_of_executed_units|^Done [0-9]+ runs' "$out/$target.log" | tail -n 1 | sed 's/^/  /'
  if [ $rc -eq 0 ]; then pass=$((pass + 1))
  else
    fail=$((fail + 1)) status=1
    echo "FAIL libfuzzer $target (exit $rc): see $out/$target.log"
    grep -E 'ERROR|SUMMARY|Test unit written' "$out/$target.log" | head -n 5 | sed 's/^/    /'
  fi
done
echo "$pass passed, $fail failed"
exit $status
