/* schema.h: the numbered schema migrations (store-internal). */
#ifndef KH_SCHEMA_H
#define KH_SCHEMA_H

/* How many migrations there are: the latest schema version. */
int kh_schema_count(void);
/* The SQL that brings a database to version (1-based), or NULL. */
const char *kh_schema_migration(int version);

#endif
