/* top.c - libtop, linked against libuser: the third link of a NEEDED chain. */
extern int user_sum(void);
int top_value(void) { return user_sum() + 1000; }
