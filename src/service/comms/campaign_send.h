/*
 * campaign_send.h: the sender of campaign mail. One round starts the
 * scheduled campaigns whose time came (their audience queued in their
 * sender's scope), queues again what a dead sender had claimed, and sends
 * what is due through one SMTP connection: claimed a few at a time, each
 * message rendered, handed to the server, and its outcome marked in its
 * own transaction at once, so that a kill loses nothing (a claimed message
 * not marked goes again) and repeats nothing that was marked sent. The
 * pace (send_pace.h) and the retries with backoff are kept here.
 */
#ifndef KH_CAMPAIGN_SEND_H
#define KH_CAMPAIGN_SEND_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "service/context.h"

struct kh_campaign_sender;

/* Wait ms milliseconds (the pace); true when the sender should stop. */
typedef bool (*kh_campaign_wait_fn)(void *arg, long ms);

/* A sender; own_database: this process is the only one sending from the
 * database (SQLite), so messages claimed by an earlier life of it go again
 * at once rather than when their lease ends. NULL when out of memory. */
struct kh_campaign_sender *kh_campaign_sender_new(bool own_database, kh_campaign_wait_fn wait,
						  void *arg);
void kh_campaign_sender_free(struct kh_campaign_sender *s);

/* What one round did. */
struct kh_campaign_round {
	size_t greetings; /* the day's greetings queued */
	size_t started, sent, retried, failed, bounced, dropped, finished;
	bool stopped; /* the wait said stop */
	bool idle;    /* nothing was due: the caller may sleep */
	char server_error[256]; /* why the server refused the sender or login, or "" */
};

/* One round on ctx (the system): at most max messages. */
int kh_campaign_send_round(struct kh_ctx *ctx, struct kh_campaign_sender *s, size_t max,
			   struct kh_campaign_round *round, struct kh_error *err);

#endif
