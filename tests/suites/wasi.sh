#!/bin/sh
# wasi.sh - WASI programs as native executables, against node's node:wasi:
# the C programs of tests/wasi/programs/ and samples/wasi/ (clang
# --target=wasm32-wasi with wasi-libc), the C++ ones (em++ -fwasm-exceptions)
# and the Rust ones (Debian's rustc with its wasm32 std, when installed) are built with `wasm2c-lite X.wasm --exe`
# and run with the same arguments, environment (GREETING=hello, EMPTY=) and a
# fresh copy of a data directory granted as /data; stdout, the exit code and
# what the program left in /data must be the same under both.
. "$(dirname "$0")/lib.sh"
tmp="$W2L_BUILD/wasi-tmp"
rm -rf "$tmp" && mkdir -p "$tmp"
P="$W2L_ROOT/tests/wasi/programs"
if ! command -v node >/dev/null 2>&1; then
  bad "wasi" "node is needed as the reference (node:wasi)"
  summary
  exit 1
fi
# check NAME WASM DATA ARGS...: ours and node's runs agree.
check() {
  name=$1 wasm=$2 data=$3
  shift 3
  t="$tmp/$name"
  mkdir -p "$t"
  if ! CC="$W2L_CC" CFLAGS="$W2L_CFLAGS -O1" "$W2L_BUILD/wasm2c-lite" "$wasm" --exe -o "$t/$name" \
      >"$t/build.log" 2>&1; then
    bad "wasi $name" "--exe failed: $(grep -m1 error "$t/build.log")"
    return
  fi
  rm -rf "$t/ours" "$t/node" && cp -R "$data" "$t/ours" && cp -R "$data" "$t/node"
  (cd "$t" && "./$name" --dir "ours::/data" --env GREETING=hello --env EMPTY= -- "$@" \
    >ours.out 2>ours.err </dev/null)
  ours=$?
  (cd "$t" && node "$W2L_ROOT/tests/wasi/node-run.cjs" "$wasm" "$name" node "$@" \
    >node.out 2>node.err </dev/null)
  theirs=$?
  if [ $ours != $theirs ]; then
    bad "wasi $name" "exit code $ours, node's $theirs: $(head -c 200 "$t/ours.err")"
  elif ! cmp -s "$t/ours.out" "$t/node.out"; then
    bad "wasi $name" "stdout differs from node's (< node, > ours)"
    diff "$t/node.out" "$t/ours.out" | head -n 10 | sed 's/^/    /'
  elif ! diff -r "$t/node" "$t/ours" >"$t/data.diff" 2>&1; then
    bad "wasi $name" "the data directory differs from node's: $(head -n 3 "$t/data.diff")"
  elif [ ! -s "$t/ours.out" ]; then
    bad "wasi $name" "printed nothing"
  else
    ok
  fi
}
for c in "$P"/*.c "$W2L_ROOT/samples/wasi/wordcount.c"; do
  name=$(basename "$c" .c)
  if ! clang --target=wasm32-wasi -O2 "$c" -o "$tmp/$name.wasm" 2>"$tmp/$name.clang.log"; then
    bad "wasi $name" "clang --target=wasm32-wasi failed (apt-get install wasi-libc libclang-rt-14-dev-wasm32): $(head -n 2 "$tmp/$name.clang.log")"
    continue
  fi
  case $name in
  wordcount) check "$name" "$tmp/$name.wasm" "$W2L_ROOT/samples/wasi/data" /data/poem.txt /data/report.txt ;;
  *) check "$name" "$tmp/$name.wasm" "$P/data" "first arg" second "" ;;
  esac
done
# C++ with exceptions: emscripten's em++ -fwasm-exceptions (the legacy
# try/catch/rethrow instructions, as toolchains emit them), standalone WASI.
if command -v em++ >/dev/null 2>&1; then
  for cpp in "$P"/*.cpp; do
    name=$(basename "$cpp" .cpp)
    if ! em++ -O2 -fwasm-exceptions -sSTANDALONE_WASM "$cpp" -o "$tmp/$name.wasm" \
        >"$tmp/$name.em.log" 2>&1; then
      bad "wasi $name" "em++ failed: $(head -n 2 "$tmp/$name.em.log")"
      continue
    fi
    check "$name" "$tmp/$name.wasm" "$P/data" "first arg" second
  done
else
  echo "note: no em++ (apt-get install emscripten): C++ exception programs not run"
fi
# Rust: Debian's rustc has the wasm32 std; another rustc on PATH may not.
for rustc in /usr/bin/rustc rustc; do
  command -v "$rustc" >/dev/null 2>&1 || continue
  for rs in "$P"/*.rs; do
    name=$(basename "$rs" .rs)
    "$rustc" --target wasm32-wasi -O "$rs" -o "$tmp/$name.wasm" 2>"$tmp/$name.rustc.log" || continue
    check "$name" "$tmp/$name.wasm" "$P/data" "first arg" second
  done
  [ -f "$tmp/rustfs.wasm" ] && break
done
[ -f "$tmp/rustfs.wasm" ] || echo "note: no rustc with the wasm32-wasi std (apt-get install rustc libstd-rust-dev-wasm32): Rust programs not run"
summary
