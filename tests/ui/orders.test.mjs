// Browser tests of a customer's orders and payments on the 360° view: an
// order with two lines (product, quantity, unit price → amount), edited and
// deleted; a payment against it, edited (paid) and deleted.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, shot, settle, field, choose, pick, apiOf } from './harness.mjs'

const suite = demoSuite()
const path = (r) => new URL(r.url()).pathname
const confirm = (page) => page.locator('.el-message-box .el-button--primary').click()

test('a rep enters an order with lines and a payment for it, edits and deletes both', async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  const api = await apiOf(page)
  const me = await api.get('/me')
  const customer = (await api.get(`/customers?owner=${me.id}&sort=-name&per_page=1`)).items[0]
  const products = (await api.get('/products?active=true&sort=name&per_page=2')).items
  await page.goto(`/customers/${customer.id}`)
  await page.locator('[data-test=customer-view]').waitFor()
  await settle(page)
  await page.locator('#tab-orders').click()
  await page.locator('[data-test=order-new]').click()
  const dlg = page.locator('[data-test=order-dialog]:visible')
  await dlg.waitFor()
  for (const [i, p] of products.entries()) {
    await page.locator('[data-test=od-add-line]').click()
    const line = dlg.locator('[data-test=od-line]').nth(i)
    await pick(page, line.locator('[data-test=od-line-product]'), p.name)
    // The product's list price comes in; the second line's is changed.
    assert.equal(await line.locator('input[data-test=od-line-price], [data-test=od-line-price] input').first().inputValue(), p.unit_price)
    await line.locator('[data-test=od-line-quantity] input, input[data-test=od-line-quantity]').first().fill(String(i + 2))
    if (i === 1) await line.locator('[data-test=od-line-price] input, input[data-test=od-line-price]').first().fill('100.50')
  }
  const want = (Math.round(Number(products[0].unit_price) * 100) * 2 + 10050 * 3) / 100
  assert.equal((await page.locator('[data-test=od-total]').innerText()).replace(/[¥,]/g, ''), want.toFixed(2))
  await field(page, 'od-channel').fill('直销')
  await shot(page, 'daily-05-order-lines')
  const posted = page.waitForResponse((r) => path(r) === '/api/v1/orders' && r.request().method() === 'POST')
  await page.locator('[data-test=od-submit]').click()
  const res = await posted
  assert.equal(res.status(), 201)
  const order = await api.get(`/orders/${(await res.json()).id}`)
  assert.equal(order.customer, customer.id)
  assert.equal(order.amount, want.toFixed(2))
  assert.deepEqual(order.lines.map((l) => [l.product_id, l.quantity, l.unit_price]),
    [[products[0].id, 2, products[0].unit_price], [products[1].id, 3, '100.50']])

  // Edit: the status (lines stay as created).
  const row = page.locator('[data-test=order-table] .el-table__row', { hasText: '直销' }).first()
  await row.waitFor()
  await row.locator('[data-test=order-edit]').click()
  await dlg.waitFor()
  await dlg.getByText('订单明细在创建后不能修改').waitFor()
  await choose(page, 'od-status', '已交付')
  const patched = page.waitForResponse((r) => path(r) === `/api/v1/orders/${order.id}` && r.request().method() === 'PATCH')
  await page.locator('[data-test=od-submit]').click()
  assert.equal((await patched).status(), 200)
  assert.equal((await api.get(`/orders/${order.id}`)).status, 'delivered')

  // A payment against the order.
  await page.locator('#tab-payments').click()
  await page.locator('[data-test=pay-new]').click()
  const rd = page.locator('[data-test=record-dialog]:visible')
  await rd.waitFor()
  await choose(page, 'rd-order', order.date)
  await field(page, 'rd-amount').fill('5000')
  await field(page, 'rd-due_date').fill('2026-12-20')
  await field(page, 'rd-due_date').press('Enter')
  const paid = page.waitForResponse((r) => path(r) === '/api/v1/payments' && r.request().method() === 'POST')
  await page.locator('[data-test=rd-submit]').click()
  const pres = await paid
  assert.equal(pres.status(), 201)
  const pay = await pres.json()
  assert.deepEqual([pay.order, pay.customer, pay.amount, pay.due_date, pay.paid_date], [order.id, customer.id, '5000.00', '2026-12-20', null])
  const prow = page.locator('[data-test=pay-table] .el-table__row', { hasText: '2026-12-20' })
  await prow.waitFor()
  await prow.locator('[data-test=pay-edit]').click()
  await rd.waitFor()
  await field(page, 'rd-paid_date').fill('2026-11-30')
  await field(page, 'rd-paid_date').press('Enter')
  const ppatch = page.waitForResponse((r) => path(r) === `/api/v1/payments/${pay.id}` && r.request().method() === 'PATCH')
  await page.locator('[data-test=rd-submit]').click()
  assert.equal((await ppatch).status(), 200)
  assert.equal((await api.get(`/payments/${pay.id}`)).paid_date, '2026-11-30')
  await prow.filter({ hasText: '2026-11-30' }).waitFor()
  await shot(page, 'daily-06-payments')

  await prow.locator('[data-test=pay-delete]').click()
  const pdel = page.waitForResponse((r) => path(r) === `/api/v1/payments/${pay.id}` && r.request().method() === 'DELETE')
  await confirm(page)
  assert.equal((await pdel).status(), 204)
  await page.locator('[data-test=pay-table]', { hasText: '暂无回款' }).waitFor()

  await page.locator('#tab-orders').click()
  await row.locator('[data-test=order-delete]').click()
  const odel = page.waitForResponse((r) => path(r) === `/api/v1/orders/${order.id}` && r.request().method() === 'DELETE')
  await confirm(page)
  assert.equal((await odel).status(), 204)
  await page.locator('[data-test=order-table] .el-table__row', { hasText: '直销' }).waitFor({ state: 'detached' })
  noErrors(page, 'orders and payments')
  await page.context().close()
})
