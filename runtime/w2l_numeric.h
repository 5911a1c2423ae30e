/* w2l_numeric.h - exact numeric helpers for emitted code (included by w2l.h). */
#ifndef W2L_NUMERIC_H
#define W2L_NUMERIC_H
#endif
