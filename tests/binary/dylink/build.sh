#!/bin/sh
# build.sh [DIR] - rebuild side.wasm from side.c into DIR (default: here), and
# libdep.so from lib.c only to link against (not kept).  clang 14 and wasm-ld
# 14 (Debian packages clang-14, lld-14).  Run in this directory; commit
# side.wasm and side.dump (make test UPDATE=1) if they change.  The binary
# suite rebuilds it when the tools are there and checks the dump is the same.
set -eu
out=${1:-.}
F="--target=wasm32-unknown-emscripten -O2 -fPIC -fvisibility=default -nostdlib"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086
clang $F -c lib.c -o "$tmp/lib.o"
wasm-ld-14 --experimental-pic -shared "$tmp/lib.o" -o "$tmp/libdep.so"
# shellcheck disable=SC2086
clang $F -c side.c -o "$tmp/side.o"
wasm-ld-14 --experimental-pic -shared "$tmp/side.o" "$tmp/libdep.so" -o "$out/side.wasm"
