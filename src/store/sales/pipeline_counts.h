/*
 * pipeline_counts.h (store-internal): the pipeline board's totals kept by
 * the writes. The table pipeline_counts holds, for the live opportunities
 * of every (stage, owner, holder, pool), their number, the sum of their
 * amounts and the sum of amount x probability: owner is the opportunity's
 * owner (0 for none), holder and pool the data-scope key of its customer as
 * list_counts has it (store/counts.h: the customer's owner, 0 for nobody,
 * -1 for a deleted or missing customer; whether it is in the pool). A board
 * for an admin is then a sum over a few hundred rows, for a rep a sum over
 * the holders of the scope and the pool plus the few shared customers'
 * opportunities, instead of reading every opportunity and customer.
 *
 * Its triggers are installed, dropped and counted with list_counts'
 * (store/counts.c), so a bulk load and the rebuild after it keep both.
 */
#ifndef KH_STORE_PIPELINE_COUNTS_H
#define KH_STORE_PIPELINE_COUNTS_H

/* The number of triggers kh_pipeline_counts_install_sql creates; their
 * names begin with list_counts_pipeline_. */
#define KH_PIPELINE_COUNTS_TRIGGERS 4

/* SQL (several statements) that recounts pipeline_counts from the rows and
 * creates its triggers; run after kh_pipeline_counts_drop_sql, in a write
 * transaction. A constant string. */
const char *kh_pipeline_counts_install_sql(void);
/* SQL that drops the triggers if they are there. A constant string. */
const char *kh_pipeline_counts_drop_sql(void);

#endif
