/*
 * send_pace.c: the sender's pace (see send_pace.h). The ring holds as many
 * send times as the larger window allows, so both limits are read from it:
 * the per_second-th last send must be a second old, the per_hour-th last an
 * hour old. At the largest hourly limit that is 8 MB, held by the sender
 * alone.
 */
#include "service/comms/send_pace.h"

#include <stdlib.h>

#include "base/error.h"

int kh_send_pace_init(struct kh_send_pace *p, int per_second, int per_hour)
{
	int size;

	*p = (struct kh_send_pace){0};
	if (per_second < 0 || per_hour < 0 || per_second > KH_PACE_PER_HOUR_MAX ||
	    per_hour > KH_PACE_PER_HOUR_MAX)
		return KH_EINVAL;
	size = per_second > per_hour ? per_second : per_hour;
	p->per_second = per_second;
	p->per_hour = per_hour;
	p->ring_size = size;
	if (size && !(p->times = calloc((size_t)size, sizeof(*p->times))))
		return KH_ENOMEM;
	return 0;
}

void kh_send_pace_release(struct kh_send_pace *p)
{
	if (!p)
		return;
	free(p->times);
	*p = (struct kh_send_pace){0};
}

/* The time of the k-th last send (k from 1), or -1 if fewer were made. */
static int64_t nth_last(const struct kh_send_pace *p, int k)
{
	if (k > p->count)
		return -1;
	return p->times[((p->head - k) % p->ring_size + p->ring_size) % p->ring_size];
}

/* The wait that a limit of n per window_ms asks at now. */
static int64_t wait_for(const struct kh_send_pace *p, int n, int64_t window_ms, int64_t now)
{
	int64_t t;

	if (n == 0 || (t = nth_last(p, n)) < 0)
		return 0;
	return t + window_ms > now ? t + window_ms - now : 0;
}

int64_t kh_send_pace_wait(const struct kh_send_pace *p, int64_t now_ms)
{
	int64_t a = wait_for(p, p->per_second, 1000, now_ms);
	int64_t b = wait_for(p, p->per_hour, 3600 * 1000, now_ms);

	return a > b ? a : b;
}

void kh_send_pace_sent(struct kh_send_pace *p, int64_t now_ms)
{
	if (!p->ring_size)
		return;
	p->times[p->head] = now_ms;
	p->head = (p->head + 1) % p->ring_size;
	if (p->count < p->ring_size)
		p->count++;
}

int kh_send_retry_after(int attempt)
{
	static const int after[] = {60, 5 * 60, 15 * 60, 60 * 60, 4 * 60 * 60};

	if (attempt < 1)
		attempt = 1;
	if (attempt >= KH_SEND_ATTEMPTS_MAX)
		return -1;
	return after[attempt - 1 < 4 ? attempt - 1 : 4];
}
