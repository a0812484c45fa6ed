// Who is logged in, and the names the UI shows instead of ids. Names come
// from the user directory (GET /users/directory: every active colleague, for
// anyone logged in), so an owner, author or rep outside the caller's scope
// still shows by name. session.users keeps GET /users (the accounts in
// scope, with role and cap) for pickers, session.teams GET /teams.
import { reactive } from 'vue'
import { api, listAll, setCsrf } from './api.js'
import { t } from './i18n.js'
import { formatTime } from './ui.js'

export const session = reactive({
  me: null,
  users: new Map(),
  directory: new Map(),
  teams: new Map(),
  settings: null,
  loaded: false,
})

export async function loadMe() {
  try {
    session.me = await api.get('/me')
  } catch (e) {
    session.me = null
    if (e.status !== 401) throw e
  }
  return session.me
}

export async function loadDirectory(force = false) {
  if (session.loaded && !force) return
  const [users, teams, directory] = await Promise.all([
    listAll('/users'),
    listAll('/teams'),
    api.get('/users/directory').then((r) => r.items, () => []),
  ])
  session.users = new Map(users.map((u) => [u.id, u]))
  session.teams = new Map(teams.map((x) => [x.id, x]))
  session.directory = new Map(directory.map((u) => [u.id, u]))
  session.loaded = true
}

export async function loadSettings() {
  if (!session.settings) session.settings = await api.get('/settings')
  return session.settings
}

export async function login(loginName, password) {
  const r = await api.post('/login', { login: loginName, password })
  setCsrf(r.csrf_token)
  session.me = r.user
  session.loaded = false
  session.settings = null
  return r.user
}

export async function logout() {
  try {
    await api.action('/logout')
  } catch {
    /* the session may have ended already */
  }
  setCsrf(null)
  session.me = null
  session.loaded = false
  session.users = new Map()
  session.directory = new Map()
  session.teams = new Map()
  session.settings = null
}

export function userName(id) {
  if (id === null || id === undefined) return t('common.pool')
  const u = session.directory.get(id) || session.users.get(id)
  // Only a deactivated or deleted account is in neither list.
  if (!u) return t('common.formerUser')
  return u.display_name || u.login
}

export function teamName(id) {
  if (id === null || id === undefined) return '—'
  const x = session.teams.get(id)
  if (x) return x.name
  for (const u of session.directory.values()) if (u.team_id === id && u.team) return u.team
  return '—'
}

export function isManager() {
  return session.me && (session.me.role === 'manager' || session.me.role === 'admin')
}

// A visit plan (kind visit with a purpose) the caller may approve: managers
// and admins, not its author, once (approved or rejected). The API checks the
// scope (403 otherwise).
export function canApprove(a) {
  return !!(a && isManager() && a.kind === 'visit' && a.purpose && !a.approved_by && !a.rejected_by && a.user !== session.me.id)
}

// "已驳回 · 李经理 · 2026-12-01：原因" for a rejected plan, '' otherwise.
export function rejectionText(a) {
  if (!a || !a.rejected_by) return ''
  return t('appr.rejectedBy', { name: userName(a.rejected_by), date: formatTime(a.rejected_at).slice(0, 10), c: a.reject_comment || '' })
}

// "已审批 · 李经理 · 2026-12-01" for an approved plan, '' otherwise.
export function approvalText(a) {
  if (!a || !a.approved_by) return ''
  return t('visit.approvedBy', { name: userName(a.approved_by), date: formatTime(a.approved_at).slice(0, 10) })
}
