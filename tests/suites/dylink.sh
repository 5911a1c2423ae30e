#!/bin/sh
# dylink.sh - dynamic linking of side modules (the dylink.0 convention) end
# to end.  The C and C++ sources of tests/dylink/ are built as side modules by
# each toolchain: emscripten (emcc -sSIDE_MODULE=1) and clang + wasm-ld
# (--experimental-pic -shared); a toolchain that is not installed is skipped
# with its reason.  Each module is translated and built as a plugin, then the
# native host (tests/dylink/host.c, a process of its own) runs each script
# tests/dylink/NAME.dl against the modules of one toolchain: its output must
# equal NAME.out, the same for both toolchains; the WASI main program of
# samples/dylink runs with each toolchain's side modules too.  Corrupt dylink.0 sections
# must be rejected by the translator with the message in corrupt-NAME.err.
. "$(dirname "$0")/lib.sh"
D="$W2L_ROOT/tests/dylink"
tmp="$W2L_BUILD/dylink"
rm -rf "$tmp" && mkdir -p "$tmp"
W2L="$W2L_BUILD/wasm2c-lite"
NMANY=100 # side modules of many.dl

# The host, against the shared runtime (as a plugin host links it).
if ! $W2L_CC $W2L_CFLAGS "$D/host.c" "$W2L_BUILD/libwasm2c-lite-rt.so" -Wl,-rpath,"$W2L_BUILD" -lm \
    -o "$tmp/host" 2>"$tmp/host.log"; then
  bad "dylink host" "does not build: $(head -n 3 "$tmp/host.log")"
  summary
  exit 1
fi

# side TC LIB SRC [NEEDED.wasm...]: build $tmp/TC/LIB.wasm from SRC (a path,
# or a file of tests/dylink/) with toolchain TC, linked against the NEEDED
# libraries.
side() {
  tc=$1 lib=$2 src=$3
  shift 3
  case $src in /*) ;; *) src=$D/$src ;; esac
  out="$tmp/$tc/$lib.wasm" needed=
  for n in "$@"; do needed="$needed $tmp/$tc/$n"; done
  case $src in *.cc) cxx=1 ;; *) cxx= ;; esac
  case $tc in
  emcc)
    if [ -n "$cxx" ]; then set -- em++ -fno-exceptions -fno-rtti; else set -- emcc; fi
    "$@" -O2 -sSIDE_MODULE=1 "$src" $needed -o "$out" ;;
  clang)
    if [ -n "$cxx" ]; then set -- clang++ -fno-exceptions -fno-rtti; else set -- clang; fi
    "$@" --target=wasm32-unknown-emscripten -O2 -fPIC -fvisibility=default -c "$src" \
      -o "$tmp/$tc/$lib.o" &&
      $WASM_LD --experimental-pic -shared "$tmp/$tc/$lib.o" $needed -o "$out" ;;
  esac
}

# plugin TC LIB [CFLAGS]: translate $tmp/TC/LIB.wasm and build LIB.so beside it.
plugin() {
  "$W2L" "$tmp/$1/$2.wasm" -o "$tmp/$1/$2.c" &&
    $W2L_CC $W2L_CFLAGS ${3:-} -shared -fPIC -DW2L_PLUGIN "$tmp/$1/$2.c" -o "$tmp/$1/$2.so"
}

# plugins FIRST LAST WASM...: plugin for the FIRST-th to LAST-th WASM (of $tc).
plugins() {
  first=$1 last=$2 i=0
  shift 2
  for m in "$@"; do
    i=$((i + 1))
    [ $i -ge "$first" ] && [ $i -le "$last" ] || continue
    case $m in */libmany*) opt=-O0 ;; *) opt= ;; esac
    plugin "$tc" "$(basename "$m" .wasm)" $opt || return 1
  done
}

# build TC: every side module of the scripts, with toolchain TC.
build() {
  tc=$1
  mkdir -p "$tmp/$tc"
  # libcyc1 NEEDs libcyc2 NEEDs libcyc1: link cyc1 once without its library
  # to have one for cyc2, then again against cyc2.
  side "$tc" libbase base.c && side "$tc" libuser user.c libbase.wasm &&
    side "$tc" libtop top.c libuser.wasm && side "$tc" libstrong strong.c &&
    side "$tc" libundef undef.c && side "$tc" libhostile hostile.c &&
    side "$tc" libcyc1 cyc1.c && side "$tc" libcyc2 cyc2.c libcyc1.wasm &&
    side "$tc" libcyc1 cyc1.c libcyc2.wasm &&
    side "$tc" libshape shape.cc && side "$tc" libsquare square.cc libshape.wasm &&
    side "$tc" libwords "$S/words.c" && side "$tc" libshout "$S/shout.c" libwords.wasm || return 1
  # 100 modules: one clang call compiles them all (emcc would take ~1 s each,
  # so emscripten's modules skip many.dl).
  if [ "$tc" = clang ]; then
    mkdir -p "$tmp/many" && i=0
    while [ $i -lt $NMANY ]; do
      printf '#define N %d\n#include "%s/many.c"\n' $i "$D" >"$tmp/many/many$i.c"
      i=$((i + 1))
    done
    (cd "$tmp/many" && clang --target=wasm32-unknown-emscripten -O2 -fPIC -fvisibility=default -c \
      many*.c) || return 1
    i=0
    while [ $i -lt $NMANY ]; do
      $WASM_LD --experimental-pic -shared "$tmp/many/many$i.o" "$tmp/$tc/libbase.wasm" \
        -o "$tmp/$tc/libmany$i.wasm" || return 1
      i=$((i + 1))
    done
  fi
  # Translate and build the plugins, half of them in the background (the
  # 100 small ones at -O0: -O2 adds nothing there but time).
  set -- "$tmp/$tc"/*.wasm
  half=$((($# + 1) / 2))
  plugins 1 "$half" "$@" &
  plugins $((half + 1)) $# "$@" || { wait; return 1; }
  wait $! || return 1
  # A module without dylink.0: loading it as a side module is an error.
  cp "$tmp/plain.so" "$tmp/$tc/libplain.so"
}

"$W2L" "$D/plain.wat" -o "$tmp/plain.c" &&
  $W2L_CC $W2L_CFLAGS -shared -fPIC -DW2L_PLUGIN "$tmp/plain.c" -o "$tmp/plain.so" ||
  bad "dylink plain.wat" "does not build"

# The WASI main program of samples/dylink, which dlopens libshout (and so
# libwords), linked into the sample's host: it runs with each toolchain's side
# modules and must print the sample's expected.txt.
S="$W2L_ROOT/samples/dylink"
dlmain=
if clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror -mmutable-globals -I"$W2L_BUILD/include/guest" "$S/main.c" \
    -o "$tmp/main.wasm" -Wl,--export-table,--growable-table,--export=__stack_pointer \
    -Wl,--export=malloc,--export=free >"$tmp/main.log" 2>&1 &&
  "$W2L" "$tmp/main.wasm" -n prog -o "$tmp/prog.c" >>"$tmp/main.log" 2>&1 &&
  $W2L_CC $W2L_CFLAGS -I"$tmp" "$S/host.c" "$tmp/prog.c" "$W2L_BUILD/libwasm2c-lite-rt.so" \
    -Wl,-rpath,"$W2L_BUILD" -lm -o "$tmp/dlmain" >>"$tmp/main.log" 2>&1; then
  dlmain="$tmp/dlmain"
else
  bad "dylink WASI main" "samples/dylink/main.c does not build: $(grep -m 2 error "$tmp/main.log")"
fi

WASM_LD=
for l in wasm-ld-14 wasm-ld; do command -v $l >/dev/null 2>&1 && { WASM_LD=$l; break; }; done
for tc in emcc clang; do
  case $tc in
  emcc) command -v emcc >/dev/null 2>&1 ||
    { echo "note: dylink: emcc not installed (apt-get install emscripten): emscripten side modules not tested"; continue; } ;;
  clang) [ -n "$WASM_LD" ] && command -v clang >/dev/null 2>&1 ||
    { echo "note: dylink: clang or wasm-ld not installed (apt-get install clang lld): clang side modules not tested"; continue; } ;;
  esac
  if ! build $tc >"$tmp/$tc.log" 2>&1; then
    bad "dylink $tc" "building the side modules failed"
    tail -n 10 "$tmp/$tc.log" | sed 's/^/    /'
    continue
  fi
  ok
  for script in "$D"/*.dl; do
    name=$(basename "$script" .dl)
    if [ $name = many ] && [ ! -f "$tmp/$tc/libmany0.so" ]; then
      echo "note: dylink: many.dl (100 side modules) runs on clang's modules only"
      continue
    fi
    "$tmp/host" "$tmp/$tc" "$script" >"$tmp/$tc-$name.out" 2>&1
    rc=$?
    [ $rc -eq 0 ] || echo "exit status $rc" >>"$tmp/$tc-$name.out"
    golden "dylink $name ($tc)" "$D/$name.out" "$tmp/$tc-$name.out"
  done
  if [ -n "$dlmain" ]; then
    "$dlmain" "$tmp/$tc" >"$tmp/$tc-wasi.out" 2>&1 || echo "exit status $?" >>"$tmp/$tc-wasi.out"
    if cmp -s "$S/expected.txt" "$tmp/$tc-wasi.out"; then
      ok
    else
      bad "dylink WASI main ($tc)" "output differs from samples/dylink/expected.txt"
      diff "$S/expected.txt" "$tmp/$tc-wasi.out" | head -n 10 | sed 's/^/    /'
    fi
  fi
done

# Corrupt dylink.0 sections: the translator rejects them, saying what is wrong.
# Each one is a valid module (corrupt-base.wat) with a dylink.0 section put
# first; the section's bytes (hex) follow its name here.
bytes() { for h in "$@"; do printf "\\$(printf %03o "0x$h")"; done; }
name8() { bytes 08 64 79 6c 69 6e 6b 2e 30; } # "dylink.0"
if wat2wasm "$D/corrupt-base.wat" -o "$tmp/corrupt-base.wasm" 2>"$tmp/corrupt.log"; then
  while read -r name hex; do
    case $name in '#'* | '') continue ;; esac
    set -- $hex
    { bytes 00 61 73 6d 01 00 00 00; bytes 00 "$(printf %02x $(($# + 9)))"; name8; bytes "$@"
      tail -c +9 "$tmp/corrupt-base.wasm"; } >"$tmp/corrupt-$name.wasm"
    (cd "$tmp" && "$W2L" "corrupt-$name.wasm" -o "corrupt-$name.c") >"$tmp/corrupt-$name.err" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
      bad "dylink corrupt-$name" "translated without error"
    else
      golden "dylink corrupt-$name" "$D/corrupt-$name.err" "$tmp/corrupt-$name.err"
    fi
  done <"$D/corrupt.txt"
else
  bad "dylink corrupt-base.wat" "wat2wasm failed: $(head -n 2 "$tmp/corrupt.log")"
fi
summary
