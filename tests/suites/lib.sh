# lib.sh - what the suites in tests/suites/ share.  Each one starts with
#   . "$(dirname "$0")/lib.sh"
# (tests/run-tests.sh runs every other *.sh here as a suite).  It checks the
# environment `make test` provides and defines:
#
#   ok [NAME]               count a passed case (NAME only documents the call)
#   bad NAME [DETAIL]       count a failed case: prints "FAIL NAME" or
#                           "FAIL NAME: DETAIL"; print more lines after it if useful
#   golden NAME WANT GOT    the file GOT must equal the golden file WANT (a
#                           missing WANT reads as empty); ok, or bad with the diff
#   totals LOG              the two numbers of the last "N passed, N failed" line
#                           of LOG; status 1 if there is none
#   count LOG [STATUS]      add LOG's totals (a driver's output) to ours; no such
#                           line, or a non-zero STATUS with no failure counted,
#                           is one failure
#   summary                 print "N passed, N failed", the line run-tests.sh
#                           reads; its status says whether anything failed
#   $compilers              the C compilers emitted code must build with: gcc
#                           and clang when installed, then $W2L_CC unless it is
#                           one of them under another name (cc)
#
# UPDATE=1 (`make test UPDATE=1`) makes `golden` rewrite WANT from GOT first
# (removing WANT when GOT is empty): every golden file is regenerated from the
# current output.  Review the diff before committing it.
set -u
: "${W2L_BUILD:?run through make test}" "${W2L_CC:?run through make test}"
: "${W2L_CFLAGS:?run through make test}"
: "${W2L_ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
export W2L_ROOT
UPDATE=${UPDATE:-}
pass=0 fail=0

ok() { pass=$((pass + 1)); }

bad() {
  if [ $# -gt 1 ]; then echo "FAIL $1: $2"; else echo "FAIL $1"; fi
  fail=$((fail + 1))
}

golden() {
  if [ "$UPDATE" = 1 ]; then
    if [ -s "$3" ]; then cp "$3" "$2"; else rm -f "$2"; fi
  fi
  _want=$2
  [ -e "$_want" ] || _want=/dev/null
  if cmp -s "$_want" "$3"; then ok; return 0; fi
  bad "$1" "output differs from $2 (< expected, > got; UPDATE=1 to accept)"
  diff "$_want" "$3" | head -n 20 | sed 's/^/    /'
  return 1
}

totals() {
  _line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
  [ -n "$_line" ] || return 1
  echo "$_line" | sed -E 's/^([0-9]+) passed, ([0-9]+) failed.*/\1 \2/'
}

count() {
  if ! _t=$(totals "$1"); then
    bad "$1" "no \"N passed, N failed\" line (exit ${2:-?})"
    return
  fi
  set -- "$1" "${2:-0}" $_t
  [ "$2" -ne 0 ] && [ "$4" -eq 0 ] && bad "$1" "exit status $2"
  pass=$((pass + $3)) fail=$((fail + $4))
}

summary() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}

# The program a compiler command runs, symlinks resolved (cc -> gcc).
program() { readlink -f "$(command -v "$1")" 2>/dev/null; }

compilers=
for _cc in gcc clang "$W2L_CC"; do
  command -v "$_cc" >/dev/null 2>&1 || continue
  _dup=
  for _c in $compilers; do [ "$(program "$_c")" = "$(program "$_cc")" ] && _dup=1; done
  [ -n "$_dup" ] || compilers="$compilers $_cc"
done
compilers=${compilers# }
