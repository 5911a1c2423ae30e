#!/bin/sh
# ensure-wasi-sdk.sh - make sure clang can build C for wasm32-wasi (wasi-libc
# and clang's wasm32 builtins), installing Debian's packages when run as root;
# otherwise say what to install and fail.  Used by make demo (samples/wasi)
# and make test (the WASI program tests).
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int main(void) { return 0; }\n' >"$probe/p.c"
works() { clang --target=wasm32-wasi "$probe/p.c" -o "$probe/p.wasm" >/dev/null 2>&1; }
works && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing wasi-libc and clang's wasm32 builtins (for the WASI programs)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wasi-libc \
    libclang-rt-14-dev-wasm32) >/dev/null 2>&1
  works && exit 0
fi
echo "error: clang cannot build for wasm32-wasi: apt-get install wasi-libc libclang-rt-14-dev-wasm32" >&2
exit 1
