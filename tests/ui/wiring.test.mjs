// Browser tests of the UI's use of the newer API: the customer list's
// metric filters, columns and `q` search (with filters, paging and total
// together), the user directory (colleagues' names outside one's scope),
// visit-plan approval by a manager, bulk release to the pool, and the
// pipeline showing the customer_name of each opportunity without a request
// per customer.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, shot, settle, choose, field, apiOf } from './harness.mjs'

const suite = demoSuite()

const rowsOf = (page) => page.locator('[data-test=customer-table] .el-table__body-wrapper .el-table__row')
async function shownTotal(page) {
  const text = await page.locator('[data-test=customer-pager] .el-pagination__total').innerText()
  return Number(text.replace(/[^\d]/g, ''))
}
// A response of the customer list whose query has all of the given parameters.
function listAnswer(page, params) {
  return page.waitForResponse((r) => {
    const u = new URL(r.url())
    if (u.pathname !== '/api/v1/customers' || r.request().method() !== 'GET') return false
    return Object.entries(params).every(([k, v]) => u.searchParams.get(k) === v)
  })
}

test('filter the customer list by ABC class, then search within it', async () => {
  const page = await suite.page()
  await login(page, 'manager')
  await page.goto('/customers')
  await rowsOf(page).first().waitFor()
  await settle(page)
  const api = await apiOf(page)

  // ABC class A: every row shown is class A, and the total is the API's.
  const answered = listAnswer(page, { abc_class: 'A' })
  await choose(page, 'filter-abc_class', 'A 类')
  await answered
  await page.keyboard.press('Escape')
  await settle(page)
  const expected = await api.get('/customers?abc_class=A&per_page=1')
  assert.ok(expected.total > 0, 'the demo has class A customers')
  assert.equal(await shownTotal(page), expected.total)
  const classes = await page.locator('[data-test=cell-abc]').evaluateAll((els) => els.map((e) => e.dataset.value))
  assert.ok(classes.length > 0)
  assert.ok(classes.every((c) => c === 'A'), `classes shown: ${classes}`)
  await shot(page, 'wiring-customers-abc-a')

  // A search text together with the filter: both in one request, one total.
  const sample = (await api.get('/customers?abc_class=A&per_page=50')).items[0].name
  const term = [...sample].slice(0, 2).join('')
  const both = listAnswer(page, { abc_class: 'A', q: term })
  await field(page, 'customer-search').fill(term)
  await both
  await settle(page)
  const want = await api.get(`/customers?abc_class=A&q=${encodeURIComponent(term)}&per_page=500`)
  assert.equal(await shownTotal(page), want.total)
  const names = await rowsOf(page).locator('a.name-link').allInnerTexts()
  assert.equal(names.length, Math.min(want.total, 20))
  assert.ok(names.every((n) => want.items.some((c) => c.name === n)), `rows: ${names}`)
  const classes2 = await page.locator('[data-test=cell-abc]').evaluateAll((els) => els.map((e) => e.dataset.value))
  assert.ok(classes2.every((c) => c === 'A'))
  await shot(page, 'wiring-customers-search-and-filter')

  // Sorting by CLV (descending on the second click) goes to the API.
  await field(page, 'customer-search').fill('')
  await settle(page)
  const header = page.locator('[data-test=customer-table] th', { hasText: '客户终身价值' })
  const asc = listAnswer(page, { sort: 'clv' })
  await header.click()
  await asc
  const desc = listAnswer(page, { sort: '-clv' })
  await header.click()
  await desc
  await settle(page)
  await shot(page, 'wiring-customers-sort-clv')
  noErrors(page, 'customer filters')
  await page.context().close()
})

test('a manager approves a rep\'s visit plan; the rep sees it approved', async () => {
  // The rep writes a plan (through the API, the form is tested in flows).
  const rep = await suite.page()
  await login(rep, 'wangwei')
  const repApi = await apiOf(rep)
  const me = await repApi.get('/me')
  const customer = (await repApi.get(`/customers?owner=${me.id}&per_page=1`)).items[0]
  const purpose = '审批测试：确认年度框架协议 ' + Date.now()
  const plan = await repApi.post('/activities', { customer: customer.id, kind: 'visit', status: 'planned', date: '2026-12-20', purpose })
  assert.equal(plan.approved_by, null)

  // The manager approves it on the visits page.
  const page = await suite.page()
  await login(page, 'manager')
  await page.goto('/visits')
  const row = page.locator(`[data-test=approve-row-${plan.id}]`)
  await row.waitFor()
  await settle(page)
  await shot(page, 'wiring-visits-manager')
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/activities/${plan.id}/approve`) && r.status() === 200),
    row.locator('[data-test=visit-approve]').click(),
  ])
  await row.locator('[data-test=visit-approved]', { hasText: '李经理' }).waitFor()
  assert.equal(await row.locator('[data-test=visit-approve]').count(), 0)
  const api = await apiOf(page)
  const managerId = (await api.get('/me')).id
  const saved = await api.get(`/activities/${plan.id}`)
  assert.equal(saved.approved_by, managerId)
  assert.ok(saved.approved_at)
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
  await shot(page, 'wiring-visits-approved')

  // Approving again (from the form of another plan state) shows the API's message.
  await page.goto(`/visits/${plan.id}`)
  await page.locator('[data-test=visit-approved]', { hasText: '李经理' }).waitFor()
  assert.equal(await page.locator('[data-test=visit-approve]').count(), 0)
  noErrors(page, 'manager approves')

  // The rep sees it approved, by name and date, and has no approve button.
  await rep.goto('/visits')
  const mine = rep.locator('[data-test=visits-planned] .el-table__row', { hasText: purpose })
  await mine.locator('[data-test=visit-approved]', { hasText: '李经理' }).waitFor()
  assert.equal(await rep.locator('[data-test=visits-to-approve]').count(), 0)
  await settle(rep)
  await shot(rep, 'wiring-visits-rep-approved')
  await rep.goto(`/visits/${plan.id}`)
  await rep.locator('[data-test=visit-approved]', { hasText: '李经理' }).waitFor()
  assert.equal(await rep.locator('[data-test=visit-approve]').count(), 0)
  await settle(rep)
  await shot(rep, 'wiring-visit-form-approved')
  noErrors(rep, 'rep sees approval')

  // A plan the manager may not approve (his own) shows no button; the API says why.
  const own = await api.post('/activities', { customer: customer.id, kind: 'visit', status: 'planned', date: '2026-12-21', purpose: '经理自己的计划' })
  await page.goto(`/visits/${own.id}`)
  await page.locator('[data-test=page-visit-form]').waitFor()
  await settle(page)
  assert.equal(await page.locator('[data-test=visit-approve]').count(), 0)
  await page.context().close()
  await rep.context().close()
})

test('bulk release of two customers to the pool, and the API\'s message on a refusal', async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  const api = await apiOf(page)
  const me = await api.get('/me')
  await page.goto('/customers')
  await rowsOf(page).first().waitFor()
  await settle(page)
  const mine = listAnswer(page, { owner: String(me.id) })
  await choose(page, 'filter-owner', '王伟')
  await mine
  await settle(page)

  const first = rowsOf(page).nth(0)
  const second = rowsOf(page).nth(1)
  const idOf = async (row) => Number((await row.locator('a.name-link').getAttribute('href')).match(/(\d+)$/)[1])
  const ids = [await idOf(first), await idOf(second)]
  await first.locator('.el-checkbox').click()
  await second.locator('.el-checkbox').click()
  await page.locator('[data-test=bulk-release]').click()
  await page.locator('.el-message-box').waitFor()
  await shot(page, 'wiring-bulk-release-confirm')
  const released = page.waitForResponse((r) => r.url().endsWith('/api/v1/customers/bulk/release'))
  await page.locator('.el-message-box .el-button--primary').click()
  const r = await released
  assert.equal(r.status(), 200)
  assert.deepEqual(r.request().postDataJSON(), { ids })
  await page.locator('[data-test=bulk-dialog]').waitFor({ state: 'hidden' })
  await settle(page)
  for (const id of ids) {
    const c = await api.get(`/customers/${id}`)
    assert.equal(c.in_pool, true, `customer ${id} is in the pool`)
    assert.equal(c.owner, null)
  }
  await shot(page, 'wiring-bulk-released')

  // Releasing a pool customer again is refused (it is no longer his): the API's message shows.
  page.allow(/status of 40[39]/)
  await page.goto('/customers')
  await rowsOf(page).first().waitFor()
  await settle(page)
  const name = (await api.get(`/customers/${ids[0]}`)).name
  await Promise.all([listAnswer(page, { q: name }), field(page, 'customer-search').fill(name)])
  const pooled = rowsOf(page).filter({ hasText: '公海' }).first()
  await pooled.waitFor()
  await settle(page)
  await pooled.locator('.el-checkbox').click()
  await page.locator('[data-test=bulk-release]').click()
  await page.locator('.el-message-box .el-button--primary').click()
  await page.locator('[data-test=bulk-error]', { hasText: /客户 \d+：/ }).waitFor()
  await settle(page)
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
  await shot(page, 'wiring-bulk-refused')
  noErrors(page, 'bulk release')
  await page.context().close()
})

test('the pipeline names customers without a request per customer; colleagues show by name', async () => {
  const page = await suite.page()
  await login(page, 'manager')
  const perCustomer = []
  page.on('request', (r) => {
    if (/\/api\/v1\/customers\/\d+/.test(new URL(r.url()).pathname)) perCustomer.push(r.url())
  })
  await page.goto('/pipeline')
  await page.locator('[data-test=opp-card]').first().waitFor()
  await settle(page)
  assert.ok(perCustomer.length <= 1, `requests per customer: ${perCustomer.join(' ')}`)
  const names = await page.locator('[data-test=opp-card] .cust').allInnerTexts()
  assert.ok(names.length > 0 && names.every((n) => n.trim().length > 1), 'every card names its customer')
  assert.equal(await page.locator('[data-test=page-pipeline]', { hasText: /未知|…/ }).count(), 0)
  await shot(page, 'wiring-pipeline')
  noErrors(page, 'pipeline')
  await page.context().close()

  // lina (sales, own scope) sees a customer wangwei shares with her, with
  // wangwei's name as its owner, though he is outside her scope.
  const owner = await suite.page()
  await login(owner, 'wangwei')
  const ownerApi = await apiOf(owner)
  const me = await ownerApi.get('/me')
  const c = (await ownerApi.get(`/customers?owner=${me.id}&per_page=1`)).items[0]
  const lina = (await ownerApi.get('/users/directory')).items.find((u) => u.login === 'lina')
  await ownerApi.post('/customers/bulk/share', { ids: [c.id], user: lina.id, access: 'read' })
  await owner.context().close()

  const other = await suite.page()
  await login(other, 'lina')
  await other.goto(`/customers/${c.id}`)
  await other.locator('[data-test=customer-view]', { hasText: '王伟' }).waitFor()
  await settle(other)
  assert.equal(await other.locator('[data-test=customer-view]', { hasText: '未知' }).count(), 0)
  await shot(other, 'wiring-shared-owner-name')
  noErrors(other, 'shared customer')
  await other.context().close()
})
