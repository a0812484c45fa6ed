/*
 * dup_key.c: the keys of duplicate control (see dup_key.h). OpenCC's
 * converter is loaded once per process (a few MB of dictionaries; opening it
 * per call would cost milliseconds) and used under a mutex, since its
 * documentation does not promise that one handle may convert on several
 * threads at once.
 */
#include "base/dup_key.h"

#include <opencc.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "base/credit_code.h"
#include "base/phone.h"
#include "base/utf8.h"
#include "base/banned.h"

/* Debian 12's opencc-data; elsewhere OpenCC looks the name up itself. */
#define T2S_CONFIG_PATH "/usr/share/opencc/t2s.json"
#define T2S_CONFIG_NAME "t2s.json"

static pthread_once_t t2s_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t t2s_lock = PTHREAD_MUTEX_INITIALIZER;
static opencc_t t2s = (opencc_t)-1;

static void t2s_open(void)
{
	t2s = opencc_open(access(T2S_CONFIG_PATH, R_OK) == 0 ? T2S_CONFIG_PATH
							     : T2S_CONFIG_NAME);
}

const char *kh_dup_kind_field(int kind)
{
	switch (kind) {
	case KH_DUP_CREDIT_CODE: return "credit_code";
	case KH_DUP_NAME: return "name";
	case KH_DUP_PHONE: return "phone";
	case KH_DUP_EMAIL: return "email";
	default: return NULL;
	}
}

/* text converted to simplified Chinese, appended to out. Without OpenCC's
 * data (not installed) the character table of base/utf8 stands in: it
 * agrees with t2s on single characters, which is most of what names hold. */
static int simplify(const char *text, struct kh_strbuf *out)
{
	char *converted = NULL;
	size_t pos = 0;
	int32_t cp;
	int rc = 0;

	pthread_once(&t2s_once, t2s_open);
	if (t2s != (opencc_t)-1) {
		pthread_mutex_lock(&t2s_lock);
		converted = opencc_convert_utf8(t2s, text, strlen(text));
		pthread_mutex_unlock(&t2s_lock);
	}
	if (converted) {
		rc = kh_strbuf_adds(out, converted);
		opencc_convert_utf8_free(converted);
		return rc;
	}
	while (rc == 0 && (cp = kh_utf8_next(text, strlen(text), &pos)) >= 0)
		rc = kh_utf8_put(out, kh_han_simplify((uint32_t)cp));
	return rc;
}

/* Latin legal-form words, as whole words after folding. */
static bool latin_suffix(const char *word, size_t len)
{
	static const char *const words[] = {"co", "ltd", "limited", "inc", "incorporated",
					    "corp", "corporation", "llc", "llp", "lp", "plc",
					    "company", "gmbh", "ag", "sa", "pte", "pty", "bv",
					    "srl", NULL};

	for (size_t i = 0; words[i]; i++)
		if (strlen(words[i]) == len && memcmp(words[i], word, len) == 0)
			return true;
	return false;
}

/* Chinese legal forms, longest first where one ends another. */
static size_t chinese_suffix(const char *s, size_t len)
{
	static const char *const forms[] = {"股份有限公司", "有限责任公司", "有限公司", "集团",
					    "股份", "公司", NULL};

	for (size_t i = 0; forms[i]; i++) {
		size_t n = strlen(forms[i]);

		if (n < len && memcmp(s + len - n, forms[i], n) == 0)
			return n;
	}
	return 0;
}

/* The words of the folded, simplified text (separated by single spaces),
 * without trailing Latin legal words, joined, into out. */
static int join_words(const char *text, struct kh_strbuf *out)
{
	const char *words[128];
	size_t lens[128], n = 0;
	const char *p = text;
	int rc = 0;

	while (*p && n < 128) {
		size_t len = strcspn(p, " ");

		if (len) {
			words[n] = p;
			lens[n++] = len;
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	while (n > 1 && latin_suffix(words[n - 1], lens[n - 1]))
		n--;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = kh_strbuf_add(out, words[i], lens[i]);
	/* A name of more than 128 words keeps the rest as it is. */
	if (rc == 0 && *p)
		for (; *p && rc == 0; p++)
			if (*p != ' ')
				rc = kh_strbuf_addch(out, *p);
	return rc;
}

int kh_dup_name_key(const char *name, struct kh_strbuf *out)
{
	struct kh_text_cps cps;
	struct kh_strbuf folded, simple;
	size_t start = out->len, cut;
	bool space = false;
	int rc;

	kh_strbuf_init(&folded, 0);
	kh_strbuf_init(&simple, 0);
	rc = kh_text_decode(name, false, &cps);
	for (size_t i = 0; rc == 0 && i < cps.len; i++) {
		if (kh_text_is_filler(cps.cp[i])) {
			space = folded.len > 0;
			continue;
		}
		if (space)
			rc = kh_strbuf_addch(&folded, ' ');
		space = false;
		if (rc == 0)
			rc = kh_utf8_put(&folded, (uint32_t)cps.cp[i]);
	}
	kh_text_cps_release(&cps);
	if (rc == 0 && folded.len)
		rc = simplify(folded.buf, &simple);
	if (rc == 0 && simple.len)
		rc = join_words(simple.buf, out);
	while (rc == 0 && (cut = chinese_suffix(out->buf + start, out->len - start)))
		kh_strbuf_setlen(out, out->len - cut);
	kh_strbuf_release(&folded);
	kh_strbuf_release(&simple);
	if (rc)
		kh_strbuf_setlen(out, start);
	return rc;
}

static int email_key(const char *s, struct kh_strbuf *out)
{
	size_t start = 0, end = strlen(s);
	int rc = 0;

	while (start < end && (s[start] == ' ' || s[start] == '\t'))
		start++;
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	for (size_t i = start; i < end && rc == 0; i++)
		rc = kh_strbuf_addch(out, s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a')
								    : s[i]);
	return rc;
}

/* The last name a thread keyed, with its key: a create checks a name
 * before it writes and keys it again after (OpenCC and NFKC are the dearest
 * part of both). */
#define NAME_MEMO_MAX 512
static _Thread_local struct {
	bool valid;
	int rc;
	char name[NAME_MEMO_MAX], key[NAME_MEMO_MAX];
} name_memo;

static int name_key_memo(const char *name, struct kh_strbuf *out)
{
	size_t n = strlen(name), start = out->len;
	int rc;

	if (name_memo.valid && n < NAME_MEMO_MAX && strcmp(name_memo.name, name) == 0)
		return name_memo.rc ? name_memo.rc : kh_strbuf_adds(out, name_memo.key);
	rc = kh_dup_name_key(name, out);
	name_memo.valid = (rc == 0 || rc == KH_EINVAL) && n < NAME_MEMO_MAX &&
			  out->len - start < NAME_MEMO_MAX;
	if (name_memo.valid) {
		memcpy(name_memo.name, name, n + 1);
		memcpy(name_memo.key, out->buf ? out->buf + start : "", out->len - start);
		name_memo.key[out->len - start] = '\0';
		name_memo.rc = rc;
	}
	return rc;
}

int kh_dup_key(int kind, const char *value, struct kh_strbuf *out)
{
	char code[KH_CREDIT_CODE_LEN + 1];
	struct kh_phone ph;
	int rc;

	if (!value || !*value)
		return 0;
	switch (kind) {
	case KH_DUP_CREDIT_CODE:
		return kh_credit_code_normalize(value, code, "credit_code", NULL) ? 0
			: kh_strbuf_adds(out, code);
	case KH_DUP_NAME:
		rc = name_key_memo(value, out);
		return rc == KH_EINVAL ? 0 : rc;
	case KH_DUP_PHONE:
		return kh_phone_normalize(value, &ph, "phone", NULL) ? 0
			: kh_strbuf_adds(out, ph.number);
	case KH_DUP_EMAIL:
		return email_key(value, out);
	default:
		return 0;
	}
}
