// The browser half of bench/ui.sh (which prepares the databases and servers).
//
//   node bench/ui.mjs seed URL OPEN     add opportunities through the API (as
//                                       admin) until OPEN are open
//   node bench/ui.mjs pages BASE NEW RUNS
//                                       time every page on both servers
//                                       (PAGES=pipeline,customers: only those;
//                                       UI_TIMEOUT ms a load may take, 60000)
//
// A page is timed from the start of its navigation (a fresh page in a
// logged-in browser context, so the app boots as on a reload; the public
// pages login and setup in a context without a session) to three points,
// all read in the page's own clock (performance.now()):
//   content: its main content is visible (the page's `ready` element has a
//            size) and no loading mask shows anywhere;
//   click:   at that moment a real mouse click (CDP, as a user's) is sent to
//            the page's `click` element; it counts when the click's handler
//            has run or, for pages with an `expect`, when the element the
//            click opens is visible. A main thread still busy rendering or
//            parsing delays it, so this is "shown and answering";
//   idle:    the network is idle: no request of the page (API call, script,
//            stylesheet) has been in flight for QUIET ms (250) after the
//            click was answered; idle is the end of the last response.
// usable = the later of click and idle: the page shows its main content,
// answers a click, and has everything it asked for (a dashboard is usable
// when its last chart's report has arrived, not when the first KPI shows).
// The "search" row is timed from the Enter in the customer list's search box
// (the list loaded before) to the same three points for the list it shows.
// Each page is loaded once to warm up, then RUNS times per server, the two
// servers taking turns; the medians are printed side by side.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { chromium } = createRequire(join(root, 'web', 'package.json'))('playwright-core')
const PASSWORD = process.env.KEHU_UI_PASSWORD || 'ui-bench-password-1'
const CHROMIUM = process.env.KEHU_CHROMIUM || '/usr/bin/chromium'
const TIMEOUT = Number(process.env.UI_TIMEOUT || 60000)
const ONLY = process.env.PAGES ? process.env.PAGES.split(',') : null
const QUIET = 250
const OPEN_STAGES = ['lead', 'qualified', 'proposal', 'negotiation']

// ---- a tiny API client (cookie session, CSRF token) ---------------------
async function apiLogin(url, login) {
  const r = await fetch(url + '/api/v1/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password: PASSWORD }),
  })
  if (r.status !== 200) throw new Error(`login ${login}: ${r.status} ${await r.text()}`)
  const cookie = r.headers.get('set-cookie').split(';')[0]
  const { csrf_token: csrf, user } = await r.json()
  const call = async (method, path, body) => {
    const res = await fetch(url + '/api/v1' + path, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    return res.status === 204 ? null : res.json()
  }
  return { user, get: (p) => call('GET', p), post: (p, b) => call('POST', p, b) }
}

async function openCount(api) {
  let n = 0
  for (const stage of OPEN_STAGES) n += (await api.get(`/opportunities?stage=${stage}&per_page=1`)).total
  return n
}

async function seed(url, want) {
  const api = await apiLogin(url, 'admin')
  let open = await openCount(api)
  console.log(`== ${open} open opportunities; ${Math.max(0, want - open)} to add`)
  const customers = (await api.get('/customers?per_page=500')).items.filter((c) => c.owner)
  for (let i = 0; open < want; i++, open++) {
    const c = customers[i % customers.length]
    await api.post('/opportunities', {
      customer: c.id, owner: c.owner, name: `基准商机 ${i + 1}`, stage: OPEN_STAGES[i % OPEN_STAGES.length],
      amount: String(1000 + (i * 7919) % 500000), probability: [10, 25, 50, 75][i % 4],
    })
  }
  console.log(`== ${await openCount(api)} open opportunities`)
}

// ---- the pages ------------------------------------------------------------
// ready: the main content; click: where the user clicks; expect: what the click
// opens; admin: only for admins; public: without a session; search: the term
// typed into the page's search box (timed from the Enter).
function pagesFor(ids) {
  const table = (t) => `[data-test=${t}] .el-table__body tr.el-table__row`
  const pages = [
    { name: 'login', path: '/login', ready: '[data-test=login]', click: '[data-test=login]', public: true },
    { name: 'setup', path: '/setup', ready: '[data-test=setup-token]', click: '[data-test=setup-token]', public: true },
    { name: 'dashboard', path: '/dashboard', ready: '[data-test^=kpi-]', click: '[data-test=dash-kpis]' },
    { name: 'customers', path: '/customers', ready: table('customer-table'), click: table('customer-table') },
    { name: 'search', path: '/customers', ready: table('customer-table'), click: table('customer-table'), search: 'zhang' },
    { name: 'customer 360', path: `/customers/${ids.customer}`, ready: '[data-test=customer-name]', click: '[data-test=customer-name]' },
    { name: 'pool', path: '/pool', ready: '[data-test=pool-table]', click: '[data-test=pool-table]' },
    { name: 'visits', path: '/visits', ready: '[data-test=visits-planned]', click: '[data-test=visits-planned]' },
    { name: 'visit form', path: '/visits/new', ready: '[data-test=page-visit-form]', click: '[data-test=page-visit-form]' },
    { name: 'pipeline', path: '/pipeline', ready: '[data-test=opp-card]', click: '[data-test=opp-card] [data-test=opp-move]', expect: '[data-test=move-menu], .el-dropdown-menu' },
    { name: 'settings', path: '/settings', ready: '[data-test=settings-thresholds] [data-test^=setting-]', click: '[data-test=settings-thresholds]' },
  ]
  if (ids.phone) pages.splice(6, 0, { name: 'incoming call', path: `/call?phone=${encodeURIComponent(ids.phone)}`, ready: '[data-test=customer-name]', click: '[data-test=customer-name]' })
  if (ids.visit) pages.splice(-2, 0, { name: 'visit edit', path: `/visits/${ids.visit}`, ready: '[data-test=visit-customer-picked]', click: '[data-test=page-visit-form]' })
  return pages
}

const probe = () => {
  window.__bench = { click: null }
  document.addEventListener('click', (e) => {
    if (e.isTrusted && window.__bench.click === null) window.__bench.click = performance.now()
  }, true)
}

// One match visible with a size, and no loading mask (but one fading out) anywhere.
function shown(sel) {
  const sized = (e) => {
    const r = e.getBoundingClientRect()
    return r.width > 0 && r.height > 0
  }
  if (![...document.querySelectorAll(sel)].some(sized)) return false
  const masks = [...document.querySelectorAll('.el-loading-mask')]
    .filter((m) => !m.className.includes('leave') && getComputedStyle(m).display !== 'none')
  return masks.length === 0 ? performance.now() : false
}

// Requests of a tab in flight, and a promise of QUIET ms without any.
function watchNetwork(tab) {
  let inflight = 0
  let last = Date.now()
  const done = () => {
    inflight--
    last = Date.now()
  }
  tab.on('request', () => inflight++)
  tab.on('requestfinished', done)
  tab.on('requestfailed', done)
  return async () => {
    const until = Date.now() + TIMEOUT
    while (inflight > 0 || Date.now() - last < QUIET) {
      if (Date.now() > until) throw new Error('network never idle')
      await new Promise((r) => setTimeout(r, 20))
    }
    // The end of the last response, in the page's clock.
    return tab.evaluate(() => Math.max(...performance.getEntriesByType('resource').map((e) => e.responseEnd),
      performance.getEntriesByType('navigation')[0]?.responseEnd || 0))
  }
}

// content, click and idle of a page shown in tab (see the header).
async function timeShown(tab, page, idle) {
  const content = await (await tab.waitForFunction(shown, page.ready, { polling: 'raf', timeout: TIMEOUT })).jsonValue()
  const box = await tab.locator(page.click).first().boundingBox()
  await tab.mouse.click(box.x + Math.min(8, box.width / 2), box.y + Math.min(8, box.height / 2))
  let click = await (await tab.waitForFunction(() => window.__bench.click, null, { polling: 'raf', timeout: TIMEOUT })).jsonValue()
  if (page.expect) click = await (await tab.waitForFunction(shown, page.expect, { polling: 'raf', timeout: TIMEOUT })).jsonValue()
  const end = await idle()
  return { content, usable: Math.max(click, end) }
}

async function timeLoad(context, base, page) {
  const tab = await context.newPage()
  try {
    await tab.addInitScript(probe)
    const idle = watchNetwork(tab)
    await tab.goto(base + page.path, { waitUntil: 'commit', timeout: TIMEOUT })
    const loaded = await timeShown(tab, page, idle)
    if (!page.search) return loaded
    // The search: from the Enter to the list it finds (the click counted afresh).
    await tab.evaluate(() => (window.__bench.click = null))
    const box = tab.locator('[data-test=customer-search]')
    await box.fill(page.search)
    const t0 = await tab.evaluate(() => performance.now())
    await Promise.all([
      tab.waitForResponse((r) => r.url().includes('/api/v1/customers?') && r.url().includes('q=')),
      box.press('Enter'),
    ])
    const found = await timeShown(tab, page, idle)
    return { content: found.content - t0, usable: found.usable - t0 }
  } finally {
    await tab.close()
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

async function loggedIn(browser, url, login) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  if (!login) return context
  const r = await context.request.post(url + '/api/v1/login', { data: { login, password: PASSWORD } })
  if (r.status() !== 200) throw new Error(`login ${login} at ${url}: ${r.status()}`)
  const { csrf_token: csrf } = await r.json()
  await context.addInitScript((t) => localStorage.setItem('kehu.csrf', t), csrf)
  return context
}

// A customer of the rep (with its phone) and a visit of theirs, from the
// views of their first customers (a list of visits by user is slow at 1M).
async function pickIds(api) {
  const mine = (await api.get(`/customers?owner=${api.user.id}&per_page=20`)).items
  const ids = { customer: mine[0].id, phone: mine[0].phone }
  for (const c of mine) {
    const visit = (await api.get(`/customers/${c.id}/view`)).activities.find((a) => a.kind === 'visit' && a.user === api.user.id)
    if (visit) return { ...ids, visit: visit.id }
  }
  return ids
}

const fmt = (n) => String(n).padStart(6)

async function pages(baseUrl, newUrl, runs) {
  const ids = await pickIds(await apiLogin(newUrl, 'wangwei'))
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] })
  const rows = []
  try {
    // The public pages once, without a session; the others as each user.
    for (const login of ['', 'admin', 'wangwei']) {
      const ctx = { base: await loggedIn(browser, baseUrl, login), new: await loggedIn(browser, newUrl, login) }
      for (const page of pagesFor(ids)) {
        if (!page.public !== !!login || (ONLY && !ONLY.includes(page.name))) continue
        const got = { base: [], new: [] }
        for (let i = 0; i <= runs; i++) {
          for (const which of ['base', 'new']) {
            // A load past TIMEOUT counts as TIMEOUT (the median then reads ">=").
            const t = await timeLoad(ctx[which], which === 'base' ? baseUrl : newUrl, page).catch((e) => {
              console.error(`  ${page.name} ${which}: ${e.message.split('\n')[0]}`)
              return { content: TIMEOUT, usable: TIMEOUT }
            })
            if (i > 0) got[which].push(t) // the first load warms up
          }
        }
        const m = (which, k) => Math.round(median(got[which].map((t) => t[k])))
        const row = { page: page.name, user: login || '-', base: { content: m('base', 'content'), usable: m('base', 'usable') }, new: { content: m('new', 'content'), usable: m('new', 'usable') }, runs }
        rows.push(row)
        console.log(`${row.page.padEnd(14)} ${row.user.padEnd(8)} base content ${fmt(row.base.content)} usable ${fmt(row.base.usable)}   new content ${fmt(row.new.content)} usable ${fmt(row.new.usable)}  (ms, median of ${runs})`)
      }
      await ctx.base.close()
      await ctx.new.close()
    }
  } finally {
    await browser.close()
  }
  return rows
}

const [cmd, ...args] = process.argv.slice(2)
if (cmd === 'seed') await seed(args[0], Number(args[1]))
else if (cmd === 'pages') await pages(args[0], args[1], Number(args[2] || 5))
else {
  console.error('usage: node bench/ui.mjs seed URL OPEN | pages BASE_URL NEW_URL RUNS')
  process.exit(2)
}
