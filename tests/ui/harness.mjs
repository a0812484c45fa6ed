// Test harness of the browser tests: a demo database with known passwords,
// a real `kehu serve` on a free port, Debian's chromium through
// playwright-core (from web/node_modules: no browser download), pages that
// record console errors, and screenshots under KEHU_UI_SHOTS.
import { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const require = createRequire(join(root, 'web', 'package.json'))
export const { chromium } = require('playwright-core')

export const KEHU = process.env.KEHU_BIN || join(root, 'build', 'kehu')
export const SHOTS = process.env.KEHU_UI_SHOTS || join(root, 'build', 'ui-screenshots')
export const CHROMIUM = process.env.KEHU_CHROMIUM || '/usr/bin/chromium'
export const PASSWORD = 'ui-test-password-1'

export function kehu(db, args, input) {
  const r = spawnSync(KEHU, ['--db', db, ...args], { input, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`kehu ${args.join(' ')} failed: ${r.stderr}`)
  return r.stdout
}

// A temporary demo database: 300 customers, known passwords for some users.
export function demoDb(users = ['admin', 'manager', 'wangwei', 'lina']) {
  const dir = mkdtempSync(join(tmpdir(), 'kehu-ui-'))
  const db = join(dir, 'ui.db')
  kehu(db, ['demo', '--customers', '300', '--seed', '11'])
  for (const u of users) kehu(db, ['user', 'passwd', u], PASSWORD + '\n')
  return { dir, db, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

// Start `kehu serve --port 0`; resolves when it prints where it listens.
// Also collects stderr (the setup token of an empty database is there).
export function startServer(db) {
  return new Promise((resolve, reject) => {
    const proc = spawn(KEHU, ['--db', db, 'serve', '--port', '0', '--threads', '4'], { stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    const timer = setTimeout(() => reject(new Error('kehu serve did not start: ' + err)), 20000)
    proc.stderr.setEncoding('utf8')
    proc.stderr.on('data', (chunk) => {
      err += chunk
      const m = err.match(/listening on (http:\/\/[^\s]+)/)
      if (m && !proc.url) {
        proc.url = m[1]
        clearTimeout(timer)
        resolve({
          url: m[1],
          stderr: () => err,
          stop: () => new Promise((res) => {
            if (proc.exitCode !== null) return res()
            proc.once('exit', res)
            proc.kill('SIGTERM')
          }),
        })
      }
    })
    proc.on('exit', (code) => {
      clearTimeout(timer)
      if (!proc.url) reject(new Error(`kehu serve exited ${code}: ${err}`))
    })
  })
}

export async function launch() {
  mkdirSync(SHOTS, { recursive: true })
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] })
}

export const DESKTOP = { width: 1366, height: 768 }
export const PHONE = { width: 390, height: 844 }

// A page whose console errors and uncaught exceptions are kept in
// page.errors; expected HTTP errors (e.g. a 404 we test for) can be
// allowed with page.allow(regexp). The event stream (GET /api/v1/events)
// is answered by an empty one that asks to be retried in ten minutes unless
// events is true: playwright-core 1.61 counts an open EventSource as a
// request in flight, so 'networkidle' (settle) would never come; a test of
// the live stream (todos.test.mjs) waits on what the page shows instead.
export async function newPage(browser, baseURL, viewport = DESKTOP, { events = false } = {}) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  if (!events)
    await context.route('**/api/v1/events', (route) => route.fulfill({
      status: 200, contentType: 'text/event-stream', body: 'retry: 600000\n\n',
    }))
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  page.errors = []
  const allowed = []
  page.allow = (re) => allowed.push(re)
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    const text = msg.text()
    if (!allowed.some((re) => re.test(text))) page.errors.push(text)
  })
  page.on('pageerror', (e) => page.errors.push('pageerror: ' + e.message))
  return page
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: true })
}

// Wait until the app has no request in flight and no loading mask shows.
export async function settle(page) {
  await page.waitForLoadState('networkidle')
  await page.locator('.el-loading-mask').first().waitFor({ state: 'detached', timeout: 15000 }).catch(() => {})
}

// Log in: the app lands on the home page, a rep's or a manager's
// (home.test.mjs), where loginHome leaves it; login then opens the
// dashboard, where the other tests start.
export async function loginHome(page, user, password = PASSWORD) {
  await page.goto('/login')
  await field(page, 'login').fill(user)
  await field(page, 'password').fill(password)
  await Promise.all([page.waitForURL(/\/home$/), page.locator('[data-test=login-submit]').click()])
  await page.locator('[data-test=page-home]').waitFor()
  await settle(page)
}

export async function login(page, user, password = PASSWORD) {
  await loginHome(page, user, password)
  await page.goto('/dashboard')
  await page.locator('[data-test=page-dashboard]').waitFor()
  await settle(page)
}

// Log in on a page that keeps its event stream open (newPage's events:
// true): no 'networkidle' ever comes, so wait on what the page shows.
export async function loginLive(page, user, password = PASSWORD) {
  await page.goto('/login')
  await field(page, 'login').fill(user)
  await field(page, 'password').fill(password)
  await Promise.all([page.waitForURL(/\/home$/), page.locator('[data-test=login-submit]').click()])
  await page.locator('[data-test=page-home]').waitFor()
}

// Pick an option of an Element Plus select by its visible text.
export async function choose(page, selectTestId, text) {
  await pick(page, page.locator(`[data-test=${selectTestId}]`), text)
}

// Open the select `select` (a locator) and click its option with `text`.
// A select closed a moment ago keeps its dropdown visible while it fades
// out, and that dropdown may hold the same option: wait until it is gone,
// so that the only visible dropdown is the one just opened.
export async function pick(page, select, text) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.el-select-dropdown')].every((d) => !d.checkVisibility()))
  await select.click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: text }).first().click()
}

// The text box of an Element Plus input or textarea by its data-test: the
// attribute lands on the <input>/<textarea> itself (el-input passes
// attributes through), or on a wrapper.
export function field(page, id) {
  return page.locator(`input[data-test="${id}"], textarea[data-test="${id}"], [data-test="${id}"] input, [data-test="${id}"] textarea`).first()
}

// Change settings as the admin (PATCH /settings, values as text), in a page
// of its own that is closed again.
export async function adminSettings(suite, data) {
  const admin = await suite.page()
  await login(admin, 'admin')
  const patch = await admin.context().request.patch('/api/v1/settings', {
    data,
    headers: { 'X-CSRF-Token': await admin.evaluate(() => localStorage.getItem('kehu.csrf')) },
  })
  assert.equal(patch.status(), 200, await patch.text())
  await admin.context().close()
}

// One demo database, server and browser for a test file: registers the
// file's before/after hooks and returns what they set up (suite.env,
// suite.server, suite.browser); suite.page(viewport) opens a page on it.
export function demoSuite() {
  const suite = {}
  before(async () => {
    suite.env = demoDb()
    suite.server = await startServer(suite.env.db)
    suite.browser = await launch()
  })
  after(async () => {
    await suite.browser?.close()
    await suite.server?.stop()
    suite.env?.cleanup()
  })
  suite.page = (viewport = DESKTOP, opts) => newPage(suite.browser, suite.server.url, viewport, opts)
  return suite
}

export function noErrors(page, where) {
  assert.deepEqual(page.errors, [], `console errors on ${where}`)
}

// The API through the page's session (cookie, CSRF token), as the UI itself calls it.
export async function apiOf(page) {
  const req = page.context().request
  const csrf = await page.evaluate(() => localStorage.getItem('kehu.csrf'))
  const check = async (r) => {
    assert.ok(r.ok(), `${r.url()}: ${r.status()} ${await r.text()}`)
    return r.json()
  }
  return {
    get: async (path) => check(await req.get('/api/v1' + path)),
    post: async (path, data) => check(await req.post('/api/v1' + path, { data, headers: { 'X-CSRF-Token': csrf } })),
  }
}
