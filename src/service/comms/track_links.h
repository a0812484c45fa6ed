/*
 * track_links.h: a message's HTML made trackable: each http(s) link of an
 * <a href> goes through the click redirect, {base}/c/{token}, whose signed
 * token names the message and the link's number, and an open pixel,
 * {base}/o/{token}.png, goes before </body>. The original URLs come back in
 * link order, to be kept with the message: the redirect goes only to one
 * of them, never to a URL the request brings.
 */
#ifndef KH_TRACK_LINKS_H
#define KH_TRACK_LINKS_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "base/signed_link.h"
#include "base/strbuf.h"

#define KH_TRACK_LINKS_MAX 100 /* links tracked in one message; later ones stay */
#define KH_TRACK_URL_MAX 2000  /* bytes of a link that is tracked; longer stays */

/* The links of one message, in order: urls[k] is part k + 1. */
struct kh_track_links {
	char *urls[KH_TRACK_LINKS_MAX];
	size_t n;
};

void kh_track_links_release(struct kh_track_links *links);

/* Appends html to out with its links and the pixel rewritten for message
 * message_id under key; base_url is the public address of kehu (http(s),
 * without a trailing slash). Left as they are: links that are not http or
 * https (mailto:, tel:, #part), skip_url (the unsubscribe link, which works
 * by itself), and links past KH_TRACK_LINKS_MAX or KH_TRACK_URL_MAX. An
 * href's entities (&amp; ...) are decoded in the URL kept. links must be
 * zeroed; the caller releases it. Returns 0, KH_EINVAL (base_url), KH_EIO
 * (libsodium), or the strbuf's KH_ELIMIT / KH_ENOMEM. */
int kh_track_html(const char *html, const char *base_url, const char *skip_url,
		  const unsigned char key[KH_LINK_KEY_BYTES], int64_t message_id,
		  struct kh_strbuf *out, struct kh_track_links *links, struct kh_error *err);

#endif
