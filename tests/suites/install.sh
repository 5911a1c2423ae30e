#!/bin/sh
# install.sh - `make install` into a scratch prefix, then used as a user would:
# the installed translator, headers (include/wasm2c-lite/), man page, runtime
# (static and shared with a versioned soname) and pkg-config file build and
# run a program with a typed host import; a plugin host linked with the shared
# runtime loads a plugin without -rdynamic; a statically linked one that
# cannot offer the runtime's symbols gets an error that says how to link.
. "$(dirname "$0")/lib.sh"
tmp="$W2L_BUILD/install-tmp"
rm -rf "$tmp" && mkdir -p "$tmp"
P=$tmp/prefix
make -s -C "$W2L_ROOT" install PREFIX="$P" BUILD="$W2L_BUILD" >"$tmp/make.log" 2>&1 && ok ||
  { bad "install: make install failed"; sed 's/^/    /' "$tmp/make.log" | tail -20; }
abi=$(sed -n 's/^#define W2L_ABI_VERSION \([0-9]*\)$/\1/p' "$W2L_ROOT/runtime/w2l.h")
for f in bin/wasm2c-lite share/man/man1/wasm2c-lite.1 include/wasm2c-lite/w2l.h \
  include/wasm2c-lite/w2l_numeric.h include/wasm2c-lite/w2l_simd.h include/wasm2c-lite/w2l_dylink.h include/wasm2c-lite/w2l_atomic.h \
  include/wasm2c-lite/guest/w2l_dlfcn.h \
  lib/libwasm2c-lite-rt.a \
  "lib/libwasm2c-lite-rt.so.$abi" lib/libwasm2c-lite-rt.so lib/pkgconfig/wasm2c-lite.pc; do
  [ -e "$P/$f" ] && ok || bad "install: no $f"
done
soname=$(readelf -d "$P/lib/libwasm2c-lite-rt.so.$abi" 2>/dev/null | sed -n 's/.*soname: \[\(.*\)\]/\1/p')
[ "$soname" = "libwasm2c-lite-rt.so.$abi" ] && ok || bad "install: soname '$soname'"

# The flags a user gets: pkg-config's, or the .pc file read by hand without it.
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
if command -v pkg-config >/dev/null 2>&1; then
  cflags=$(pkg-config --cflags wasm2c-lite) libs=$(pkg-config --libs wasm2c-lite)
else
  pc() { sed -n "s/^$1: //p" "$P/lib/pkgconfig/wasm2c-lite.pc" | sed "s|\${includedir}|$P/include|g; s|\${libdir}|$P/lib|g"; }
  cflags=$(pc Cflags) libs=$(pc Libs)
fi
case "$cflags" in *"-I$P/include/wasm2c-lite"*"-DW2L_BOUNDS="*) ok ;; *) bad "install: cflags '$cflags'" ;; esac
# The build's own flags without its -I (only the installed headers count).
userflags=$(echo "$W2L_CFLAGS" | sed 's/-I[^ ]*//g')

cat >"$tmp/greeter.wat" <<'WAT'
(module
  (import "host" "say" (func $say (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "hello, installed world")
  (func (export "run") (call $say (i32.const 8) (i32.const 22))))
WAT
cat >"$tmp/main.c" <<'C'
#include <stdio.h>
#include "greeter.h"
static void say(w2l_caller *c, uint32_t ptr, uint32_t len) {
  char buf[64];
  if (len >= sizeof buf || !w2l_memory_read(w2l_caller_memory(c, 0), ptr, buf, len))
    w2l_trap_raise(W2L_TRAP_HOST);
  printf("%.*s\n", (int)len, buf);
}
int main(void) {
  w2l_error err;
  w2l_linker *l = w2l_linker_new();
  greeter_define_host_say(l, say, NULL);
  w2l_instance *inst = w2l_linker_instantiate(l, &greeter_module, NULL, &err);
  if (!inst) { fprintf(stderr, "%s\n", err.message); return 1; }
  w2l_trap t = greeter_run(inst);
  w2l_instance_free(inst);
  w2l_linker_free(l);
  return t != W2L_OK;
}
C
(cd "$tmp" && "$P/bin/wasm2c-lite" greeter.wat -o greeter.c) && ok || bad "install: translate"
# shellcheck disable=SC2086 # flag lists
if $W2L_CC $userflags $cflags "$tmp/main.c" "$tmp/greeter.c" $libs -o "$tmp/main" 2>"$tmp/cc.err"; then
  got=$("$tmp/main" 2>&1)
  [ "$got" = "hello, installed world" ] && ok || bad "install: program printed '$got'"
  ldd "$tmp/main" | grep -q "libwasm2c-lite-rt.so.$abi => $P/lib/" && ok ||
    bad "install: the program does not use the installed shared runtime" "$(ldd "$tmp/main")"
else
  bad "install: building with pkg-config's flags" "$(head -5 "$tmp/cc.err")"
fi

# Plugins: the host links the shared runtime, no -rdynamic.
cat >"$tmp/host.c" <<'C'
#include <stdio.h>
#include "w2l.h"
int main(int argc, char **argv) {
  w2l_error err;
  w2l_plugin *p = w2l_plugin_open(argv[1], &err);
  if (!p) { printf("%s\n", err.message); return 1; }
  w2l_instance *inst = w2l_instantiate(w2l_plugin_module(p), NULL, &err);
  w2l_val args[1] = {W2L_I32_VAL(12)}, res[1];
  w2l_trap t = inst ? w2l_call(inst, "square", args, 1, res, 1, &err) : W2L_TRAP_CALL_ERROR;
  if (t == W2L_OK) printf("%u\n", res[0].of.i32);
  else printf("%s\n", err.message);
  w2l_instance_free(inst);
  w2l_plugin_close(p);
  return argc < 2 || t != W2L_OK;
}
C
echo '(module (func (export "square") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0))))' \
  >"$tmp/sq.wat"
"$P/bin/wasm2c-lite" "$tmp/sq.wat" -o "$tmp/sq.c" && ok || bad "install: translate sq"
# shellcheck disable=SC2086
$W2L_CC $userflags $cflags -shared -fPIC -DW2L_PLUGIN "$tmp/sq.c" -o "$tmp/sq.so" 2>"$tmp/cc.err" &&
  $W2L_CC $userflags $cflags "$tmp/host.c" $libs -o "$tmp/host" 2>>"$tmp/cc.err" && ok ||
  bad "install: building the plugin host" "$(head -5 "$tmp/cc.err")"
got=$("$tmp/host" "$tmp/sq.so" 2>&1)
[ "$got" = 144 ] && ok || bad "install: plugin host with the shared runtime printed '$got'"
# The static runtime without -rdynamic: the plugin cannot find w2l_* symbols.
# shellcheck disable=SC2086
$W2L_CC $userflags $cflags "$tmp/host.c" "$P/lib/libwasm2c-lite-rt.a" -ldl -lpthread -lm \
  -o "$tmp/host-static" 2>"$tmp/cc.err" || bad "install: building the static host" "$(head -5 "$tmp/cc.err")"
got=$("$tmp/host-static" "$tmp/sq.so" 2>&1)
case "$got" in
*"undefined symbol: w2l_"*"-lwasm2c-lite-rt"*"-rdynamic"*) ok ;;
*) bad "install: the static host without -rdynamic said '$got'" ;;
esac

# --exe from the installed translator: a WASI module (text, no toolchain
# needed) becomes a program built with the installed runtime.
cat >"$tmp/wasihello.wat" <<'WAT'
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "installed exe\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 14))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $proc_exit (i32.const 3))))
WAT
if CC="$W2L_CC" CFLAGS="$userflags -O1" "$P/bin/wasm2c-lite" "$tmp/wasihello.wat" --exe -o "$tmp/wasihello" \
    2>"$tmp/exe.err"; then
  got=$("$tmp/wasihello"; echo "exit $?")
  [ "$got" = "installed exe
exit 3" ] && ok || bad "install: the --exe program printed '$got'"
else
  bad "install: --exe with the installed runtime" "$(head -5 "$tmp/exe.err")"
fi
# --exe needs -o; a C compiler that fails leaves no program behind.
"$P/bin/wasm2c-lite" "$tmp/wasihello.wat" --exe >/dev/null 2>"$tmp/exe.err"
[ $? -eq 2 ] && grep -q "needs -o" "$tmp/exe.err" && ok || bad "install: --exe without -o" "$(cat "$tmp/exe.err")"
CC=false TMPDIR="$tmp" "$P/bin/wasm2c-lite" "$tmp/wasihello.wat" --exe -o "$tmp/nothing" 2>"$tmp/exe.err"
[ $? -ne 0 ] && [ ! -e "$tmp/nothing" ] && grep -q "C compiler failed" "$tmp/exe.err" && ok ||
  bad "install: --exe with a failing C compiler" "$(cat "$tmp/exe.err")"

# The man page documents every option --help lists.
for opt in $("$P/bin/wasm2c-lite" --help | grep -o -- '--[a-z-]*' | sort -u); do
  grep -q -- "$(echo "$opt" | sed 's/-/\\\\-/g')" "$P/share/man/man1/wasm2c-lite.1" && ok ||
    bad "install: the man page does not mention $opt"
done
if command -v groff >/dev/null 2>&1; then
  warn=$(groff -man -Tutf8 -ww -z "$P/share/man/man1/wasm2c-lite.1" 2>&1)
  [ -z "$warn" ] && ok || bad "install: groff warns on the man page" "$warn"
fi
summary
