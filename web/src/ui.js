// Small shared pieces of the pages: the phone-width flag, date helpers and
// the customer-list filters the API supports (read from its OpenAPI).
import { ref, onMounted, onBeforeUnmount } from 'vue'
import { api } from './api.js'

export function useNarrow(limit = 768) {
  const narrow = ref(typeof window !== 'undefined' && window.innerWidth < limit)
  const onResize = () => (narrow.value = window.innerWidth < limit)
  onMounted(() => window.addEventListener('resize', onResize))
  onBeforeUnmount(() => window.removeEventListener('resize', onResize))
  return narrow
}

export function today() {
  const d = new Date()
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

export function daysSince(date) {
  if (!date) return null
  const then = new Date(date + 'T00:00:00')
  const now = new Date(today() + 'T00:00:00')
  return Math.round((now - then) / 86400000)
}

// "2026-12-01T11:17:17Z" → "2026-12-01 19:17" in the browser's zone.
export function formatTime(ts) {
  if (!ts) return ''
  const d = new Date(ts)
  if (Number.isNaN(d.getTime())) return ts
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

let openapi = null
// The query parameters the list GET path accepts (/customers, /contacts),
// from /openapi.json (read once); none when it cannot be read.
export async function listParams(path) {
  openapi ||= api.get('/openapi.json')
  try {
    const op = (await openapi).paths['/api/v1' + path].get
    return new Set((op.parameters || []).map((p) => p.name))
  } catch {
    return new Set()
  }
}
// The query parameters GET /customers accepts.
export const customerListParams = () => listParams('/customers')

// Download href (a file the server answers with Content-Disposition) without
// leaving the page: an <a download> clicked once.
export function downloadFile(href) {
  const a = document.createElement('a')
  a.href = href
  a.download = ''
  document.body.appendChild(a)
  a.click()
  a.remove()
}
