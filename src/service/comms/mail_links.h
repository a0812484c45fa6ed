/*
 * mail_links.h: what the links in a campaign message do when a recipient
 * follows them (the public routes /u/, /o/ and /c/): unsubscribe the
 * contact the message went to (its consent history says it came through
 * the link), record an open, record a click and name the link it leads
 * to. A token is checked by its signature before anything is read: one
 * kehu did not sign is unknown, and a click goes only to a link the
 * message held, never to a URL the request brings.
 */
#ifndef KH_MAIL_LINKS_H
#define KH_MAIL_LINKS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "service/context.h"

#define KH_MAIL_LINK_TOKEN_MAX 64

/* Who an unsubscribe link is for, to show before and after: the address
 * with its local part masked (z***@example.com). */
struct kh_mail_unsubscribe {
	char masked[300];
	bool already; /* the contact was unsubscribed before */
};

/* The message behind unsubscribe token: KH_ENOTFOUND for an unknown one. */
int kh_mail_link_check_unsubscribe(struct kh_ctx *ctx, const char *token,
				   struct kh_mail_unsubscribe *out, struct kh_error *err);
/* Unsubscribe the contact of token's message (one_click: the mail client's
 * RFC 8058 POST, else the page's button). Once: a second time changes
 * nothing. KH_ENOTFOUND for an unknown token. */
int kh_mail_link_unsubscribe(struct kh_ctx *ctx, const char *token, bool one_click,
			     struct kh_mail_unsubscribe *out, struct kh_error *err);
/* Record an open of token's message; an unknown token is ignored (0). */
int kh_mail_link_open(struct kh_ctx *ctx, const char *token, struct kh_error *err);
/* Record a click and put the link's URL into url[size]. KH_ENOTFOUND for
 * an unknown token or a link the message did not have. */
int kh_mail_link_click(struct kh_ctx *ctx, const char *token, char *url, size_t size,
		       struct kh_error *err);

#endif
