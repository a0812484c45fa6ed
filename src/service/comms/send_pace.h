/*
 * send_pace.h: how fast the campaign sender may go and when a message that
 * met a temporary failure is tried again. The pace is two limits at once,
 * per second and per hour (what an SMTP relay or a mailbox provider
 * allows), kept as a sliding record of the last sends; the clock is passed
 * in, so the rules are tested without waiting.
 */
#ifndef KH_SEND_PACE_H
#define KH_SEND_PACE_H

#include <stdint.h>

#define KH_PACE_PER_HOUR_MAX 1000000
#define KH_SEND_ATTEMPTS_MAX 6 /* tries of one message before it is failed */

struct kh_send_pace {
	int per_second, per_hour; /* 0: no limit of that kind */
	int64_t *times;           /* the last sends' times (ms), a ring of ring_size */
	int ring_size, head, count;
};

/* A pace of at most per_second and per_hour messages (each 0 for none, at
 * most KH_PACE_PER_HOUR_MAX). Returns 0, KH_EINVAL for a negative or too
 * large limit, KH_ENOMEM. */
int kh_send_pace_init(struct kh_send_pace *p, int per_second, int per_hour);
void kh_send_pace_release(struct kh_send_pace *p);

/* Milliseconds to wait at now_ms before the next message may go (0: now). */
int64_t kh_send_pace_wait(const struct kh_send_pace *p, int64_t now_ms);
/* Records a message sent at now_ms. */
void kh_send_pace_sent(struct kh_send_pace *p, int64_t now_ms);

/* Seconds after a temporary failure before try attempt + 1 (attempt counts
 * from 1): 1, 5, 15 and 60 minutes, then 4 hours; -1 when attempt reached
 * KH_SEND_ATTEMPTS_MAX (the message is failed). */
int kh_send_retry_after(int attempt);

#endif
