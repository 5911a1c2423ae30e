#!/bin/sh
# Big and deep input: the implementation limits (LIMIT_* in compiler/compiler.h)
# are the same for text and binary, the limit itself is accepted, and deep
# nesting gives C that gcc and clang both build, in size linear in the input.
. "$(dirname "$0")/lib.sh"
cd "$W2L_ROOT"
t="$W2L_BUILD/wasm2c-lite"
tmp="$W2L_BUILD/limits-tmp"
rm -rf "$tmp" && mkdir -p "$tmp"

# gen NAME AWK-PROGRAM: write $tmp/NAME.wat from an awk program.
gen() { awk "BEGIN { $2 }" >"$tmp/$1.wat"; }
# message FILE: the translator's error without its position.
message() { "$t" "$1" -o "$tmp/out.c" 2>&1 >/dev/null | head -n 1 | sed 's/^[^ ]*: error: //'; }

# limit NAME WANT: NAME.wat and its binary are both rejected with WANT.
limit() {
  wat2wasm --no-check "$tmp/$1.wat" -o "$tmp/$1.wasm" || { bad "$1: wat2wasm"; return; }
  for f in "$tmp/$1.wat" "$tmp/$1.wasm"; do
    got=$(message "$f")
    [ "$got" = "$2" ] && ok || bad "$(basename "$f"): got '$got', want '$2'"
  done
}
# accepted NAME: NAME.wat and its binary are both translated.
accepted() {
  wat2wasm --no-check "$tmp/$1.wat" -o "$tmp/$1.wasm" || { bad "$1: wat2wasm"; return; }
  for f in "$tmp/$1.wat" "$tmp/$1.wasm"; do
    "$t" "$f" -o "$tmp/out.c" 2>"$tmp/err" && ok || { bad "$(basename "$f") rejected:"; head -n 3 "$tmp/err"; }
  done
}

gen depth-10001 'printf "(module (func"; for (i = 0; i < 10001; i++) printf " block"; for (i = 0; i < 10001; i++) printf " end"; print "))"'
limit depth-10001 'blocks nested too deeply: the limit is 10000'
gen depth-10000 'printf "(module (func"; for (i = 0; i < 10000; i++) printf " block"; for (i = 0; i < 10000; i++) printf " end"; print "))"'
accepted depth-10000
# a reference type packs its type index: at most 2^21 - 256 types
gen types-2096897 'printf "(module"; for (i = 0; i < 2096897; i++) printf " (type (func))"; print ")"'
limit types-2096897 'too many types: 2096897, the implementation limit is 2096896'
gen locals-50001 'printf "(module (func (local"; for (i = 0; i < 50001; i++) printf " i32"; print ")))"'
limit locals-50001 'too many locals: 50001 declared, the implementation limit is 50000'
gen locals-50000 'printf "(module (func (local"; for (i = 0; i < 50000; i++) printf " i32"; print ")))"'
accepted locals-50000
gen locals-module 'printf "(module"; for (f = 0; f < 168; f++) { printf " (func (local"; for (i = 0; i < 50000; i++) printf " i32"; printf "))" }; print ")"'
wat2wasm "$tmp/locals-module.wat" -o "$tmp/locals-module.wasm" &&
  [ "$(message "$tmp/locals-module.wasm")" = 'too many locals: more than 8388608 in the module, the implementation limit' ] &&
  ok || bad "locals-module.wasm: not rejected"
fold() { gen "$1" "printf \"(module (func\"; for (i = 0; i < $2; i++) printf \" (block\"; for (i = 0; i < $2; i++) printf \")\"; print \"))\""; }
fold fold-1000 1000
"$t" "$tmp/fold-1000.wat" -o "$tmp/out.c" && ok || bad "fold-1000: rejected"
fold fold-1001 1001
[ "$(message "$tmp/fold-1001.wat")" = 'folded instructions nested more than 1000 deep' ] && ok ||
  bad "fold-1001: not rejected"

# build NAME: the C of NAME.wat compiles warning-free with each of $compilers.
build() {
  "$t" "$tmp/$1.wat" -o "$tmp/$1.c" || { bad "$1: not translated"; return; }
  for cc in $compilers; do
    $cc -std=c11 -O0 -Wall -Wextra -Werror -I"$W2L_BUILD/include" -c "$tmp/$1.c" -o "$tmp/$1.o" \
      2>"$tmp/cc.log" && ok || { bad "$1: $cc rejects the C"; head -n 5 "$tmp/cc.log"; }
  done
}
# linear NAME SMALL BIG: C size per input byte of BIG.wat within 2x of SMALL.wat's.
linear() {
  "$t" "$tmp/$2.wat" -o "$tmp/small.c" && "$t" "$tmp/$3.wat" -o "$tmp/big.c" || { bad "$1: not translated"; return; }
  set -- "$1" $(wc -c <"$tmp/$2.wat") $(wc -c <"$tmp/small.c") $(wc -c <"$tmp/$3.wat") $(wc -c <"$tmp/big.c")
  [ $(($5 * $2)) -le $((2 * $3 * $4)) ] && ok || bad "$1: $2 bytes in -> $3 of C, but $4 -> $5"
}
ifs() { gen "$1" "n = $2; printf \"(module (func (param i32) (result i32)\"; for (i = 0; i < n; i++) printf \" local.get 0 if\"; printf \" (local.set 0 (i32.add (local.get 0) (i32.const 1)))\"; for (i = 0; i < n; i++) printf \" end\"; print \" local.get 0))\""; }
ifs ifs-500 500
ifs ifs-5000 5000
build ifs-5000
linear ifs ifs-500 ifs-5000
gen expr-10000 'printf "(module (func (param i32) (result i32) local.get 0"; for (i = 0; i < 10000; i++) printf " i32.const %d i32.add", i; print "))"'
build expr-10000
gen blocks-9999 'printf "(module (func (param i32) (result i32)"; for (i = 0; i < 9999; i++) printf " block"; printf " local.get 0 br_if 0"; for (i = 0; i < 9999; i++) printf " end"; print " i32.const 1))"'
build blocks-9999
exp() { gen "$1" "printf \"(module (func \$f (result i32) i32.const 1)\"; for (i = 0; i < $2; i++) printf \" (export \\\"e%d\\\" (func \$f))\", i; print \")\""; }
exp exports-1000 1000
exp exports-20000 20000
linear exports exports-1000 exports-20000
data() { gen "$1" "printf \"(module (memory 1) (data (i32.const 0) \\\"\"; for (i = 0; i < $2; i++) printf \"\\\\%02x\", i % 256; print \"\\\"))\""; }
data data-4k 4096
data data-64k 65536
linear data data-4k data-64k

# Translator memory: a binary module of 1.5 MB (860k instructions) translates
# in at most 2x its size + 16 MiB of peak RSS (issue 16's goal; the bodies
# stay encoded until each is translated: decoded all at once, their IR alone
# took 27 MB).
gen code-1m 'printf "(module"; for (f = 0; f < 3000; f++) { printf " (func (param i32) (result i32)"; for (i = 0; i < 72; i++) printf " local.get 0 i32.const 1 i32.add local.set 0"; printf " local.get 0)" }; print ")"'
if [ -x /usr/bin/time ] && wat2wasm "$tmp/code-1m.wat" -o "$tmp/code-1m.wasm"; then
  /usr/bin/time -f %M -o "$tmp/rss" "$t" "$tmp/code-1m.wasm" -o "$tmp/out.c" || bad "code-1m: not translated"
  in=$(wc -c <"$tmp/code-1m.wasm")
  case " $W2L_CFLAGS " in
  # ASan's shadow memory and quarantine are RSS of their own: the bound is
  # for the translator as built, so a sanitizer build only has to translate.
  *" -fsanitize=address"*) ok ;;
  *) [ "$(cat "$tmp/rss")" -le $(((2 * in + 16 * 1048576) / 1024)) ] && ok ||
       bad "code-1m.wasm ($in bytes): peak RSS $(cat "$tmp/rss") KiB" ;;
  esac
else
  bad "code-1m: wat2wasm or /usr/bin/time missing"
fi
summary
