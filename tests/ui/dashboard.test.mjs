// Browser tests of the dashboard, pipeline and settings pages, against a
// real server on a demo database (the harness of flows.test.mjs): every
// chart draws a canvas with data, the quadrant matrix switches, a dragged
// opportunity changes its stage (and goes back when the API refuses), an
// admin changes a threshold, and a sales rep gets neither the settings
// menu nor the power to change settings. Screenshots of each page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { demoSuite, noErrors, login, shot, settle, field, choose, pick, PHONE, SHOTS } from './harness.mjs'

const suite = demoSuite()


const CHARTS = ['trend', 'abc', 'whale', 'grid', 'quadrants', 'lifecycle', 'loyalty', 'clv', 'followups']

// GET through the page's session (cookie), as the UI itself would.
async function apiGet(page, path) {
  const r = await page.request.get(suite.server.url + '/api/v1' + path)
  assert.equal(r.status(), 200, `GET ${path}: ${r.status()}`)
  return r.json()
}

// A chart has drawn: its card says how many points the option holds, and
// the ECharts canvas inside has a size.
async function chartDrawn(page, key) {
  const card = page.locator(`[data-test=chart-${key}]`)
  await card.locator('canvas').first().waitFor()
  await page.waitForFunction((k) => Number(document.querySelector(`[data-test=chart-${k}]`)?.dataset.points) > 0, key)
  const box = await card.locator('canvas').first().boundingBox()
  assert.ok(box && box.width > 100 && box.height > 100, `${key}: canvas ${JSON.stringify(box)}`)
  return Number(await card.getAttribute('data-points'))
}

test('manager dashboard: every chart, KPIs, next visits, quadrant switch', async () => {
  const page = await suite.page()
  await login(page, 'manager')
  await settle(page)
  for (const key of CHARTS) await chartDrawn(page, key)

  // The numbers are the API's: the Pareto curve has its points, the KPI its customer count.
  const abc = await apiGet(page, '/analytics/abc')
  assert.equal(await page.locator('[data-test=chart-abc]').getAttribute('data-points'), String(abc.pareto.length + 2))
  await page.locator('[data-test=kpi-customers] .value', { hasText: new RegExp(`^${abc.customers}$`) }).waitFor()
  assert.equal(await page.locator('[data-test=chart-empty]').count(), 0)

  // Next best visits: rows with customer names linking to their page.
  const link = page.locator('[data-test=next-visits-table] [data-test=visit-customer]').first()
  await link.waitFor()
  assert.match(await link.getAttribute('href'), /^\/customers\/\d+$/)
  assert.ok((await link.textContent()).trim().length > 1)
  await shot(page, 'dash-01-manager')

  // Tooltips carry the numbers: hover the middle of the Pareto curve.
  const canvas = page.locator('[data-test=chart-abc] canvas').first()
  await canvas.scrollIntoViewIfNeeded()
  const box = await canvas.boundingBox()
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5)
  await page.locator('[data-test=chart-abc] .echart div', { hasText: '客户占比' }).last().waitFor()

  // Another matrix: a new request, new points, the value × response quadrants in the legend.
  const q = await apiGet(page, '/analytics/quadrants?matrix=value_response')
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/analytics/quadrants?matrix=value_response') && r.status() === 200),
    choose(page, 'quadrant-matrix', '价值 × 响应'),
  ])
  await page.waitForFunction((n) => document.querySelector('[data-test=chart-quadrants]')?.dataset.points === String(n), q.points.length)
  assert.ok(q.points.length > 0, 'value_response has points')
  await chartDrawn(page, 'quadrants')
  // The page scrolls inside the layout: a picture of the card itself.
  await page.locator('[data-test=chart-quadrants]').evaluate((el) => el.scrollIntoView({ block: 'center' }))
  await page.locator('[data-test=chart-quadrants]').screenshot({ path: join(SHOTS, 'dash-02-quadrant-value-response.png') })
  noErrors(page, 'manager dashboard')

  // Phone width: one column, nothing wider than the screen.
  const phone = await suite.page(PHONE)
  await login(phone, 'manager')
  for (const key of CHARTS) await chartDrawn(phone, key)
  const width = await phone.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= PHONE.width + 1, `dashboard is ${width}px wide on a phone`)
  await shot(phone, 'dash-03-phone')
  noErrors(phone, 'phone dashboard')
  await phone.context().close()
  await page.context().close()
})

test('a sales rep sees the dashboard of their own customers, no settings menu', async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  // The reports cover the rep's own book (not the pool they can also list).
  const me = await apiGet(page, '/me')
  const [abc, listed, owned] = await Promise.all([apiGet(page, '/analytics/abc'), apiGet(page, '/customers?per_page=1'),
    apiGet(page, `/customers?per_page=1&owner=${me.id}`)])
  assert.ok(abc.customers >= owned.total && abc.customers <= listed.total, `${abc.customers} customers in the reports`)
  await page.locator('[data-test=kpi-customers] .value', { hasText: new RegExp(`^${abc.customers}$`) }).waitFor()
  await chartDrawn(page, 'abc')
  await shot(page, 'dash-04-sales')
  // The settings page itself is read only for a rep.
  await page.goto('/settings')
  await page.locator('[data-test=settings-readonly]').waitFor()
  await settle(page)
  assert.equal(await page.locator('[data-test=settings-save]').count(), 0)
  assert.ok(await field(page, 'setting-abc.a_share').isDisabled())
  await shot(page, 'settings-03-sales-readonly')
  noErrors(page, 'sales dashboard and settings')
  await page.context().close()
})

test('only admins have the settings menu item', async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  await page.locator('[data-test=menu-customers]').waitFor()
  assert.equal(await page.locator('[data-test=menu-settings]').count(), 0)
  await page.context().close()
  const admin = await suite.page()
  await login(admin, 'admin')
  await admin.locator('[data-test=menu-settings]').first().waitFor()
  await admin.context().close()
})

test('pipeline: drag a card to another stage; an API error puts it back', async () => {
  const page = await suite.page()
  await login(page, 'manager')
  await page.goto('/pipeline')
  await page.locator('[data-test=page-pipeline]').waitFor()
  await settle(page)
  const first = page.locator('[data-test=stage-lead] [data-test=opp-card]').first()
  await first.waitFor()
  const id = await first.getAttribute('data-id')
  const opp = await apiGet(page, `/opportunities/${id}`)
  assert.equal(opp.stage, 'lead')
  // The card shows its customer's name (not an id) and its follow-up count.
  const cust = await apiGet(page, `/customers/${opp.customer}`)
  await page.locator(`[data-test=opp-card][data-id="${id}"] .cust`, { hasText: cust.name }).waitFor()
  await page.locator(`[data-test=opp-card][data-id="${id}"] [data-test=opp-followups]`, { hasText: String(opp.followup_count) }).waitFor()
  const leadCount = Number(await page.locator('[data-test=stage-lead] [data-test=stage-count]').textContent())
  await shot(page, 'pipeline-01')

  // A drop asks first (tests/ui/pipeline.test.mjs checks the box itself).
  const confirmOk = page.locator('.el-message-box.pipe-confirm .el-button--primary')
  await first.dragTo(page.locator('[data-test=stage-proposal] .cards'))
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/opportunities/${id}`) && r.request().method() === 'PATCH' && r.status() === 200),
    confirmOk.click(),
  ])
  await page.locator(`[data-test=stage-proposal] [data-test=opp-card][data-id="${id}"]`).waitFor()
  assert.equal((await apiGet(page, `/opportunities/${id}`)).stage, 'proposal')
  assert.equal(Number(await page.locator('[data-test=stage-lead] [data-test=stage-count]').textContent()), leadCount - 1)
  await shot(page, 'pipeline-02-moved')

  // The server refuses the next move: the card returns and the message shows.
  page.allow(/status of 400/)
  await page.route(`**/api/v1/opportunities/${id}`, (route) => route.request().method() === 'PATCH'
    ? route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'invalid', message: '测试：不能移动', field: 'stage' } }) })
    : route.continue())
  const card = page.locator(`[data-test=stage-proposal] [data-test=opp-card][data-id="${id}"]`)
  await card.dragTo(page.locator('[data-test=stage-won] .cards'))
  await confirmOk.click()
  await page.locator('.el-message--error', { hasText: '测试：不能移动' }).waitFor()
  await card.waitFor()
  assert.equal(await page.locator(`[data-test=stage-won] [data-test=opp-card][data-id="${id}"]`).count(), 0)
  assert.equal((await apiGet(page, `/opportunities/${id}`)).stage, 'proposal')
  await shot(page, 'pipeline-03-refused')
  await page.unroute(`**/api/v1/opportunities/${id}`)

  // Filter by owner: only that owner's cards remain.
  const ownerId = opp.owner
  const ownerName = (await apiGet(page, `/users/${ownerId}`)).display_name
  await Promise.all([
    page.waitForResponse((r) => r.url().includes(`owner=${ownerId}`)),
    choose(page, 'pipeline-owner', ownerName),
  ])
  await settle(page)
  const mine = await apiGet(page, `/opportunities?owner=${ownerId}&per_page=1`)
  assert.equal(await page.locator('[data-test=opp-card]').count(), mine.total)
  noErrors(page, 'pipeline')

  const phone = await suite.page(PHONE)
  await login(phone, 'manager')
  await phone.goto('/pipeline')
  await phone.locator('[data-test=opp-card]').first().waitFor()
  await settle(phone)
  const width = await phone.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= PHONE.width + 1, `pipeline is ${width}px wide on a phone`)
  await shot(phone, 'pipeline-04-phone')
  noErrors(phone, 'phone pipeline')
  await phone.context().close()
  await page.context().close()
})

test('settings: an admin changes a threshold, checked inline and by the API', async () => {
  const page = await suite.page()
  await login(page, 'admin')
  await page.locator('[data-test=menu-settings]').click()
  await page.locator('[data-test=page-settings]').waitFor()
  await settle(page)
  const box = field(page, 'setting-abc.a_share')
  await box.waitFor()

  // Out of range: the message shows next to the field, save stays off.
  await box.fill('1.5')
  const group = page.locator('[data-test=settings-group-abc]')
  await group.locator('.el-form-item__error').first().waitFor()
  assert.ok(await page.locator('[data-test=settings-save]').isDisabled())
  await shot(page, 'settings-01-inline-error')

  await box.fill('0.45')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/settings') && r.request().method() === 'PATCH' && r.status() === 200),
    page.locator('[data-test=settings-save]').click(),
  ])
  assert.equal((await apiGet(page, '/settings'))['abc.a_share'].value, '0.45')

  // The page checks by the server's schema: money in yuan (stored in fen),
  // and every basis the server takes, net profit too.
  const visit = field(page, 'setting-cost.visit_fen')
  assert.equal(await visit.inputValue(), '300.00')
  await visit.fill('350.5')
  await pick(page, page.locator('[data-test="setting-abc.basis"]'), '净利润')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/settings') && r.request().method() === 'PATCH' && r.status() === 200),
    page.locator('[data-test=settings-save]').click(),
  ])
  const saved = await apiGet(page, '/settings')
  assert.equal(saved['cost.visit_fen'].value, '35050')
  assert.equal(saved['abc.basis'].value, 'net_profit')
  assert.equal(await visit.inputValue(), '350.50')

  // An error only the server knows shows next to its field too.
  page.allow(/status of 400/)
  await page.route('**/api/v1/settings', (route) => route.request().method() === 'PATCH'
    ? route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'invalid', message: '服务器拒绝：太长', field: 'cadence.default_days' } }) })
    : route.continue())
  await field(page, 'setting-cadence.default_days').fill('120')
  await page.locator('[data-test=settings-save]').click()
  await page.locator('[data-test=settings-group-cadence] .el-form-item__error', { hasText: '服务器拒绝：太长' }).waitFor()
  await page.unroute('**/api/v1/settings')
  assert.equal((await apiGet(page, '/settings'))['cadence.default_days'].value, '90')
  await shot(page, 'settings-02-thresholds')

  // Users, teams, roles.
  await page.locator('.el-tabs__item', { hasText: '用户' }).click()
  await page.locator('[data-test=users-table] .el-table__row').first().waitFor()
  await shot(page, 'settings-04-users')
  await page.locator('.el-tabs__item', { hasText: '部门' }).click()
  await page.locator('[data-test=team-tree] .el-tree-node').first().waitFor()
  await shot(page, 'settings-05-teams')
  await page.locator('.el-tabs__item', { hasText: '角色与数据范围' }).click()
  await page.locator('[data-test=roles-table] .el-table__row').nth(2).waitFor()
  await shot(page, 'settings-06-roles')
  noErrors(page, 'settings')
  await page.context().close()
})
