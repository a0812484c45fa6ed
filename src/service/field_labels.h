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
/* The value of enum field of entity that text names: the value itself, or
 * its 中文 or English label ("制造", "Manufacturing" -> "manufacturing"); NULL
 * when none does. Static. */
const char *kh_enum_value_of(const char *entity, const char *field, const char *text);
/* The label of value of enum field of entity in 中文 or English
 * ("customer", "segment", "finance" -> "金融"); value itself when it has
 * none. Static, or value. */
const char *kh_enum_label(const char *entity, const char *field, const char *value, bool zh);
/* What a list of entity is called ("customer" -> "客户" or "customers"). */
const char *kh_entity_title(const char *entity, bool zh);

#endif
