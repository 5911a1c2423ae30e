#!/bin/sh
# run-one.sh WASM OUT N - one wasi-testsuite test for run-wasi-tests.sh:
# build it, run it as its JSON says, print "[k/N] PASS|FAIL lang/name" (and
# why) under the lock OUT/lock, and append the line to OUT/results.
set -u
wasm=$1 out=$2 n=$3
here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$wasm" .wasm)
lang=$(basename "$(dirname "$(dirname "$(dirname "$wasm")")")")
t="$out/$lang/$name"
mkdir -p "$t"
json="${wasm%.wasm}.json"
# The spec as shell-readable files: argv.sh sets the arguments (quoted), the rest one per file.
node -e '
  const fs = require("fs"), [json, t] = process.argv.slice(1);
  const s = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, "utf8")) : {};
  const q = (a) => a.map((x) => " \x27" + x.replace(/\x27/g, "\x27\\\x27\x27") + "\x27").join("");
  const env = Object.entries(s.env || {}).flatMap(([k, v]) => ["--env", k + "=" + v]);
  fs.writeFileSync(t + "/argv.sh", "set -- \"$@\"" + q(env) + " --" + q(s.args || []) + "\n");
  fs.writeFileSync(t + "/root", s.root || "");
  fs.writeFileSync(t + "/exit_code", String(s.exit_code || 0));
  if ("stdout" in s) fs.writeFileSync(t + "/stdout.want", s.stdout);
' "$json" "$t"
why=
if ! CC="$W2L_CC" CFLAGS="$W2L_CFLAGS -O1" "$W2L_BUILD/wasm2c-lite" "$wasm" --exe -o "$t/prog" >"$t/build.log" 2>&1; then
  why="build failed: $(grep -m1 error "$t/build.log")"
else
  root=$(cat "$t/root")
  set --
  if [ -n "$root" ]; then
    rm -rf "$t/root.dir" && cp -R "$(dirname "$wasm")/$root" "$t/root.dir" && chmod -R u+w "$t/root.dir"
    set -- --dir "$t/root.dir::/"
  fi
  # the --dir option, the --env options, --, the test's arguments (argv.sh: quoted by node)
  . "$t/argv.sh"
  (cd "$t" && ./prog "$@" >stdout.got 2>stderr.got </dev/null)
  rc=$?
  want=$(cat "$t/exit_code")
  if [ "$rc" != "$want" ]; then
    why="exit code $rc, expected $want: $(tail -n 3 "$t/stderr.got" | tr '\n' ' ')"
  elif [ -f "$t/stdout.want" ] && ! cmp -s "$t/stdout.want" "$t/stdout.got"; then
    why="stdout differs: got '$(head -c 80 "$t/stdout.got")', expected '$(head -c 80 "$t/stdout.want")'"
  fi
fi
until mkdir "$out/lock" 2>/dev/null; do sleep 0.05; done
k=$(($(wc -l <"$out/results") + 1))
if [ -z "$why" ]; then line="PASS $lang/$name"; else line="FAIL $lang/$name: $why"; fi
echo "[$k/$n] $line"
echo "$line" >>"$out/results"
rmdir "$out/lock"
