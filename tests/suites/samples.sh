#!/bin/sh
# The samples end to end: each one built and run, output compared with expected.txt.
exec sh "$W2L_ROOT/samples/run-demo.sh" --check
