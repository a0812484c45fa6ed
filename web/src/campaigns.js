// What the campaign pages share: the tag colour of a status, the reasons an
// audience's contact is left out (in the API's order, "send" first), the
// actions each status allows (the API's state machine: spec issue 15),
// the e-mail address check of the test send, and the placeholders of a
// subject or body with their insertion where the cursor was.
import { nextTick, ref } from 'vue'

export const REASONS = ['send', 'no_address', 'unsubscribed', 'bounced', 'contact_cap', 'company_cap', 'duplicate', 'out_of_scope']

const STATUS_TYPES = { draft: 'info', scheduled: 'warning', sending: 'primary', paused: 'warning', sent: 'success', cancelled: 'danger' }
export const statusType = (s) => STATUS_TYPES[s] || 'info'

// draft: edit, delete, send, schedule; scheduled|sending: pause; paused:
// resume; all but sent and cancelled: cancel.
const ACTIONS = {
  draft: ['edit', 'send', 'schedule', 'cancel', 'delete'],
  scheduled: ['pause', 'cancel'],
  sending: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
  sent: [],
  cancelled: [],
}
export const actionsOf = (status) => ACTIONS[status] || []

// One address, as a form checks it before the server does.
export const isAddress = (s) => /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(String(s || '').trim())

// The placeholders the server fills in a subject or body: [token, label key
// under camp.ph].
export const PLACEHOLDERS = [
  ['salutation', 'salutation'], ['contact.name', 'contact_name'], ['contact.title', 'contact_title'], ['customer.name', 'customer_name'],
  ['owner.name', 'owner_name'], ['owner.email', 'owner_email'], ['owner.phone', 'owner_phone'], ['owner.signature', 'owner_signature'],
  ['unsubscribe_url', 'unsubscribe_url'],
]

// A placeholder click goes into the text field last focused, where its
// cursor is: remember(name, event) on the field's focus, insert(token) on the
// click (whose mousedown is prevented, so the field keeps the focus).
export function usePlaceholderInsert(form, first = 'body_text') {
  const last = ref(first)
  const fields = {}
  function remember(name, ev) {
    last.value = name
    if (ev?.target) fields[name] = ev.target
  }
  function insert(token) {
    const name = last.value
    const el = fields[name]
    const text = `{{${token}}}`
    const v = form[name] || ''
    const pos = el && typeof el.selectionStart === 'number' && el.selectionStart <= v.length ? el.selectionStart : v.length
    const end = el && typeof el.selectionEnd === 'number' && el.selectionEnd >= pos && el.selectionEnd <= v.length ? el.selectionEnd : pos
    form[name] = v.slice(0, pos) + text + v.slice(end)
    if (el && document.activeElement === el) nextTick(() => el.setSelectionRange(pos + text.length, pos + text.length))
  }
  return { remember, insert }
}
