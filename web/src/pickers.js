// Suggestions for the customer pickers: GET /search (name, pinyin, initials,
// phone digits; only customers the caller may see), one entry per customer,
// a contact's hit standing for its customer.
import { api } from './api.js'

export async function searchCustomers(q) {
  if (!q || !q.trim()) return []
  const r = await api.get('/search', { q: q.trim(), limit: 20 })
  const seen = new Set()
  const out = []
  for (const h of r.items) {
    const cid = h.type === 'customer' ? h.id : h.customer_id
    if (seen.has(cid)) continue
    seen.add(cid)
    out.push({ value: h.type === 'customer' ? h.name : h.customer_name, id: cid })
  }
  return out
}

// The same for el-autocomplete's fetch-suggestions(q, cb); errors give no suggestion.
export function customerSuggestions(q, cb) {
  searchCustomers(q).then(cb, () => cb([]))
}
