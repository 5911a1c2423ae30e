#!/bin/sh
# report-file.sh - print one finished script's report for run-spec.sh:
#   sh report-file.sh LOGS NAME.wast NFILES MAX_FAILS
# under the lock LOGS/lock (a directory): "[k/NFILES] " and the runner's
# summary line, its first MAX_FAILS FAIL lines, and its counts appended to
# LOGS/counts; LOGS/done gets "ok NAME" or "fail NAME".
logs=$1 b=$2 nfiles=$3 max_fails=$4
log="$logs/$b.log"
until mkdir "$logs/lock" 2>/dev/null; do sleep 0.05; done
trap 'rmdir "$logs/lock"' EXIT
k=$(($(wc -l <"$logs/done") + 1))
line=$(grep -E "^$b: [0-9]+ passed, [0-9]+ failed" "$log" 2>/dev/null | tail -n 1)
if [ -z "$line" ]; then
  echo "[$k/$nfiles] $b: did not run (exit $(cat "$logs/$b.rc" 2>/dev/null)), see $log"
  tail -n 5 "$log" 2>/dev/null | sed 's/^/    /'
  echo "#counts 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 0 0" >>"$logs/counts"
  echo "fail $b" >>"$logs/done"
  exit 0
fi
echo "[$k/$nfiles] $line"
grep -E '^#(counts|notrun|diffskip)' "$log" >>"$logs/counts"
nf=$(grep -c '^FAIL' "$log")
if [ "$nf" -gt 0 ]; then
  awk -v max="$max_fails" '/^FAIL/ { n++ } n > max { exit } n >= 1 && !/^#/ && !/passed, [0-9]+ failed/' "$log"
  [ "$nf" -gt "$max_fails" ] && echo "  ... $((nf - max_fails)) more failures in $log"
fi
grep -A3 '^NOT RUN .*does not parse' "$log"
case "$line" in
*" 0 failed, 0 not run") echo "ok $b" >>"$logs/done" ;;
*) echo "fail $b" >>"$logs/done" ;;
esac
