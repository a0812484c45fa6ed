// Browser test of the 线索 page: a rep creates a lead in the dialog, finds it by
// name, converts it into a customer (with a contact) and lands on that customer;
// the lead then shows as converted and a second conversion is refused by the API.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, shot, settle, field, apiOf } from './harness.mjs'

const suite = demoSuite()
const rowsOf = (page) => page.locator('[data-test=lead-table] .el-table__body-wrapper .el-table__row')

test('a rep creates a lead, finds it, and converts it into a customer', async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  const api = await apiOf(page)
  await page.locator('[data-test=menu-leads]').click()
  await page.locator('[data-test=page-leads]').waitFor()
  await settle(page)

  await page.locator('[data-test=lead-new]').click()
  await page.locator('[data-test=record-dialog]').waitFor()
  // the API's error lands next to the field it names (the 400 is expected)
  page.allow(/status of 400/)
  await field(page, 'rd-name').fill('赵磊')
  await field(page, 'rd-mobile').fill('12')
  await page.locator('[data-test=rd-submit]').click()
  await page.locator('[data-test=record-dialog] .el-form-item__error').first().waitFor()
  await field(page, 'rd-mobile').fill('13712345678')
  await field(page, 'rd-company').fill('苏州赵氏精密机械有限公司')
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/leads' && r.request().method() === 'POST')
  await page.locator('[data-test=rd-submit]').click()
  assert.equal((await created).status(), 201)
  await settle(page)

  const searched = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === '赵磊')
  await field(page, 'lead-search').fill('赵磊')
  await field(page, 'lead-search').press('Enter')
  await searched
  await settle(page)
  assert.equal(await rowsOf(page).count(), 1)
  assert.match(await rowsOf(page).first().innerText(), /苏州赵氏精密机械有限公司/)
  await shot(page, 'leads-01-list')

  const converted = page.waitForResponse((r) => /\/api\/v1\/leads\/\d+\/convert$/.test(new URL(r.url()).pathname))
  await rowsOf(page).first().locator('[data-test=lead-convert]').click()
  await page.locator('.el-message-box').waitFor()
  await shot(page, 'leads-02-convert')
  await page.locator('.el-message-box .el-button--primary').click()
  const r = await converted
  assert.equal(r.status(), 200)
  const out = await r.json()
  await page.waitForURL(new RegExp(`/customers/${out.customer}$`))
  const view = await api.get(`/customers/${out.customer}/view`)
  assert.equal(view.customer.name, '苏州赵氏精密机械有限公司')
  assert.deepEqual(view.contacts.map((c) => c.name), ['赵磊'])
  await settle(page)
  await shot(page, 'leads-03-customer')

  const lead = await api.get(`/leads/${out.lead}`)
  assert.equal(lead.status, 'converted')
  assert.equal(lead.converted_customer, out.customer)
  await page.goto('/leads')
  await settle(page)
  await page.locator('[data-test=lead-customer]').first().waitFor()
  noErrors(page, 'leads')
  await page.context().close()
})
