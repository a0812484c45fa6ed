/*
 * dup_key.h: the keys duplicate control (查重) compares customers by: the
 * unified social credit code, the company name after normalisation, a
 * normalised phone number and a normalised email address. Two customers with
 * an equal key of the same kind are the same company as far as kehu can tell.
 *
 * The name key (docs/architecture.md, "Duplicate keys"): NFKC and case
 * folding (full-width ＡＢＣ -> abc), traditional -> simplified by OpenCC's
 * t2s (臺灣 -> 台湾), spaces, punctuation and symbols dropped, then legal
 * suffixes taken off the end: the Latin words Co, Ltd, Limited, Inc, Corp,
 * Corporation, LLC, LLP, LP, PLC, Company, GmbH, AG, SA, Pte, Pty, BV, SRL as
 * whole words, and 股份有限公司, 有限责任公司, 有限公司, 集团, 股份, 公司, as often as
 * they end the name, never down to nothing. A leading region (北京, 上海市) is
 * part of the name and stays: 北京华信 and 上海华信 are two companies.
 */
#ifndef KH_DUP_KEY_H
#define KH_DUP_KEY_H

#include "base/strbuf.h"

/* The kinds, as stored (dup_keys.kind): never renumber. */
enum kh_dup_kind {
	KH_DUP_CREDIT_CODE = 1,
	KH_DUP_NAME = 2,
	KH_DUP_PHONE = 3,
	KH_DUP_EMAIL = 4,
};
#define KH_DUP_KINDS 4

/* The field a kind comes from: "credit_code", "name", "phone", "email"; NULL
 * for an unknown kind. */
const char *kh_dup_kind_field(int kind);

/* Append the name key of the company name (see above) to out; nothing when
 * the name holds no letter or digit. Returns 0, KH_EINVAL for malformed
 * UTF-8, or the strbuf's KH_ELIMIT / KH_ENOMEM. Thread-safe: the OpenCC
 * converter is opened once per process and shared. */
int kh_dup_name_key(const char *name, struct kh_strbuf *out);

/* Append the key of kind for a value as kehu stores it (a phone normalised
 * by base/phone, with "-extension"; an email; a credit code; a name) to out:
 * the name key, the phone number without its extension, the email trimmed
 * and lower-cased, the credit code upper-cased. Nothing when value is NULL,
 * empty or not a valid value of its kind (a credit code with a wrong check
 * character, a phone that does not normalise), so rows written outside kehu
 * never block a write. Returns 0 or KH_ENOMEM / KH_ELIMIT. */
int kh_dup_key(int kind, const char *value, struct kh_strbuf *out);

#endif
