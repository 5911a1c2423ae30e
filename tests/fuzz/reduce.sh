#!/bin/sh
# reduce.sh FAILDIR - shrink a module that `make fuzz` kept (FAILDIR holds m.wasm
# and config) with binaryen's wasm-reduce, keeping the same failure class in the
# same configuration, and save it as a regression test:
#   tests/fuzz/regress/NAME.wasm   the reduced module
#   tests/fuzz/regress/NAME.ref    binaryen's interpreter output for it (the
#                                  expected events: never our own output)
#   tests/fuzz/regress/NAME.wat    its text, for people
# NAME defaults to the FAILDIR's name; REDUCE_NAME=... overrides it.
# Environment: W2L_BUILD (a built tree), REDUCE_TIMEOUT (seconds, default 300).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${W2L_BUILD:?set W2L_BUILD to a build directory}"
dir=$(cd "$1" && pwd)
name=${REDUCE_NAME:-$(basename "$dir")}
config=$(cut -d' ' -f1 "$dir/config")
FEATURES="--enable-sign-ext --enable-nontrapping-float-to-int --enable-bulk-memory
  --enable-multivalue --enable-mutable-globals --enable-simd"
work=$(mktemp -d)
[ -n "${REDUCE_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
. "$here/common.sh"
fuzz_runtime "$work/rt" || exit 2
# check.sh WASM prints the failure class of WASM in the configuration.
cat >"$work/check.sh" <<CHECK
#!/bin/sh
root="$root" here="$here"
. "$here/common.sh"
w=\$1 d=\$(mktemp -d)
trap 'rm -rf "\$d"' EXIT
wasm-opt "\$w" $(echo $FEATURES) --fuzz-exec-before -q >"\$d/ref.txt" 2>&1 || { echo skip; exit 0; }
grep -q '^\[host limit' "\$d/ref.txt" && { echo skip; exit 0; }
"$W2L_BUILD/wasm2c-lite" "\$w" -n fz -o "\$d/fz.c" 2>/dev/null || { echo rejected; exit 0; }
fuzz_run $config "\$d" "$work/rt" 20
CHECK
class=$(sh "$work/check.sh" "$dir/m.wasm")
echo "reduce: $name fails as '$class' in $config"
case $class in ok|skip) echo "reduce: nothing to reduce"; exit 1 ;; esac
cp "$dir/m.wasm" "$work/t.wasm"
timeout "${REDUCE_TIMEOUT:-300}" wasm-reduce "$dir/m.wasm" $FEATURES -b "$(dirname "$(command -v wasm-opt)")/" --timeout=30 \
  --command="sh $work/check.sh $work/t.wasm" -t "$work/t.wasm" -w "$work/w.wasm" >"$work/reduce.log" 2>&1
[ -s "$work/w.wasm" ] || cp "$dir/m.wasm" "$work/w.wasm"
again=$(sh "$work/check.sh" "$work/w.wasm")
[ "$again" = "$class" ] || { echo "reduce: the reduced module fails as '$again'"; exit 1; }
mkdir -p "$here/regress"
cp "$work/w.wasm" "$here/regress/$name.wasm"
wasm-opt "$work/w.wasm" $FEATURES --fuzz-exec-before -q >"$here/regress/$name.ref" 2>&1
wasm-dis "$work/w.wasm" >"$here/regress/$name.wat" 2>/dev/null
echo "$class $config" >"$here/regress/$name.class"
echo "reduce: tests/fuzz/regress/$name.wasm ($(wc -c <"$work/w.wasm") bytes, was $(wc -c <"$dir/m.wasm"))"
