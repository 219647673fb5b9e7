#ifndef PEMS_CSQLITE_SHIM_H
#define PEMS_CSQLITE_SHIM_H
#include <sqlite3.h>
/* SQLITE_TRANSIENT is a macro over a cast function pointer that Swift cannot import. */
static inline sqlite3_destructor_type pems_sqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif
