// Browser tests of the 产品 page: an admin creates a product, finds it by the
// search box, edits it, deactivates it (gone from the list unless inactive
// ones are shown) and reactivates it; a sales rep sees the catalogue
// read-only, with nothing offered that the API would refuse.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, shot, settle, field, apiOf } from './harness.mjs'

const suite = demoSuite()
const rows = (page) => page.locator('[data-test=product-table] .el-table__body-wrapper .el-table__row')
const patchOf = (page, id) => page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/products/${id}` && r.request().method() === 'PATCH')

test('an admin creates, finds, edits, deactivates and reactivates a product', async () => {
  const page = await suite.page()
  await login(page, 'admin')
  const api = await apiOf(page)
  await page.locator('[data-test=menu-products]').click()
  await page.locator('[data-test=page-products]').waitFor()
  await settle(page)
  const total = (await api.get('/products?active=true&per_page=1')).total
  assert.equal(await rows(page).count(), total)

  await page.locator('[data-test=product-new]').click()
  await page.locator('[data-test=record-dialog]:visible').waitFor()
  await field(page, 'rd-name').fill('智能温控模块')
  await field(page, 'rd-code').fill('TMP-900')
  await field(page, 'rd-category').fill('传感器')
  await field(page, 'rd-unit_price').fill('1290')
  await field(page, 'rd-unit_cost').fill('640.5')
  const posted = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/products' && r.request().method() === 'POST')
  await page.locator('[data-test=rd-submit]').click()
  const res = await posted
  assert.equal(res.status(), 201)
  const p = await res.json()
  assert.deepEqual([p.name, p.code, p.unit_price, p.unit_cost, p.active], ['智能温控模块', 'TMP-900', '1290.00', '640.50', true])
  await settle(page)

  await field(page, 'product-search').fill('tmp-9')
  assert.equal(await rows(page).count(), 1)
  assert.match(await rows(page).first().innerText(), /智能温控模块/)
  await rows(page).first().locator('[data-test=product-edit]').click()
  await field(page, 'rd-unit_price').fill('1350')
  const edited = patchOf(page, p.id)
  await page.locator('[data-test=rd-submit]').click()
  assert.equal((await edited).status(), 200)
  assert.equal((await api.get(`/products/${p.id}`)).unit_price, '1350.00')
  await rows(page).first().filter({ hasText: '1,350.00' }).waitFor()
  await shot(page, 'daily-09-products-admin')

  const off = patchOf(page, p.id)
  await rows(page).first().locator('[data-test=product-deactivate]').click()
  assert.equal((await off).status(), 200)
  assert.equal((await api.get(`/products/${p.id}`)).active, false)
  await rows(page).first().waitFor({ state: 'detached' })
  await page.locator('[data-test=product-inactive]').click()
  await rows(page).first().filter({ hasText: '已停用' }).waitFor()
  const on = patchOf(page, p.id)
  await rows(page).first().locator('[data-test=product-activate]').click()
  assert.equal((await on).status(), 200)
  assert.equal((await api.get(`/products/${p.id}`)).active, true)
  noErrors(page, 'products admin')
  await page.context().close()
})

test('a sales rep sees the products read-only', async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  await page.locator('[data-test=menu-products]').click()
  await page.locator('[data-test=page-products]').waitFor()
  await settle(page)
  await page.locator('[data-test=product-readonly]', { hasText: '只有经理和管理员可以修改产品' }).waitFor()
  assert.ok(await rows(page).count() > 0)
  assert.equal(await page.locator('[data-test=product-new]').count(), 0)
  assert.equal(await page.locator('[data-test=product-edit], [data-test=product-deactivate]').count(), 0)
  await page.locator('[data-test=lang-switch]').click()
  await page.locator('[data-test=product-readonly]', { hasText: 'Only managers and admins may change products' }).waitFor()
  await shot(page, 'daily-10-products-rep')
  noErrors(page, 'products rep')
  await page.context().close()
})
