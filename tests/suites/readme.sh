#!/bin/sh
# readme.sh - the README's walkthrough ("From a .wat file to a native program
# in 30 seconds"), run as written: the module and main.c are cut out of the
# README, translated and built with the commands it shows (build/ standing
# for this build), and the program must print what the README says.
. "$(dirname "$0")/lib.sh"
tmp="$W2L_BUILD/readme-tmp"
rm -rf "$tmp" && mkdir -p "$tmp"
readme="$W2L_ROOT/README.md"
# The walkthrough's lines, without their 4-space indent.
sed -n '/^## From a .wat file/,/^## /p' "$readme" | sed -n 's/^    //p' >"$tmp/walk"
# A file shown by "$ cat NAME": the lines up to the next "$ " command.
shown() { awk -v f="$1" '$0 == "$ cat " f { on = 1; next } /^\$ / { on = 0 } on' "$tmp/walk"; }
wat=$(sed -n 's/^\$ cat \(.*\.wat\)$/\1/p' "$tmp/walk")
[ -n "$wat" ] || bad "readme: no '\$ cat X.wat' in the walkthrough"
shown "$wat" >"$tmp/$wat"
shown main.c >"$tmp/main.c"
# The first translate and cc commands (the build tree's; install.sh tests the
# installed form the README shows next), and what ./main prints.
translate=$(sed -n 's/^\$ \(build\/wasm2c-lite [^#]*\).*/\1/p' "$tmp/walk" | head -n 1)
build=$(sed -n 's/^\$ \(cc .*\)/\1/p' "$tmp/walk" | head -n 1)
expect=$(awk '/^\$ \.\/main$/ { on = 1; next } /^\$ / { on = 0 } on' "$tmp/walk")
B=$W2L_BUILD
(cd "$tmp" && eval "$(echo "$translate" | sed "s|^build/|$B/|")") && ok || bad "readme: $translate"
# The build's own flags go last (sanitizers, the memory strategy) so that the
# program matches the runtime it links.
(cd "$tmp" && eval "$(echo "$build" | sed "s|build/|$B/|g") $W2L_CFLAGS") && ok || bad "readme: $build"
got=$(cd "$tmp" && ./main)
[ "$got" = "$expect" ] && ok || bad "readme: ./main printed '$got', the README says '$expect'"
# The module's header must not shadow a standard one under -I.
for std in math stdio stdlib string assert time; do
  [ "${wat%.wat}" != "$std" ] || bad "readme: $wat makes $std.h, which shadows <$std.h>"
done
summary
