#!/bin/sh
# The command line: options, and bad input rejected with the exact diagnostic,
# exit status 1 and no output file left behind.
#   tests/diag/NAME.wat|.wasm  an input that must be rejected
#   tests/diag/NAME.err        its exact stderr (paths relative to the repo root)
#   tests/diag/NAME.flags      options for it, if any (--disable-simd ...)
# UPDATE=1 rewrites the .err files from the current output (review the diff!).
. "$(dirname "$0")/lib.sh"
cd "$W2L_ROOT"
t="$W2L_BUILD/wasm2c-lite"
tmp="$W2L_BUILD/cli-tmp"
rm -rf "$tmp" && mkdir -p "$tmp"

# Options
"$t" --version | grep -q '^wasm2c-lite [0-9]' && ok || bad "--version"
"$t" --help | grep -q '^usage: wasm2c-lite' && ok || bad "--help"
"$t" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "no input: exit 2"
"$t" --bogus x.wat 2>"$tmp/err"; [ $? -eq 2 ] && grep -q "unknown option '--bogus'" "$tmp/err" && ok || bad "unknown option"
"$t" no/such/file.wat 2>"$tmp/err"; [ $? -eq 1 ] && grep -q "cannot read 'no/such/file.wat'" "$tmp/err" && ok || bad "missing input"

# Feature options: an unknown feature is a usage error; --help lists them;
# what --disable-all rejects --enable-all (or the default) accepts.
"$t" x.wat --enable-bogus 2>"$tmp/err"; [ $? -eq 2 ] && grep -q "unknown feature in '--enable-bogus'" "$tmp/err" &&
  ok || bad "unknown feature"
"$t" --help | grep -q '^    multi-memory ' && ok || bad "--help lists the features"
printf '(module (memory 1) (memory 1))\n' >"$tmp/two-mems.wat"
"$t" "$tmp/two-mems.wat" --disable-all -o "$tmp/two.c" 2>"$tmp/err"; [ $? -eq 1 ] &&
  grep -q 'enable with --enable-multi-memory' "$tmp/err" && ok || bad "--disable-all rejects two memories"
"$t" "$tmp/two-mems.wat" --disable-all --enable-all -o "$tmp/two.c" && "$t" "$tmp/two-mems.wat" -o "$tmp/two.c" &&
  ok || bad "--enable-all and the default accept two memories"
rm -f "$tmp"/two.*

# Option spellings: -o X, -oX, --output X, --output=X (the same for -n), a
# missing value named; -v reports the phases.
for o in "-o" "--output"; do
  "$t" x.wat $o 2>"$tmp/err"; [ $? -eq 2 ] && grep -q "option '$o' needs a value" "$tmp/err" &&
    ok || bad "$o without a value"
done
"$t" x.wat --output= 2>"$tmp/err"; [ $? -eq 2 ] && grep -q "option '--output' needs a value" "$tmp/err" &&
  ok || bad "--output= without a value"
"$t" x.wat -n 2>"$tmp/err"; [ $? -eq 2 ] && grep -q "option '-n' needs a value" "$tmp/err" &&
  ok || bad "-n without a value"
printf '(module (func (export "f") (result i32) i32.const 7))\n' >"$tmp/my-mod.wat"
"$t" "$tmp/my-mod.wat" -o"$tmp/s1.c" && grep -q 'my_mod_module' "$tmp/s1.h" && ok || bad "-oX.c and the file name's prefix"
"$t" "$tmp/my-mod.wat" --output="$tmp/s2.c" --module-name=my-mod && grep -q 'my_mod_module' "$tmp/s2.h" &&
  ok || bad "--output=X --module-name=my-mod gives the file name's prefix"
"$t" "$tmp/my-mod.wat" --output "$tmp/s3.c" -nother && grep -q 'other_module' "$tmp/s3.h" && ok || bad "-nNAME"
printf '(module $hello.world (func))\n' >"$tmp/named.wat"
"$t" "$tmp/named.wat" -o "$tmp/s4.c" && grep -q 'hello_world_module' "$tmp/s4.h" && ok || bad "prefix from (module \$name)"
"$t" "$tmp/my-mod.wat" -v -o "$tmp/s5.c" 2>"$tmp/err" && grep -q "^wasm2c-lite: read .*my-mod.wat (text, 54 bytes): functions 1 (imported 0), exports 1 (" "$tmp/err" &&
  grep -q "^wasm2c-lite: wrote .*s5.c and .*s5.h (C prefix my_mod)" "$tmp/err" && ok || bad "-v"
rm -f "$tmp"/s[1-5].* "$tmp/my-mod.wat" "$tmp/named.wat"

# --num-outputs: N files and the shared header; bad counts and forms refused;
# an error leaves none of them behind.
printf '(module (func $a (result i32) i32.const 1) (func $b (result i32) call $a) (func (export "c") (result i32) call $b))\n' >"$tmp/three.wat"
"$t" "$tmp/three.wat" -o "$tmp/p.c" --num-outputs 3 && [ -f "$tmp/p.c" ] && [ -f "$tmp/p_1.c" ] &&
  [ -f "$tmp/p_2.c" ] && [ -f "$tmp/p_impl.h" ] && [ -f "$tmp/p.h" ] && [ ! -e "$tmp/p_3.c" ] &&
  grep -q '#include "p_impl.h"' "$tmp/p_2.c" && ok || bad "--num-outputs 3 writes p.c, p_1.c, p_2.c, p_impl.h"
"$t" "$tmp/three.wat" -o "$tmp/q.c" --num-outputs=1 && [ -f "$tmp/q.c" ] && [ ! -e "$tmp/q_impl.h" ] &&
  ok || bad "--num-outputs=1 is one file"
for n in 0 65 x 2x; do
  "$t" "$tmp/three.wat" -o "$tmp/r.c" --num-outputs "$n" 2>"$tmp/err"
  [ $? -eq 2 ] && grep -q "num-outputs wants a number from 1 to 64, not '$n'" "$tmp/err" && [ ! -e "$tmp/r.c" ] &&
    ok || bad "--num-outputs $n"
done
"$t" "$tmp/three.wat" --num-outputs 2 2>"$tmp/err"; [ $? -eq 2 ] && grep -q "needs -o" "$tmp/err" && ok ||
  bad "--num-outputs without -o"
printf '(module (func (result i32) i64.const 1))\n' >"$tmp/bad.wat"
"$t" "$tmp/bad.wat" -o "$tmp/b.c" --num-outputs 3 2>/dev/null
[ $? -eq 1 ] && [ -z "$(ls "$tmp" | grep '^b[._]')" ] && ok || bad "--num-outputs leaves nothing after an error: $(ls "$tmp" | grep '^b[._]')"
rm -f "$tmp"/[pqrb].* "$tmp"/[pqrb]_* "$tmp/three.wat" "$tmp/bad.wat"

# Good input: -o writes X.c and X.h, stdin works, stdout without -o.
printf '(module (func (export "f") (result i32) i32.const 7))\n' >"$tmp/good.wat"
"$t" "$tmp/good.wat" -o "$tmp/good.c" && [ -s "$tmp/good.c" ] && [ -s "$tmp/good.h" ] && ok || bad "-o writes .c and .h"
"$t" - <"$tmp/good.wat" | grep -q 'w2l_module' && ok || bad "stdin to stdout"
[ "$(ls "$tmp" | grep -c '\.c\.')" -eq 0 ] && ok || bad "temporary files left behind"

# #line directives: to the .wat by default, none with --no-line-directives or
# from a binary; the C after each function is back on its own line numbers.
"$t" "$tmp/good.wat" -o "$tmp/lines.c" && grep -q "^#line 1 \"$tmp/good.wat\"" "$tmp/lines.c" &&
  n=$(grep -n "^#line [0-9]* \"$tmp/lines.c\"" "$tmp/lines.c" | head -n 1) &&
  [ "${n%%:*}" -eq $(( $(echo "$n" | sed 's/^[0-9]*:#line \([0-9]*\).*/\1/') - 1 )) ] &&
  ok || bad "#line directives to the .wat and back"
"$t" "$tmp/good.wat" --no-line-directives -o "$tmp/nolines.c" && ! grep -q '^#line' "$tmp/nolines.c" &&
  ok || bad "--no-line-directives"
rm -f "$tmp"/lines.* "$tmp"/nolines.*

# Writing output: a failed write is an error; the old file stays until the new
# one is complete; the mode, symlinks, pipes and devices are respected.
if [ -w /dev/full ]; then
  "$t" "$tmp/good.wat" >/dev/full 2>"$tmp/err"
  [ $? -eq 1 ] && grep -q 'cannot write to standard output' "$tmp/err" && ok || bad "write error on stdout"
fi
echo old >"$tmp/keep.c"
printf '(module (func (result i32)))\n' >"$tmp/bad.wat"
"$t" "$tmp/bad.wat" -o "$tmp/keep.c" 2>/dev/null
[ $? -eq 1 ] && [ "$(cat "$tmp/keep.c")" = old ] && [ ! -e "$tmp/keep.h" ] && ok || bad "failed translation replaced its output"
chmod 640 "$tmp/good.c"
"$t" "$tmp/good.wat" -o "$tmp/good.c" && [ "$(stat -c %a "$tmp/good.c")" = 640 ] && ok || bad "replaced output keeps its mode"
ln -s good.c "$tmp/link.c"
"$t" "$tmp/good.wat" -o "$tmp/link.c" && [ -L "$tmp/link.c" ] && ok || bad "-o through a symlink replaced the symlink"
mkfifo "$tmp/pipe.c"
cat "$tmp/pipe.c" >"$tmp/from-pipe" &
"$t" "$tmp/good.wat" -o "$tmp/pipe.c"; rc=$?; wait
[ $rc -eq 0 ] && [ -p "$tmp/pipe.c" ] && grep -q w2l_module "$tmp/from-pipe" && [ ! -e "$tmp/pipe.h" ] \
  && ok || bad "-o to a pipe writes into the pipe, no header"
[ "$(ls "$tmp" | grep -c '\.[ch]\.')" -eq 0 ] && ok || bad "temporary files left behind"

# Bad input: exact diagnostics, exit 1, nothing written.
for f in tests/diag/*.wat tests/diag/*.wasm; do
  [ -e "$f" ] || continue
  name=$(basename "$f")
  expect="${f%.*}.err"
  flags=$(cat "${f%.*}.flags" 2>/dev/null)
  # shellcheck disable=SC2086
  "$t" "$f" $flags -o "$tmp/out.c" 2>"$tmp/stderr"
  rc=$?
  if [ $rc -ne 1 ]; then bad "$name" "exit status $rc, expected 1"
  elif [ -e "$tmp/out.c" ] || [ -e "$tmp/out.h" ] || ls "$tmp" | grep -q 'out\.[ch]\.'; then bad "$name" "output left behind"
  else golden "$name" "$expect" "$tmp/stderr"
  fi
  rm -f "$tmp"/out.*
done
summary
