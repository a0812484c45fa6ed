// Lines of an order or a contract (product, quantity, unit price → amount):
// the sums the forms show, in fen so that 0.1 + 0.2 stays 0.30, and the
// body the API takes (`[{product, quantity, unit_price?}]`).
export const cents = (v) => Math.round(Number(v || 0) * 100)
export const lineAmount = (l) => (cents(l.unit_price) * Number(l.quantity || 0)) / 100
export const linesTotal = (lines) => lines.reduce((n, l) => n + cents(l.unit_price) * Number(l.quantity || 0), 0) / 100
export const linesBody = (lines) =>
  lines.map((l) => ({ product: l.product, quantity: Number(l.quantity), ...(l.unit_price !== '' && l.unit_price != null ? { unit_price: String(l.unit_price) } : {}) }))
// The API's lines (product_id, quantity, unit_price) as the editor holds them.
export const editableLines = (lines) => (lines || []).map((l) => ({ product: l.product_id, quantity: l.quantity, unit_price: l.unit_price }))
// "lines[1].quantity" and the like: an error the line editor shows beside its cell.
export const isLineField = (f) => /^lines\[\d+\]\.(product|quantity|unit_price)$/.test(f || '')
