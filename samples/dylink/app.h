/* app.h - what the main program (main.c) offers its plugins: side modules
 * include it and call these functions, which the main module exports. */
#ifndef APP_H
#define APP_H

/* Print a line on the program's standard output. */
void app_print(const char *line);
/* Print "label: value". */
void app_print_int(const char *label, int value);

#endif
