/*
 * events.h: the server-sent event stream (GET /api/v1/events) and its hub.
 * An open stream holds no worker thread: its response is fed by a content
 * reader callback that, with nothing to send, suspends the connection
 * (MHD_suspend_connection) and returns 0; the hub resumes it when it has
 * something to say. The hub keeps the open streams; on connect a stream gets
 * `event: todos` with the caller's to-do counts and `event: notifications`
 * with their unread notifications ({"unread": N}); after a write through the
 * API or a reminder run (debounced) the hub's own thread recomputes both for
 * each user with an open stream and pushes what changed; a comment every
 * KH_EVENTS_HEARTBEAT_SECONDS keeps proxies and the idle timeout quiet (and
 * finds streams whose client has gone, which a suspended connection does
 * not notice).
 */
#ifndef KH_HTTP_EVENTS_H
#define KH_HTTP_EVENTS_H

#include "base/error.h"

#define KH_EVENTS_HEARTBEAT_SECONDS 15
#define KH_EVENTS_DEBOUNCE_MS 200
/* Bytes a stream may have waiting for a client that does not read: past
 * them the stream ends (the browser reconnects). */
#define KH_EVENTS_PENDING_MAX (64 * 1024)

struct kh_events;
struct kh_http_req;

/* A hub over the database at db_path, with its thread started (call with
 * the termination signals blocked). */
int kh_events_new(const char *db_path, struct kh_events **out, struct kh_error *err);
/* Something was written: counts may have changed (cheap; any thread). */
void kh_events_changed(struct kh_events *ev);
/* End every stream (their connections are resumed and finish), and every
 * stream opened from now on; before MHD_stop_daemon, which must not meet a
 * suspended connection. Accepts NULL. */
void kh_events_end_streams(struct kh_events *ev);
/* Stop the thread and free; after MHD_stop_daemon. Accepts NULL. */
void kh_events_free(struct kh_events *ev);

/* The handler of GET /api/v1/events (r->events is the hub). */
int kh_h_events(struct kh_http_req *r, struct kh_error *err);

#endif
