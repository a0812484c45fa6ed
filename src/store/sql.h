/* sql.h (store-internal): helpers shared by the store's SQL builders. */
#ifndef KH_STORE_SQL_H
#define KH_STORE_SQL_H

#include <stdbool.h>

/* Is s a plain lower-case SQL identifier ([a-z0-9_]+)? Table and column
 * names come from static tables; the builders check them once more. */
bool kh_store_is_identifier(const char *s);

#endif
