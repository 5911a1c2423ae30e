#!/bin/sh
# runtime.sh - the runtime library's unit tests (tests/unit/runtime_*.c), run in
# BOTH memory strategies: against $W2L_BUILD/libwasm2c-lite-rt.a for the build's
# mode, and against runtime objects built here a second time for the other mode.
# Plugins for the tests are built from tests/unit/plugin_*.c as .so files.
# runtime_emitted*.c also link the modules of tests/runtime/*.wat, translated by
# wasm2c-lite (from wat2wasm's binary), and load kit.wat built as kitplug.so.
set -u
: "${W2L_BUILD:?run through make test}" "${W2L_CC:?}" "${W2L_CFLAGS:?}" "${W2L_ROOT:?}"
root=$W2L_ROOT
base=$(echo "$W2L_CFLAGS" | sed -E 's/-DW2L_BOUNDS=[0-9]+//g')
built_mode=$(echo "$W2L_CFLAGS" | sed -nE 's/.*-DW2L_BOUNDS=([0-9]+).*/\1/p')
[ -n "$built_mode" ] || built_mode=1
pass=0 fail=0

# Translate the test modules once; the C does not depend on the memory strategy.
emitted="$W2L_BUILD/test-runtime/emitted"
rm -rf "$emitted" && mkdir -p "$emitted"
emitted_ok=1
for wat in "$root"/tests/runtime/*.wat; do
  m=$(basename "$wat" .wat)
  if ! wat2wasm "$wat" -o "$emitted/$m.wasm" >"$emitted/$m.log" 2>&1 ||
     ! "$W2L_BUILD/wasm2c-lite" "$emitted/$m.wasm" -n "$m" -o "$emitted/$m.c" >>"$emitted/$m.log" 2>&1; then
    echo "FAIL translating tests/runtime/$m.wat:"; cat "$emitted/$m.log"
    fail=$((fail + 1)) emitted_ok=0
  fi
done
if [ -f "$emitted/kit.wasm" ] &&
   ! "$W2L_BUILD/wasm2c-lite" "$emitted/kit.wasm" -n kitplug -o "$emitted/kitplug.c" >"$emitted/kitplug.log" 2>&1; then
  echo "FAIL translating kit.wat as kitplug:"; cat "$emitted/kitplug.log"
  fail=$((fail + 1)) emitted_ok=0
fi

for mode in 0 1; do
  name=$([ $mode = 0 ] && echo explicit || echo guard)
  dir="$W2L_BUILD/test-runtime/$name"
  rm -rf "$dir" && mkdir -p "$dir"
  cflags="$base -DW2L_BOUNDS=$mode -D_DEFAULT_SOURCE -I$root/tests/unit"
  if [ "$mode" = "$built_mode" ]; then
    lib="$W2L_BUILD/libwasm2c-lite-rt.a"
    cflags="$cflags -I$W2L_BUILD/include"
  else
    lib="$dir/libwasm2c-lite-rt.a"
    objs=""
    for src in "$root"/runtime/*.c; do
      obj="$dir/$(basename "$src" .c).o"
      if ! $W2L_CC $cflags -D_POSIX_C_SOURCE=200809L -fPIC -c "$src" -o "$obj" >"$dir/build.log" 2>&1; then
        echo "FAIL $name: runtime $(basename "$src") does not build:"; cat "$dir/build.log"
        fail=$((fail + 1)); continue 2
      fi
      objs="$objs $obj"
    done
    ar rcs "$lib" $objs
    cflags="$cflags -I$root/runtime"
  fi
  for src in "$root"/tests/unit/plugin_*.c; do
    [ -e "$src" ] || continue
    so="$dir/$(basename "$src" .c).so"
    if ! $W2L_CC $cflags -shared -fPIC -DW2L_PLUGIN "$src" -o "$so" >"$dir/build.log" 2>&1; then
      echo "FAIL $name: $(basename "$src") does not build:"; cat "$dir/build.log"
      fail=$((fail + 1))
    fi
  done
  # The emitted modules, in this mode.
  emitted_objs=""
  if [ $emitted_ok = 1 ]; then
    for c in "$emitted"/*.c; do
      m=$(basename "$c" .c)
      if [ "$m" = kitplug ]; then
        $W2L_CC $cflags -iquote "$emitted" -shared -fPIC -DW2L_PLUGIN "$c" -o "$dir/kitplug.so" >"$dir/$m.build.log" 2>&1
      else
        $W2L_CC $cflags -iquote "$emitted" -c "$c" -o "$dir/$m.o" >"$dir/$m.build.log" 2>&1
      fi || { echo "FAIL $name: emitted $m.c does not build:"; head -n 20 "$dir/$m.build.log"; fail=$((fail + 1)); }
      [ "$m" = kitplug ] || emitted_objs="$emitted_objs $dir/$m.o"
    done
  fi
  # The header from C++ (with the matching C++ compiler, if there is one).
  case $W2L_CC in *clang*) cxx=clang++ ;; *) cxx=g++ ;; esac
  if command -v $cxx >/dev/null 2>&1; then
    cxxflags=$(echo "$cflags" | sed -E 's/-std=c11/-std=c++17/')
    if ! $cxx $cxxflags "$root/tests/unit/runtime_cxx.cc" "$lib" -ldl -lpthread -o "$dir/runtime_cxx" >"$dir/runtime_cxx.build.log" 2>&1; then
      echo "FAIL $name/runtime_cxx: does not build:"; head -n 20 "$dir/runtime_cxx.build.log"; fail=$((fail + 1))
    elif (cd "$dir" && ./runtime_cxx) >"$dir/runtime_cxx.log" 2>&1; then
      pass=$((pass + 1)); echo "$name/runtime_cxx: 1 passed, 0 failed"
    else
      echo "FAIL $name/runtime_cxx:"; cat "$dir/runtime_cxx.log"; fail=$((fail + 1))
    fi
  fi
  for src in "$root"/tests/unit/runtime_*.c; do
    t=$(basename "$src" .c)
    extra=""
    case $t in
      runtime_emitted*) [ $emitted_ok = 1 ] || continue; extra="-iquote $emitted $emitted_objs" ;;
    esac
    if ! $W2L_CC $cflags -rdynamic "$src" $extra "$lib" -ldl -lpthread -lm -o "$dir/$t" >"$dir/$t.build.log" 2>&1; then
      echo "FAIL $name/$t: does not build:"; cat "$dir/$t.build.log"
      fail=$((fail + 1)); continue
    fi
    (cd "$dir" && "./$t") >"$dir/$t.log" 2>&1
    rc=$?
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$dir/$t.log" | tail -n 1)
    if [ -z "$line" ]; then
      echo "FAIL $name/$t: crashed (exit $rc):"; tail -n 20 "$dir/$t.log"
      fail=$((fail + 1)); continue
    fi
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && { f=1; echo "FAIL $name/$t: exit $rc"; }
    grep -E '^FAIL' "$dir/$t.log" | sed "s|^FAIL |FAIL $name/$t: |"
    echo "$name/$t: $p passed, $f failed"
    pass=$((pass + p)) fail=$((fail + f))
  done
done
echo "$pass passed, $fail failed"
