// The server-sent event stream (GET /api/v1/events), opened once after login
// by the layout and closed on logout: `todos` events carry the caller's to-do
// counts, which the menu badge and the 待办 page show; `notifications` events
// the number of unread notifications, the header bell's badge. EventSource sends the
// session cookie and reconnects by itself after a dropped connection (the
// server asks for 3 s); when the browser gives up (the stream closed, e.g.
// the server restarted), it is opened again after a pause.
import { reactive } from 'vue'

export const todoCounts = reactive({ total: 0, kinds: {}, seen: 0 })
export const notifCounts = reactive({ unread: 0, seen: 0 })

let source = null
let retry = null

function apply(data) {
  const { total, ...kinds } = data
  todoCounts.total = total
  todoCounts.kinds = kinds
  todoCounts.seen++
}

export function openEvents() {
  if (source || typeof EventSource === 'undefined') return
  source = new EventSource('/api/v1/events')
  source.addEventListener('todos', (e) => {
    try {
      apply(JSON.parse(e.data))
    } catch {
      /* a malformed event is skipped */
    }
  })
  source.addEventListener('notifications', (e) => {
    try {
      notifCounts.unread = JSON.parse(e.data).unread || 0
      notifCounts.seen++
    } catch {
      /* a malformed event is skipped */
    }
  })
  source.onerror = () => {
    if (source && source.readyState === EventSource.CLOSED) {
      source = null
      retry = setTimeout(() => {
        retry = null
        openEvents()
      }, 5000)
    }
  }
}

export function closeEvents() {
  if (retry) clearTimeout(retry)
  retry = null
  if (source) source.close()
  source = null
  todoCounts.total = 0
  todoCounts.kinds = {}
  notifCounts.unread = 0
}
