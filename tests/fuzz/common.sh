# common.sh - sourced by run-fuzz.sh, reduce.sh and the fuzz-regress suite:
# how a translated module is built and run against binaryen's reference.
# Needs $root (the repository) and $here (tests/fuzz).

# fuzz_runtime DIR: the runtime library for each memory strategy, as
# DIR/0/librt.a (W2L_BOUNDS=0: explicit checks) and DIR/1/librt.a
# (W2L_BOUNDS=1: guard pages).
fuzz_runtime() {
  for b in 0 1; do
    mkdir -p "$1/$b"
    for f in "$root"/runtime/*.c; do
      cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DW2L_BOUNDS=$b \
        -c "$f" -o "$1/$b/$(basename "$f" .c).o" || return 2
    done
    rm -f "$1/$b/librt.a"
    ar rcs "$1/$b/librt.a" "$1/$b"/*.o || return 2
  done
}

# fuzz_run CONFIG DIR RT TIMEOUT: build DIR/fz.c (translated with -n fz) in
# CONFIG (CC:OPT:BOUNDS, e.g. gcc:-O2:1 for guard pages) against the runtime libraries in RT,
# run it on the reference DIR/ref.txt, print the outcome: ok, cc (the C did not
# build or warned; DIR/cc.log), mismatch, crash (signal or hang), or skip (the
# host could not run the module).  SIMD float arithmetic gives canonical NaNs,
# as binaryen's interpreter does (W2L_SIMD_CANONICAL_NAN in w2l_simd.h; FUZZ_NAN=
# in the environment turns that off).
fuzz_run() {
  _exe=$(fuzz_exe "$1" "$2")
  _cc=${1%%:*} _rest=${1#*:}
  _opt=${_rest%%:*} _b=${_rest#*:}
  if ! $_cc -std=c11 $_opt -Wall -Wextra -Werror -DW2L_BOUNDS=$_b ${FUZZ_NAN--DW2L_SIMD_CANONICAL_NAN} \
      -I"$root/runtime" -I"$2" \
      "$2/fz.c" "$here/fuzz_host.c" "$3/$_b/librt.a" -lm -ldl -o "$_exe" >"$2/cc.log" 2>&1; then
    echo cc; return
  fi
  fuzz_check "$_exe" "$2/ref.txt" "$4"
}

# fuzz_exe CONFIG DIR: the host program fuzz_run builds for CONFIG in DIR.
fuzz_exe() {
  _r=${1#*:}
  echo "$2/host-${1%%:*}${_r%%:*}-${_r#*:}"
}

# fuzz_check EXE REF TIMEOUT [TAG]: run a built host against the reference REF,
# print ok, mismatch, skip or crash as fuzz_run does (what it printed goes to
# gotTAG.txt and hostTAG.log beside EXE).
fuzz_check() {
  timeout "$3" "$1" "$2" >"$(dirname "$1")/got${4-}.txt" 2>"$(dirname "$1")/host${4-}.log"
  case $? in
    0) echo ok ;;
    1) echo mismatch ;;
    2) echo skip ;;
    *) echo crash ;;
  esac
}
