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
// logged-in browser context, so the app boots as on a reload) to two points,
// both read in the page's own clock (performance.now()):
//   content: its main content is visible (the page's `ready` element has a
//            size) and no loading mask shows anywhere;
//   usable:  at that moment a real mouse click (CDP, as a user's) is sent to
//            the page's `click` element; usable is when the click's handler
//            has run or, for pages with an `expect`, when the element the
//            click opens is visible. A main thread still busy rendering or
//            parsing delays it, so this is "shown and answering".
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
// ready: the main content; click: where the user clicks; expect: what the click opens.
function pagesFor(ids) {
  const table = (t) => `[data-test=${t}] .el-table__body tr.el-table__row`
  const pages = [
    { name: 'dashboard', path: '/dashboard', ready: '[data-test^=kpi-]', click: '[data-test=dash-kpis]' },
    { name: 'customers', path: '/customers', ready: table('customer-table'), click: table('customer-table') },
    { name: 'customer 360', path: `/customers/${ids.customer}`, ready: '[data-test=customer-name]', click: '[data-test=customer-name]' },
    { name: 'pool', path: '/pool', ready: '[data-test=pool-table]', click: '[data-test=pool-table]' },
    { name: 'visits', path: '/visits', ready: '[data-test=visits-planned]', click: '[data-test=visits-planned]' },
    { name: 'visit form', path: '/visits/new', ready: '[data-test=page-visit-form]', click: '[data-test=page-visit-form]' },
    { name: 'pipeline', path: '/pipeline', ready: '[data-test=opp-card]', click: '[data-test=opp-card] [data-test=opp-move]', expect: '[data-test=move-menu], .el-dropdown-menu' },
    { name: 'settings', path: '/settings', ready: '[data-test=settings-thresholds] [data-test^=setting-]', click: '[data-test=settings-thresholds]', admin: true },
  ]
  if (ids.phone) pages.splice(3, 0, { name: 'incoming call', path: `/call?phone=${encodeURIComponent(ids.phone)}`, ready: '[data-test=customer-name]', click: '[data-test=customer-name]' })
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

async function timeLoad(context, base, page) {
  const tab = await context.newPage()
  try {
    await tab.addInitScript(probe)
    await tab.goto(base + page.path, { waitUntil: 'commit', timeout: TIMEOUT })
    const content = await (await tab.waitForFunction(shown, page.ready, { polling: 'raf', timeout: TIMEOUT })).jsonValue()
    const box = await tab.locator(page.click).first().boundingBox()
    await tab.mouse.click(box.x + Math.min(8, box.width / 2), box.y + Math.min(8, box.height / 2))
    let usable = await (await tab.waitForFunction(() => window.__bench.click, null, { polling: 'raf', timeout: TIMEOUT })).jsonValue()
    if (page.expect) usable = await (await tab.waitForFunction(shown, page.expect, { polling: 'raf', timeout: TIMEOUT })).jsonValue()
    return { content, usable }
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
  const r = await context.request.post(url + '/api/v1/login', { data: { login, password: PASSWORD } })
  if (r.status() !== 200) throw new Error(`login ${login} at ${url}: ${r.status()}`)
  const { csrf_token: csrf } = await r.json()
  await context.addInitScript((t) => localStorage.setItem('kehu.csrf', t), csrf)
  return context
}

async function pages(baseUrl, newUrl, runs) {
  const api = await apiLogin(newUrl, 'wangwei')
  const first = (await api.get(`/customers?owner=${api.user.id}&per_page=1`)).items[0]
  const ids = { customer: first.id, phone: first.phone }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] })
  const rows = []
  try {
    for (const login of ['admin', 'wangwei']) {
      const ctx = { base: await loggedIn(browser, baseUrl, login), new: await loggedIn(browser, newUrl, login) }
      for (const page of pagesFor(ids)) {
        if ((page.admin && login !== 'admin') || (ONLY && !ONLY.includes(page.name))) continue
        const got = { base: [], new: [] }
        for (let i = 0; i <= runs; i++) {
          for (const which of ['base', 'new']) {
            // A load past TIMEOUT counts as TIMEOUT (the median then reads ">=").
            const t = await timeLoad(ctx[which], which === 'base' ? baseUrl : newUrl, page)
              .catch(() => ({ content: TIMEOUT, usable: TIMEOUT }))
            if (i > 0) got[which].push(t) // the first load warms up
          }
        }
        const m = (which, k) => Math.round(median(got[which].map((t) => t[k])))
        const row = { page: page.name, user: login, base: { content: m('base', 'content'), usable: m('base', 'usable') }, new: { content: m('new', 'content'), usable: m('new', 'usable') }, runs }
        rows.push(row)
        console.log(`${row.page.padEnd(14)} ${login.padEnd(8)} base content ${String(row.base.content).padStart(6)} usable ${String(row.base.usable).padStart(6)}   new content ${String(row.new.content).padStart(6)} usable ${String(row.new.usable).padStart(6)}  (ms, median of ${runs})`)
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
