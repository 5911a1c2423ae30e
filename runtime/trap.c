/* trap.c - placeholder until the runtime lands. */
#include "w2l.h"
