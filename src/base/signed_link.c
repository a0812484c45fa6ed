/*
 * signed_link.c: 30 bytes — version 1, purpose, message id (8, big-endian),
 * part (4, big-endian), then 16 bytes of BLAKE2b keyed by the link key over
 * the first 14 — in URL-safe base64 without padding. The version byte lets
 * a later format (or key) be told apart from this one.
 */
#include "base/signed_link.h"

#include <sodium.h>
#include <string.h>

#include "base/error.h"

#define VERSION 1
#define BODY_BYTES 14
#define MAC_BYTES 16
#define TOKEN_BYTES (BODY_BYTES + MAC_BYTES)

static void put_be(unsigned char *p, uint64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)(v & 0xff);
}

static uint64_t get_be(const unsigned char *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

static void mac_of(const unsigned char key[KH_LINK_KEY_BYTES], const unsigned char *body,
		   unsigned char mac[MAC_BYTES])
{
	crypto_generichash(mac, MAC_BYTES, body, BODY_BYTES, key, KH_LINK_KEY_BYTES);
}

int kh_link_sign(const unsigned char key[KH_LINK_KEY_BYTES], const struct kh_link *link,
		 char out[KH_LINK_TOKEN_LEN + 1])
{
	unsigned char t[TOKEN_BYTES];

	if (sodium_init() < 0)
		return KH_EIO;
	t[0] = VERSION;
	t[1] = (unsigned char)link->purpose;
	put_be(t + 2, (uint64_t)link->message_id, 8);
	put_be(t + 10, link->part, 4);
	mac_of(key, t, t + BODY_BYTES);
	sodium_bin2base64(out, KH_LINK_TOKEN_LEN + 1, t, sizeof(t),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return 0;
}

int kh_link_verify(const unsigned char key[KH_LINK_KEY_BYTES], const char *token,
		   struct kh_link *link)
{
	unsigned char t[TOKEN_BYTES], mac[MAC_BYTES];
	size_t n = 0;
	const char *end = NULL;

	/* libsodium's decoder takes every byte above 127 for '_', so a token is
	 * checked to be made of the alphabet first: one link, one spelling. */
	if (!token || strlen(token) != KH_LINK_TOKEN_LEN ||
	    strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") !=
		    KH_LINK_TOKEN_LEN ||
	    sodium_init() < 0)
		return KH_EINVAL;
	if (sodium_base642bin(t, sizeof(t), token, KH_LINK_TOKEN_LEN, NULL, &n, &end,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != sizeof(t) || end != token + KH_LINK_TOKEN_LEN)
		return KH_EINVAL;
	mac_of(key, t, mac);
	if (sodium_memcmp(mac, t + BODY_BYTES, MAC_BYTES) != 0 || t[0] != VERSION ||
	    t[1] < KH_LINK_UNSUBSCRIBE || t[1] > KH_LINK_CLICK)
		return KH_EINVAL;
	link->purpose = (enum kh_link_purpose)t[1];
	link->message_id = (int64_t)get_be(t + 2, 8);
	link->part = (uint32_t)get_be(t + 10, 4);
	return 0;
}
