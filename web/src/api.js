// The one way the UI talks to kehu: fetch with the session cookie, the CSRF
// token on every change, the UI's language as Accept-Language (so the
// server's messages come in 中文 or English), JSON in and out, and errors
// turned into ApiError with the server's {code, reason, message, field}. A
// 401 sends the user to the login page (once), keeping where they were.
import { lang, fieldLabel } from './i18n.js'
import { messages } from './messages.js'

const CSRF_KEY = 'kehu.csrf'

// The entity whose field labels name an error's field, from the path.
const ENTITIES = { customers: 'customer', contacts: 'contact', activities: 'activity', leads: 'lead', visits: 'activity', opportunities: 'opportunity', pipeline: 'opportunity', reports: 'report', campaigns: 'campaign', greetings: 'greeting', consent: 'consent' }
function entityOf(path) {
  const parts = String(path || '').split('?')[0].split('/').filter((p) => p && !/^\d+$/.test(p))
  for (let i = parts.length - 1; i >= 0; i--) if (ENTITIES[parts[i]]) return ENTITIES[parts[i]]
  return ''
}

// The label of field for people: the path's entity's, else the first
// entity that has the field; '' when no entity labels it.
export function errorFieldLabel(field, path) {
  if (!field) return ''
  const base = field.split(/[.[]/)[0]
  const entity = entityOf(path)
  const tried = entity ? [entity, ...Object.keys(messages.zh.field)] : Object.keys(messages.zh.field)
  for (const e of tried) {
    const l = fieldLabel(e, base)
    if (l !== base) return l
  }
  return ''
}

// The message to show away from its field: the field's label first. A 中文
// message leaves out the field (the server's catalogue), so it gets
// "标签：" before it; an English one starts with the field's API name,
// which becomes its label.
export function labelled(message, field, path) {
  const label = errorFieldLabel(field, path)
  if (!label || !message || message.includes(label)) return message
  if (lang.value === 'en') {
    if (message.startsWith(field)) return label + message.slice(field.length)
    return `${label}: ${message}`
  }
  return `${label}：${message}`
}

export class ApiError extends Error {
  constructor(status, body, path) {
    const e = (body && body.error) || {}
    const message = e.message || `HTTP ${status}`
    super(labelled(message, e.field || '', path))
    // message: for a toast, with the field's label; inline: beside the
    // field (an English one's API name made its label).
    this.inline = lang.value === 'en' ? this.message : message
    this.status = status
    this.code = e.code || (status === 0 ? 'network' : 'error')
    this.reason = e.reason || this.code
    this.field = e.field || ''
    // A refused duplicate (code "duplicate"): the record it would duplicate.
    this.duplicate = e.duplicate || null
    // A pool rule's refusal also says it in Chinese (message_zh).
    this.messageZh = e.message_zh || ''
  }
}

let onUnauthenticated = null
export function setUnauthenticatedHandler(fn) {
  onUnauthenticated = fn
}

export function setCsrf(token) {
  if (token) localStorage.setItem(CSRF_KEY, token)
  else localStorage.removeItem(CSRF_KEY)
}

function query(params) {
  if (!params) return ''
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    q.append(k, String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

export async function request(method, path, { params, body, file } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': lang.value === 'en' ? 'en' : 'zh-CN' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (file !== undefined) headers['Content-Type'] = file.type || 'application/octet-stream'
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = localStorage.getItem(CSRF_KEY)
    if (csrf) headers['X-CSRF-Token'] = csrf
  }
  let resp
  try {
    resp = await fetch(`/api/v1${path}${query(params)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: file !== undefined ? file : body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (e) {
    throw new ApiError(0, { error: { code: 'network', message: e.message } })
  }
  if (resp.status === 204) return null
  let data = null
  const text = await resp.text()
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }
  if (!resp.ok) {
    const err = new ApiError(resp.status, data, path)
    // A session that ended (expired, password changed) or a lost CSRF token.
    if ((resp.status === 401 || (resp.status === 403 && err.field === 'X-CSRF-Token')) &&
        !path.startsWith('/login') && !path.startsWith('/setup') && onUnauthenticated) {
      onUnauthenticated()
    }
    throw err
  }
  return data
}

export const api = {
  get: (path, params) => request('GET', path, { params }),
  post: (path, body) => request('POST', path, { body: body === undefined ? {} : body }),
  patch: (path, body) => request('PATCH', path, { body }),
  put: (path, body) => request('PUT', path, { body }),
  del: (path) => request('DELETE', path),
  // POST routes that take no body must be sent without one.
  action: (path) => request('POST', path),
  // A file as the whole body (imports), with the arguments in the query.
  upload: (path, params, file) => request('POST', path, { params, file }),
}

// Fetch every page of a collection (for small reference lists: users, teams, contacts).
export async function listAll(path, params = {}, max = 2000) {
  const items = []
  for (let page = 1; ; page++) {
    const r = await api.get(path, { ...params, page, per_page: 500 })
    items.push(...r.items)
    if (items.length >= r.total || r.items.length === 0 || items.length >= max) break
  }
  return items
}
