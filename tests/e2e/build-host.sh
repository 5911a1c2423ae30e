#!/bin/sh
# build-host.sh SRC_DIR OUT_DIR - translate every .wat of SRC_DIR with
# wasm2c-lite and build its host.c against the runtime (the e2e suite).
# Plugins (SRC_DIR with a file named PLUGINS) become .so files loaded at run
# time; otherwise it links their modules into the host.
# W2L_SPLIT=N translates with --num-outputs N and builds every part.
# Environment (from make): W2L_BUILD, W2L_CC, W2L_CFLAGS.
set -eu
src=$1 out=$2
mkdir -p "$out"
objs=""
for wat in "$src"/*.wat; do
  name=$(basename "$wat" .wat | tr '-' '_')
  "$W2L_BUILD/wasm2c-lite" "$wat" -o "$out/$name.c" -n "$name" ${W2L_SPLIT:+--num-outputs "$W2L_SPLIT"}
  files="$out/$name.c"
  [ -n "${W2L_SPLIT:-}" ] && [ "$W2L_SPLIT" -gt 1 ] && files="$files $(ls "$out/${name}"_[0-9]*.c)"
  if [ -f "$src/PLUGINS" ]; then
    $W2L_CC $W2L_CFLAGS -DW2L_PLUGIN -shared -fPIC $files -o "$out/$name.so"
  else
    objs="$objs $files"
  fi
done
$W2L_CC $W2L_CFLAGS -iquote "$out" -rdynamic "$src/host.c" $objs \
  "$W2L_BUILD/libwasm2c-lite-rt.a" -ldl -lm -o "$out/host"
