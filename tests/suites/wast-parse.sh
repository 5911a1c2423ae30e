#!/bin/sh
# wast-parse.sh - the .wast script parser (compiler/wast.c): table-driven cases
# in tests/unit/wast_test.c, exact command descriptions and error messages.
set -u
: "${W2L_BUILD:?run through make test}"
"$W2L_BUILD/unit/wast_test"
