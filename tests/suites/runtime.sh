#!/bin/sh
# runtime.sh - the runtime library's unit tests (tests/unit/runtime_*.c and
# runtime_cxx.cc), in BOTH memory strategies: make builds them into
# $W2L_BUILD/test-runtime/MODE/ with their plugins (tests/unit/plugin_*.c) and
# the modules of tests/runtime/*.wat (see RUNTIME_TESTS in the Makefile).  Each
# runs in its directory, where it finds the plugins, and ends with its own
# "N passed, N failed".  RUNTIME_ONLY="runtime_a runtime_b" runs just those
# (make hostile: the sandbox's tests).
. "$(dirname "$0")/lib.sh"
for mode in explicit guard; do
  dir="$W2L_BUILD/test-runtime/$mode"
  for t in ${RUNTIME_ONLY:-$(cd "$W2L_ROOT/tests/unit" && ls runtime_*.c runtime_*.cc | sed 's/\.cc*$//')}; do
    if [ ! -x "$dir/$t" ]; then
      [ "$t" = runtime_cxx ] && continue  # no C++ compiler
      bad "$mode/$t" "not built"
      continue
    fi
    (cd "$dir" && "./$t") >"$dir/$t.log" 2>&1
    rc=$?
    grep -E '^FAIL' "$dir/$t.log" | sed "s|^FAIL |FAIL $mode/$t: |"
    if t_totals=$(totals "$dir/$t.log"); then echo "$mode/$t: ${t_totals% *} passed, ${t_totals#* } failed"
    else echo "$mode/$t: crashed (exit $rc):"; tail -n 20 "$dir/$t.log"; fi
    count "$dir/$t.log" $rc
  done
done
summary
