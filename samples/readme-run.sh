#!/bin/sh
# readme-run.sh SAMPLE WORK_DIR - build and run samples/SAMPLE with the commands
# its README shows under "## Build and run" (the indented lines that begin with
# "$ ", run from the repository root as written), in WORK_DIR, where build/
# and samples/ lead to this build and this repository and out/ is fresh.
# Every `cc` gets the build's own flags ($W2L_CC $W2L_CFLAGS: the sanitizers
# and memory strategy the runtime was built with), and so does --exe (CC, CFLAGS).  The last command's output
# goes to WORK_DIR/output, the others' to WORK_DIR/build.log; the status is
# the first failing command's.  Used by make demo and the samples suite.
# Environment (from make): W2L_BUILD, W2L_CC, W2L_CFLAGS.
set -u
here=$(cd "$(dirname "$0")" && pwd)
name=$1 work=$2
rm -rf "$work" && mkdir -p "$work/out"
ln -s "$W2L_BUILD" "$work/build"
export CC="$W2L_CC" CFLAGS="$W2L_CFLAGS" # what wasm2c-lite --exe builds with
ln -s "$here" "$work/samples"
sed -n '/^## Build and run/,/^## /p' "$here/$name/README.md" | sed -n 's/^    \$ //p' >"$work/commands"
[ -s "$work/commands" ] || { echo "samples/$name/README.md shows no '    \$ ' commands" >"$work/build.log"; exit 1; }
n=$(wc -l <"$work/commands")
i=0
while IFS= read -r cmd; do
  i=$((i + 1))
  run=$(printf '%s\n' "$cmd" | sed -e "s|^cc |$W2L_CC $W2L_CFLAGS |" -e "s|\([;&] *\)cc |\1$W2L_CC $W2L_CFLAGS |g" \
    -e "s|\(do \)cc |\1$W2L_CC $W2L_CFLAGS |g")
  if [ "$i" -lt "$n" ]; then
    (cd "$work" && eval "$run") >>"$work/build.log" 2>&1 || { echo "failed: $cmd" >>"$work/build.log"; exit 1; }
  else
    (cd "$work" && eval "$run") >"$work/output" 2>&1 || exit $?
  fi
done <"$work/commands"
