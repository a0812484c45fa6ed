/*
 * field_labels.h: what people call the registry's fields, in 中文 and
 * English: the header row of an export (and of an import template).
 */
#ifndef KH_FIELD_LABELS_H
#define KH_FIELD_LABELS_H

#include <stdbool.h>

/* The label of field name of entity ("customer", "purchase_budget" ->
 * "采购预算"), also of the list's extra members ("id", "customer_name",
 * "created_at", "metrics.clv"); the name itself when there is none. Static. */
const char *kh_field_label(const char *entity, const char *name, bool zh);
/* What a list of entity is called ("customer" -> "客户" or "customers"). */
const char *kh_entity_title(const char *entity, bool zh);

#endif
