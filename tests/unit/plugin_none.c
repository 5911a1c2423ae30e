/* plugin_none.c - a shared object that is not a plugin (no descriptor). */
int plugin_none_answer(void);
int plugin_none_answer(void) { return 42; }
