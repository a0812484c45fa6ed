// Browser test of merging two customers from the list: pick the one kept,
// choose a value field by field, and every record of the other moves.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, shot, settle, choose, apiOf } from './harness.mjs'

const suite = demoSuite()
const rowsOf = (page) => page.locator('[data-test=customer-table] .el-table__body-wrapper .el-table__row')

test('merge two of a rep\'s customers from the list, field by field', async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  const api = await apiOf(page)
  const me = await api.get('/me')
  await page.goto('/customers')
  await rowsOf(page).first().waitFor()
  await settle(page)
  const mine = page.waitForResponse((r) => new URL(r.url()).searchParams.get('owner') === String(me.id))
  await choose(page, 'filter-owner', '王伟')
  await mine
  await settle(page)

  const idOf = async (row) => Number((await row.locator('a.name-link').getAttribute('href')).match(/(\d+)$/)[1])
  const [a, b] = [await idOf(rowsOf(page).nth(0)), await idOf(rowsOf(page).nth(1))]
  const before = { a: await api.get(`/customers/${a}/view`), b: await api.get(`/customers/${b}/view`) }
  await rowsOf(page).nth(0).locator('.el-checkbox').click()
  await rowsOf(page).nth(1).locator('.el-checkbox').click()
  const previewed = page.waitForResponse((r) => r.url().includes(`/api/v1/customers/${a}/merge?from=${b}`))
  await page.locator('[data-test=bulk-merge]').click()
  assert.equal((await previewed).status(), 200)
  await page.locator('[data-test=merge-fields]').waitFor()
  await settle(page)
  await shot(page, 'merge-preview')

  // The name differs between two demo customers: keep the other's.
  await page.locator('[data-test=take-name]').click()
  const merged = page.waitForResponse((r) => r.url().endsWith(`/api/v1/customers/${a}/merge`) && r.request().method() === 'POST')
  await page.locator('[data-test=merge-submit]').click()
  const r = await merged
  assert.equal(r.status(), 200)
  assert.ok(r.request().postDataJSON().take.includes('name'))
  await page.waitForURL(new RegExp(`/customers/${a}$`))
  const after = await api.get(`/customers/${a}/view`)
  assert.equal(after.customer.name, before.b.customer.name)
  assert.equal(after.contacts.length, before.a.contacts.length + before.b.contacts.length)
  const orders = (v) => v.metrics?.orders ?? 0
  assert.equal(orders(after), orders(before.a) + orders(before.b))
  await assert.rejects(api.get(`/customers/${b}`), /no customer|404|not/i)
  await settle(page)
  await shot(page, 'merge-done')
  noErrors(page, 'merge')
  await page.context().close()
})
