// Browser tests of the daily loop's forms: a rep creates an opportunity on
// the 360° view (customer filled in, the stage's probability shown, a lost
// one refused without its reason) and edits it, and creates one from the
// pipeline board choosing the customer by search; an opportunity with a
// product line has the line's amount, and its edit shows the line again.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, shot, settle, field, choose, pick, apiOf } from './harness.mjs'

const suite = demoSuite()
const dialog = (page) => page.locator('[data-test=record-dialog]:visible')

async function ownCustomer(api) {
  const me = await api.get('/me')
  return { me, customer: (await api.get(`/customers?owner=${me.id}&sort=name&per_page=1`)).items[0] }
}

// wangwei on the 360° view of his first customer, the opportunity form open.
async function newOpportunityOn360(page) {
  await login(page, 'wangwei')
  const api = await apiOf(page)
  const { customer } = await ownCustomer(api)
  await page.goto(`/customers/${customer.id}`)
  await page.locator('[data-test=customer-view]').waitFor()
  await settle(page)
  await page.locator('#tab-opportunities').click()
  await page.locator('[data-test=opp-new]').click()
  await dialog(page).waitFor()
  return { api, customer }
}

test('a rep creates and edits an opportunity on the 360° view', async () => {
  const page = await suite.page()
  const { api, customer } = await newOpportunityOn360(page)
  await field(page, 'rd-name').fill('二期扩容项目')
  await field(page, 'rd-amount').fill('180000')
  // A new one starts as 线索 and shows that stage's probability.
  assert.match(await page.locator('[data-test=rd-hint-stage]').innerText(), /赢率：10%/)
  await choose(page, 'rd-stage', '谈判')
  await page.locator('[data-test=rd-hint-stage]', { hasText: '80%' }).waitFor()
  // Lost asks for the reason before any request.
  await choose(page, 'rd-stage', '输单')
  let posted = 0
  page.on('request', (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/opportunities') posted++ })
  await page.locator('[data-test=rd-submit]').click()
  await dialog(page).locator('.el-form-item__error', { hasText: '请填写输单原因' }).waitFor()
  assert.equal(posted, 0)
  await shot(page, 'daily-01-opportunity-lost-needs-reason')
  await choose(page, 'rd-stage', '方案')
  assert.equal(await field(page, 'rd-lost_reason').count(), 0)
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/opportunities' && r.request().method() === 'POST')
  await page.locator('[data-test=rd-submit]').click()
  const r = await created
  assert.equal(r.status(), 201)
  const opp = await r.json()
  assert.equal(opp.customer, customer.id)
  assert.equal(opp.stage, 'proposal')
  assert.equal(opp.amount, '180000.00')
  assert.equal(opp.probability, 50)
  const row = page.locator('[data-test=opp-table] .el-table__row', { hasText: '二期扩容项目' })
  await row.waitFor()
  assert.match(await row.innerText(), /方案/)

  // Edit: lost with a reason.
  await row.locator('[data-test=opp-edit]').click()
  await dialog(page).waitFor()
  await choose(page, 'rd-stage', '输单')
  await field(page, 'rd-lost_reason').fill('客户预算取消')
  const patched = page.waitForResponse((x) => x.url().endsWith(`/opportunities/${opp.id}`) && x.request().method() === 'PATCH')
  await page.locator('[data-test=rd-submit]').click()
  assert.equal((await patched).status(), 200)
  const after = await api.get(`/opportunities/${opp.id}`)
  assert.equal(after.stage, 'lost')
  assert.equal(after.lost_reason, '客户预算取消')
  assert.equal(after.probability, 0)
  await row.filter({ hasText: '客户预算取消' }).waitFor()
  await shot(page, 'daily-02-opportunity-360')
  noErrors(page, '360 opportunities')
  await page.context().close()
})

test('a rep creates an opportunity from the pipeline, choosing the customer by search', async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  const api = await apiOf(page)
  const { customer } = await ownCustomer(api)
  await page.goto('/pipeline')
  await page.locator('[data-test=pipeline-board]').waitFor()
  await settle(page)
  await page.locator('[data-test=pipeline-new]').click()
  await dialog(page).waitFor()
  // Without a customer the form refuses before any request.
  await field(page, 'rd-name').fill('看板新建商机')
  await page.locator('[data-test=rd-submit]').click()
  await dialog(page).locator('.el-form-item__error', { hasText: '必填' }).first().waitFor()
  await field(page, 'rd-customer').fill(customer.name.slice(0, 4))
  await page.locator('.el-autocomplete-suggestion li', { hasText: customer.name }).first().click()
  await page.locator('[data-test=rd-customer-picked]', { hasText: customer.name }).waitFor()
  await field(page, 'rd-amount').fill('66000')
  await shot(page, 'daily-03-opportunity-pipeline-form')
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/opportunities' && r.request().method() === 'POST')
  await page.locator('[data-test=rd-submit]').click()
  const opp = await (await created).json()
  assert.equal(opp.customer, customer.id)
  assert.equal(opp.stage, 'lead')
  const card = page.locator(`[data-test=stage-lead] [data-test=opp-card][data-id="${opp.id}"]`)
  await card.waitFor()
  assert.match(await card.innerText(), new RegExp(customer.name))
  // Its name opens it to edit.
  await card.locator('[data-test=opp-open]').click()
  await dialog(page).waitFor()
  assert.equal(await field(page, 'rd-name').inputValue(), '看板新建商机')
  await choose(page, 'rd-stage', '已确认')
  const patched = page.waitForResponse((x) => x.url().endsWith(`/opportunities/${opp.id}`) && x.request().method() === 'PATCH')
  await page.locator('[data-test=rd-submit]').click()
  assert.equal((await patched).status(), 200)
  await page.locator(`[data-test=stage-qualified] [data-test=opp-card][data-id="${opp.id}"]`).waitFor()
  await shot(page, 'daily-04-opportunity-pipeline')
  noErrors(page, 'pipeline new')
  await page.context().close()
})

test('an opportunity with one product line on the 360° view has the line as its amount', async () => {
  const page = await suite.page()
  const { api } = await newOpportunityOn360(page)
  const product = (await api.get('/products?active=true&sort=name&per_page=1')).items[0]
  const dlg = dialog(page)
  await field(page, 'rd-name').fill('传感器改造项目')
  await dlg.locator('[data-test=opd-add-line]').click()
  await pick(page, dlg.locator('[data-test=opd-line-product]'), product.name)
  await dlg.locator('[data-test=opd-line-quantity] input, input[data-test=opd-line-quantity]').first().fill('3')
  await dlg.locator('[data-test=opd-line-price] input, input[data-test=opd-line-price]').first().fill('100.50')
  // With a line the amount is the line's, not typed.
  assert.equal(await field(page, 'rd-amount').count(), 0)
  assert.equal((await dlg.locator('[data-test=opd-total]').innerText()).replace(/[¥,]/g, ''), '301.50')
  await shot(page, 'daily-09-opportunity-lines')
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/opportunities' && r.request().method() === 'POST')
  await page.locator('[data-test=rd-submit]').click()
  const r = await created
  assert.equal(r.status(), 201, await r.text())
  const opp = await api.get(`/opportunities/${(await r.json()).id}`)
  assert.equal(opp.amount, '301.50')
  assert.deepEqual(opp.lines.map((l) => [l.product_id, l.quantity, l.unit_price]), [[product.id, 3, '100.50']])
  const row = page.locator('[data-test=opp-table] .el-table__row', { hasText: '传感器改造项目' })
  await row.waitFor()
  assert.match(await row.innerText(), /301\.50/)
  // The edit reads the line back; saving unchanged sends no lines.
  await row.locator('[data-test=opp-edit]').click()
  await dlg.waitFor()
  await dlg.locator('[data-test=opd-line]').first().waitFor()
  assert.equal((await dlg.locator('[data-test=opd-total]').innerText()).replace(/[¥,]/g, ''), '301.50')
  // Won: the contract offered is prefilled with the line, its total the line's.
  await choose(page, 'rd-stage', '赢单')
  await page.locator('[data-test=rd-submit]').click()
  const offer = page.locator('.el-message-box:visible', { hasText: '传感器改造项目' })
  await offer.locator('.el-button--primary').click()
  const cd = page.locator('[data-test=contract-dialog]:visible')
  await cd.waitFor()
  assert.equal(await cd.locator('[data-test=cd-line]').count(), 1)
  assert.equal((await cd.locator('[data-test=cd-total]').innerText()).replace(/[¥,]/g, ''), '301.50')
  noErrors(page, '360 opportunity lines')
  await page.context().close()
})

test('an impossible typed date is refused in the UI language, and nothing is sent', async () => {
  const page = await suite.page()
  let sent = 0
  page.on('request', (r) => { if (r.method() !== 'GET') sent++ })
  await newOpportunityOn360(page)
  sent = 0
  await field(page, 'rd-name').fill('日期检查')
  await field(page, 'rd-expected_close').fill('2026-13-45')
  await field(page, 'rd-expected_close').press('Enter')
  await page.locator('[data-test=rd-expected_close-error]', { hasText: '日期无效：2026-13-45' }).waitFor()
  await page.locator('[data-test=rd-submit]').click()
  await page.waitForTimeout(300)
  assert.equal(sent, 0, 'a refused date sends nothing')
  assert.equal(await dialog(page).count(), 1)
  await shot(page, 'daily-07-date-refused')
  // A real date clears the refusal and saves.
  await field(page, 'rd-expected_close').fill('2026-12-31')
  await field(page, 'rd-expected_close').press('Enter')
  await page.locator('[data-test=rd-expected_close-error]').waitFor({ state: 'detached' })
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/opportunities' && r.request().method() === 'POST')
  await page.locator('[data-test=rd-submit]').click()
  assert.equal((await (await created).json()).expected_close, '2026-12-31')

  // The quick log's date, in English; February 30th is no date either.
  await page.locator('[data-test=lang-switch]').click()
  sent = 0
  await page.locator('[data-test=log-call]').click()
  await field(page, 'quick-date').fill('2026-02-30')
  await field(page, 'quick-date').press('Tab')
  await page.locator('[data-test=quick-date-error]', { hasText: 'Not a date: 2026-02-30' }).waitFor()
  await field(page, 'ql-subject').fill('电话回访')
  await page.locator('[data-test=ql-submit]').click()
  await page.waitForTimeout(300)
  await shot(page, 'daily-08-date-refused-english')
  assert.equal(sent, 0)
  noErrors(page, 'date refusal')
  await page.context().close()
})
