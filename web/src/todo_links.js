// Where a to-do item (or a notification of one) lives in the UI: the 待办
// page and the header's notifications both link there.
export function itemLink(it) {
  if (it.type === 'activity') return { name: 'visit-edit', params: { id: it.ref_id } }
  if (it.type === 'lead') return { name: 'leads' }
  if (it.type === 'contract') return { name: 'contracts' }
  if (it.type === 'receivable') return { name: 'receipts' }
  if (it.customer_id) return { name: 'customer', params: { id: it.customer_id } }
  return null
}
