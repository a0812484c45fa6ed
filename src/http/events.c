/*
 * events.c: the server-sent event stream and its hub (see events.h).
 *
 * One mutex guards the hub: its list of streams, each stream's waiting
 * bytes and whether its connection is suspended. A stream's connection is
 * suspended only inside its content reader, under the mutex, after the
 * reader found nothing to send; it is resumed only by whoever adds bytes
 * (or ends it), under the mutex, when it is suspended. So no wake-up is
 * lost and no connection is resumed that is not suspended.
 */
#include "http/events.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/strbuf.h"
#include "http/internal.h"
#include "service/comms/notify.h"
#include "service/work/todo.h"
#include "base/banned.h"

struct stream {
	struct stream *prev, *next;
	struct kh_events *hub;
	struct MHD_Connection *conn;
	struct kh_actor actor;
	struct kh_strbuf pending; /* bytes not yet given to libmicrohttpd */
	char *last;               /* the counts last sent, as JSON text */
	char *last_unread;        /* the notifications event last sent, as JSON text */
	bool suspended;
	bool ending;              /* send what is pending, then end */
};

struct kh_events {
	char *db_path;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	bool thread_started;
	bool stopping;       /* the thread ends */
	bool streams_ending; /* the server stops: every stream ends */
	bool dirty;          /* a write since the last recount */
	struct timespec due; /* when the recount runs (the debounce) */
	struct stream *head;
	size_t nstreams;
};

static void now(struct timespec *t)
{
	clock_gettime(CLOCK_MONOTONIC, t);
}

static void add_ms(struct timespec *t, long ms)
{
	t->tv_sec += ms / 1000;
	t->tv_nsec += (ms % 1000) * 1000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

static bool reached(const struct timespec *at, const struct timespec *t)
{
	return at->tv_sec > t->tv_sec || (at->tv_sec == t->tv_sec && at->tv_nsec >= t->tv_nsec);
}

/* Under the lock: the stream has something new (or ends): let it run. */
static void wake_stream(struct stream *s)
{
	if (s->suspended) {
		s->suspended = false;
		MHD_resume_connection(s->conn);
	}
}

/* Under the lock: queue text on s; a client that does not read ends. */
static void queue(struct stream *s, const char *text)
{
	if (s->pending.len + strlen(text) > KH_EVENTS_PENDING_MAX ||
	    kh_strbuf_adds(&s->pending, text))
		s->ending = true;
	wake_stream(s);
}

/* Under the lock: the event name with data (a JSON object's text), kept in
 * *last to tell later whether it moved. */
static void queue_event(struct stream *s, const char *name, const char *data, char **last)
{
	struct kh_strbuf ev;

	kh_strbuf_init(&ev, 0);
	kh_strbuf_addf(&ev, "event: %s\ndata: %s\n\n", name, data);
	queue(s, ev.buf);
	kh_strbuf_release(&ev);
	free(*last);
	*last = strdup(data);
}

/* What a stream is told: the to-do counts and the unread notifications,
 * each as JSON text (malloc'd; NULL when it could not be read). */
struct news {
	char *counts, *unread;
};

static void news_release(struct news *n)
{
	free(n->counts);
	free(n->unread);
}

/* The news of the actor of ctx. */
static void news_of(struct kh_ctx *ctx, struct news *out)
{
	struct kh_todo_counts c;
	struct kh_error err = {0};
	int64_t unread = 0;
	char buf[48];

	memset(out, 0, sizeof(*out));
	if (kh_todo_counts(ctx, &c, &err) == 0) {
		json_t *j = kh_todo_counts_json(&c);

		out->counts = j ? json_dumps(j, JSON_COMPACT) : NULL;
		json_decref(j);
	}
	if (kh_notif_unread(ctx, &unread, &err) == 0) {
		snprintf(buf, sizeof(buf), "{\"unread\":%lld}", (long long)unread);
		out->unread = strdup(buf);
	}
}

/* Under the lock: the parts of n that moved since they were last sent. */
static void queue_news(struct stream *s, const struct news *n)
{
	if (n->counts && (!s->last || strcmp(s->last, n->counts)))
		queue_event(s, "todos", n->counts, &s->last);
	if (n->unread && (!s->last_unread || strcmp(s->last_unread, n->unread)))
		queue_event(s, "notifications", n->unread, &s->last_unread);
}

static void news_for(struct kh_store *st, const struct kh_actor *actor, struct news *out)
{
	struct kh_ctx ctx;

	kh_ctx_init_system(&ctx, st);
	ctx.actor = *actor;
	news_of(&ctx, out);
	kh_ctx_release(&ctx);
}

/* Recount for every user with an open stream; push the counts that moved.
 * The counting runs without the lock; the streams are looked up again
 * after it, by user, since any may have closed meanwhile. */
static void recount(struct kh_events *ev, struct kh_store *st)
{
	struct kh_actor *actors = NULL;
	size_t n = 0, alloc;

	pthread_mutex_lock(&ev->lock);
	alloc = ev->nstreams;
	if (alloc && (actors = calloc(alloc, sizeof(*actors))))
		for (struct stream *s = ev->head; s && n < alloc; s = s->next) {
			size_t i = 0;

			while (i < n && actors[i].user_id != s->actor.user_id)
				i++;
			if (i == n)
				actors[n++] = s->actor;
		}
	pthread_mutex_unlock(&ev->lock);
	for (size_t i = 0; i < n; i++) {
		struct news news;

		news_for(st, &actors[i], &news);
		pthread_mutex_lock(&ev->lock);
		for (struct stream *s = ev->head; s; s = s->next)
			if (s->actor.user_id == actors[i].user_id && !s->ending)
				queue_news(s, &news);
		pthread_mutex_unlock(&ev->lock);
		news_release(&news);
	}
	free(actors);
}

static void *hub_main(void *arg)
{
	struct kh_events *ev = arg;
	struct kh_store *st = NULL;
	struct kh_error err = {0};
	struct timespec beat, at;

	now(&beat);
	beat.tv_sec += KH_EVENTS_HEARTBEAT_SECONDS;
	pthread_mutex_lock(&ev->lock);
	while (!ev->stopping) {
		const struct timespec *until = ev->dirty && !reached(&ev->due, &beat) ? &ev->due
										      : &beat;

		pthread_cond_timedwait(&ev->wake, &ev->lock, until);
		if (ev->stopping)
			break;
		now(&at);
		if (ev->dirty && reached(&at, &ev->due)) {
			ev->dirty = false;
			pthread_mutex_unlock(&ev->lock);
			/* a failed open is tried again at the next write */
			if (st || kh_store_open(ev->db_path, &st, &err) == 0)
				recount(ev, st);
			pthread_mutex_lock(&ev->lock);
		}
		if (reached(&at, &beat)) {
			for (struct stream *s = ev->head; s; s = s->next)
				queue(s, ": keep-alive\n\n");
			beat = at;
			beat.tv_sec += KH_EVENTS_HEARTBEAT_SECONDS;
		}
	}
	pthread_mutex_unlock(&ev->lock);
	kh_store_free(st);
	return NULL;
}

int kh_events_new(const char *db_path, struct kh_events **out, struct kh_error *err)
{
	struct kh_events *ev = calloc(1, sizeof(*ev));
	pthread_condattr_t ca;
	int rc;

	if (!ev || !(ev->db_path = strdup(db_path))) {
		free(ev);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	pthread_mutex_init(&ev->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&ev->wake, &ca);
	pthread_condattr_destroy(&ca);
	if ((rc = pthread_create(&ev->thread, NULL, hub_main, ev))) {
		kh_events_free(ev);
		return kh_error_set(err, KH_ENOMEM, "", "cannot start a thread: %s", strerror(rc));
	}
	ev->thread_started = true;
	*out = ev;
	return 0;
}

void kh_events_changed(struct kh_events *ev)
{
	if (!ev)
		return;
	pthread_mutex_lock(&ev->lock);
	/* Nobody listens: nothing to recount. The first write of a burst sets
	 * the time; the rest of the burst rides along. */
	if (ev->nstreams && !ev->dirty) {
		ev->dirty = true;
		now(&ev->due);
		add_ms(&ev->due, KH_EVENTS_DEBOUNCE_MS);
		pthread_cond_signal(&ev->wake);
	}
	pthread_mutex_unlock(&ev->lock);
}

void kh_events_end_streams(struct kh_events *ev)
{
	if (!ev)
		return;
	pthread_mutex_lock(&ev->lock);
	ev->streams_ending = true;
	for (struct stream *s = ev->head; s; s = s->next) {
		s->ending = true;
		wake_stream(s);
	}
	pthread_mutex_unlock(&ev->lock);
}

void kh_events_free(struct kh_events *ev)
{
	if (!ev)
		return;
	if (ev->thread_started) {
		pthread_mutex_lock(&ev->lock);
		ev->stopping = true;
		pthread_cond_signal(&ev->wake);
		pthread_mutex_unlock(&ev->lock);
		pthread_join(ev->thread, NULL);
	}
	/* libmicrohttpd has freed every stream's response by now, and with it
	 * the stream (stream_free); what is left was never queued. */
	while (ev->head) {
		struct stream *s = ev->head;

		ev->head = s->next;
		kh_strbuf_release(&s->pending);
		free(s->last);
		free(s->last_unread);
		free(s);
	}
	pthread_cond_destroy(&ev->wake);
	pthread_mutex_destroy(&ev->lock);
	free(ev->db_path);
	free(ev);
}

/* libmicrohttpd asks for the next bytes of the stream. */
static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *s = cls;
	struct kh_events *ev = s->hub;
	ssize_t n;

	pthread_mutex_lock(&ev->lock);
	if (s->pending.len) {
		n = (ssize_t)(s->pending.len < max ? s->pending.len : max);
		memcpy(buf, s->pending.buf, (size_t)n);
		memmove(s->pending.buf, s->pending.buf + n, s->pending.len - (size_t)n);
		kh_strbuf_setlen(&s->pending, s->pending.len - (size_t)n);
	} else if (s->ending || ev->streams_ending) {
		n = MHD_CONTENT_READER_END_OF_STREAM;
	} else {
		/* Nothing to say: park the connection until the hub has news. */
		s->suspended = true;
		MHD_suspend_connection(s->conn);
		n = 0;
	}
	pthread_mutex_unlock(&ev->lock);
	return n;
}

/* The response is gone (the connection closed): the stream leaves the hub. */
static void stream_free(void *cls)
{
	struct stream *s = cls;
	struct kh_events *ev = s->hub;

	pthread_mutex_lock(&ev->lock);
	if (s->prev)
		s->prev->next = s->next;
	else
		ev->head = s->next;
	if (s->next)
		s->next->prev = s->prev;
	ev->nstreams--;
	pthread_mutex_unlock(&ev->lock);
	kh_strbuf_release(&s->pending);
	free(s->last);
	free(s->last_unread);
	free(s);
}

int kh_h_events(struct kh_http_req *r, struct kh_error *err)
{
	struct kh_events *ev = r->events;
	struct kh_todo_counts c;
	struct news news = {0};
	struct stream *s;
	json_t *counts;
	char *text;
	int64_t unread = 0;
	char buf[48];
	int rc;

	static const char *const none[] = {NULL};

	if ((rc = kh_http_query_only(r, none, err)))
		return rc;
	if (!ev)
		return kh_error_set(err, KH_EIO, "", "internal error");
	if ((rc = kh_todo_counts(&r->ctx, &c, err)) ||
	    (rc = kh_notif_unread(&r->ctx, &unread, err)))
		return rc;
	snprintf(buf, sizeof(buf), "{\"unread\":%lld}", (long long)unread);
	counts = kh_todo_counts_json(&c);
	text = counts ? json_dumps(counts, JSON_COMPACT) : NULL;
	json_decref(counts);
	if (!text || !(s = calloc(1, sizeof(*s)))) {
		free(text);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	s->hub = ev;
	s->conn = r->conn;
	s->actor = r->ctx.actor;
	kh_strbuf_init(&s->pending, 0);
	/* the browser waits 3 s before it reconnects */
	kh_strbuf_adds(&s->pending, "retry: 3000\n\n");
	r->response = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, stream_read, s,
							stream_free);
	if (!r->response) {
		kh_strbuf_release(&s->pending);
		free(s);
		free(text);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	MHD_add_response_header(r->response, MHD_HTTP_HEADER_CONTENT_TYPE,
				"text/event-stream; charset=utf-8");
	/* proxies (nginx) must pass each event on as it comes */
	MHD_add_response_header(r->response, "X-Accel-Buffering", "no");
	pthread_mutex_lock(&ev->lock);
	news.counts = text;
	news.unread = buf;
	queue_news(s, &news);
	s->ending = ev->streams_ending;
	s->next = ev->head;
	if (ev->head)
		ev->head->prev = s;
	ev->head = s;
	ev->nstreams++;
	pthread_mutex_unlock(&ev->lock);
	free(text);
	r->status = 200;
	r->stream = true;
	return 0;
}
