/* stubs.c - placeholders removed as each phase lands (lead's bootstrap). */
#include "compiler.h"
