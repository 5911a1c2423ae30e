#!/bin/sh
# e2e.sh - end-to-end programs: each tests/e2e/NAME/ holds modules (*.wat), a
# host.c calling their typed exports, and expected.txt.  Every program is built
# like a sample (samples/build-sample.sh) with $W2L_CC and its output compared;
# then rebuilt with gcc and clang (when installed) at -O0 and -O2, -Werror.
set -u
: "${W2L_BUILD:?run through make test}" "${W2L_ROOT:?}"
pass=0 fail=0
compilers=$W2L_CC
for cc in gcc clang; do
  command -v $cc >/dev/null 2>&1 && [ "$cc" != "$W2L_CC" ] && compilers="$compilers $cc"
done
for dir in "$W2L_ROOT"/tests/e2e/*/; do
  name=$(basename "$dir")
  for cc in $compilers; do
    for opt in -O0 -O2; do
      out="$W2L_BUILD/e2e/$name-$cc$opt"
      rm -rf "$out" && mkdir -p "$out"
      if ! W2L_CC=$cc W2L_CFLAGS="$W2L_CFLAGS $opt" sh "$W2L_ROOT/samples/build-sample.sh" "$dir" "$out" \
          >"$out/build.log" 2>&1; then
        echo "FAIL $name ($cc $opt): build failed"
        head -n 30 "$out/build.log" | sed 's/^/    /'
        fail=$((fail + 1))
        continue
      fi
      "$out/host" >"$out/out.txt" 2>&1
      rc=$?
      if [ $rc -eq 0 ] && cmp -s "$out/out.txt" "$dir/expected.txt"; then
        pass=$((pass + 1))
      else
        echo "FAIL $name ($cc $opt): output differs from expected.txt (exit $rc)"
        diff "$dir/expected.txt" "$out/out.txt" | head -n 20 | sed 's/^/    /'
        fail=$((fail + 1))
      fi
    done
  done
done
echo "$pass passed, $fail failed"
