/*
 * signed_link.h: the tokens in a message's links (unsubscribe, the open
 * pixel, a click's redirect) that say which message they came in, signed
 * so that nobody can make one for another message or change where a click
 * goes: a keyed BLAKE2b-128 over the version, the purpose, the message id
 * and the part (a link's number), all in 40 URL-safe base64 characters.
 */
#ifndef KH_SIGNED_LINK_H
#define KH_SIGNED_LINK_H

#include <stdint.h>

#define KH_LINK_KEY_BYTES 32
#define KH_LINK_TOKEN_LEN 40 /* characters, without the NUL */

/* What a link is for. */
enum kh_link_purpose {
	KH_LINK_UNSUBSCRIBE = 1,
	KH_LINK_OPEN = 2,
	KH_LINK_CLICK = 3,
};

struct kh_link {
	enum kh_link_purpose purpose;
	int64_t message_id; /* the queue row of the message */
	uint32_t part;      /* a click: the link's number in the message; else 0 */
};

/* The token of link under key into out (KH_LINK_TOKEN_LEN characters of
 * A-Z a-z 0-9 - _ and a NUL). Returns 0, or KH_EIO when libsodium cannot
 * start. */
int kh_link_sign(const unsigned char key[KH_LINK_KEY_BYTES], const struct kh_link *link,
		 char out[KH_LINK_TOKEN_LEN + 1]);

/* 0 with *link when token is one kh_link_sign made under key; KH_EINVAL
 * for anything else (another key, a changed character, another length or
 * version, an unknown purpose), and then *link is untouched. The MAC is
 * compared in constant time. */
int kh_link_verify(const unsigned char key[KH_LINK_KEY_BYTES], const char *token,
		   struct kh_link *link);

#endif
