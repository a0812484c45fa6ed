// Who is logged in, and the names the UI shows instead of ids: the users
// and teams the caller may see (GET /users answers only those in scope, so
// an owner outside it is shown as "other", never as a number).
import { reactive } from 'vue'
import { api, listAll, setCsrf } from './api.js'
import { t } from './i18n.js'

export const session = reactive({
  me: null,
  users: new Map(),
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
  const [users, teams] = await Promise.all([listAll('/users'), listAll('/teams')])
  session.users = new Map(users.map((u) => [u.id, u]))
  session.teams = new Map(teams.map((x) => [x.id, x]))
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
  session.teams = new Map()
  session.settings = null
}

export function userName(id) {
  if (id === null || id === undefined) return t('common.pool')
  const u = session.users.get(id)
  if (!u) return t('common.unknown')
  return u.display_name || u.login
}

export function teamName(id) {
  if (id === null || id === undefined) return '—'
  const x = session.teams.get(id)
  return x ? x.name : t('common.unknown')
}

export function isManager() {
  return session.me && (session.me.role === 'manager' || session.me.role === 'admin')
}
