#!/bin/sh
# hostapi.sh - the typed import macros of emitted headers: a host function of
# the import's exact C type compiles (as C11 and C++11), one of any other type
# does not (the macro's check is a hard error, not a warning).  What the
# functions do at run time is tests/unit/runtime_caller.c.
. "$(dirname "$0")/lib.sh"
tmp="$W2L_BUILD/hostapi-tmp"
rm -rf "$tmp" && mkdir -p "$tmp"
"$W2L_BUILD/wasm2c-lite" "$W2L_ROOT/tests/runtime/caller.wat" -o "$tmp/caller.c" && ok ||
  bad "hostapi: translating caller.wat"
# host.c with the greet function's type given by $1 (a C declarator for host_greet).
host() {
  cat <<HOST
#include "caller.h"
static $1 { (void)c; (void)p; (void)n; }
int define(w2l_linker *l) { return caller_define_host_greet(l, host_greet, 0); }
HOST
}
CXX=$(case "$W2L_CC" in *clang*) echo clang++ ;; *) echo g++ ;; esac)
# compile LANG FILE: 0 if it compiles, without -Werror (warnings must not be what stops it).
compile() {
  case $1 in
  c) $W2L_CC -std=c11 -c -I"$W2L_BUILD/include" -I"$tmp" "$2" -o "$tmp/out.o" ;;
  c++) $CXX -std=c++11 -x c++ -c -I"$W2L_BUILD/include" -I"$tmp" "$2" -o "$tmp/out.o" ;;
  esac
}
for lang in c c++; do
  [ $lang = c++ ] && ! command -v "$CXX" >/dev/null && continue
  host 'void host_greet(w2l_caller *c, uint32_t p, uint32_t n)' >"$tmp/good.c"
  compile $lang "$tmp/good.c" 2>"$tmp/good.err" && ok ||
    bad "hostapi ($lang): the right signature does not compile: $(cat "$tmp/good.err")"
  for wrong in 'void host_greet(w2l_caller *c, uint64_t p, uint32_t n)' \
    'uint32_t host_greet(w2l_caller *c, uint32_t p, uint32_t n)' \
    'void host_greet(void *c, uint32_t p, uint32_t n)' \
    'void host_greet(w2l_caller *c, uint32_t p, uint32_t n, int extra)'; do
    host "$wrong" >"$tmp/bad.c"
    if compile $lang "$tmp/bad.c" 2>"$tmp/bad.err"; then
      bad "hostapi ($lang): '$wrong' compiled as the definition of host.greet"
    elif grep -q "caller_import_host_greet\|_Generic\|static_cast" "$tmp/bad.err"; then
      ok
    else
      bad "hostapi ($lang): '$wrong' failed, but not on the import's type: $(head -5 "$tmp/bad.err")"
    fi
  done
done
summary
