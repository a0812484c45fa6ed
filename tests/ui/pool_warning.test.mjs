// Browser test of the customer list's tab 即将进入公海 (N) (待进入公海的客户, issue 13):
// it counts the rep's customers due for the pool within pool.warn_days and lists
// them soonest first, with the days until the pool; in English it says so too.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, shot, settle, apiOf, adminSettings } from './harness.mjs'

const suite = demoSuite()

test('the pool tab lists the customers going to the pool soonest first', async () => {
  // a wide warning window, so the demo's rep has some
  await adminSettings(suite, { 'pool.warn_days': '365' })

  const page = await suite.page()
  await login(page, 'wangwei')
  const api = await apiOf(page)
  const due = await api.get('/customers?pool_within=warn&per_page=50')
  assert.ok(due.total >= 2, `the rep has customers going to the pool: ${due.total}`)
  const days = due.items.map((x) => x.days_until_pool)
  assert.deepEqual(days, [...days].sort((a, b) => a - b), 'soonest first')
  const all = await api.get('/customers?per_page=1')
  assert.ok(all.total > due.total, 'the tab holds fewer than the whole list')

  await page.goto('/customers')
  await page.locator('[data-test=page-customers]').waitFor()
  await settle(page)
  const tab = page.locator('[data-test=tab-pool]')
  await tab.filter({ hasText: `即将进入公海 (${due.total})` }).waitFor()
  await tab.click()
  await settle(page)
  const first = page.locator('.el-table__body-wrapper .el-table__row').first()
  await first.filter({ hasText: due.items[0].name }).waitFor()
  await first.locator('[data-test=list-days-until-pool]', { hasText: `${due.items[0].days_until_pool} 天` }).waitFor()
  await page.locator('[data-test=customer-pager] .el-pagination__total', { hasText: new RegExp(`\\b${due.total}\\b`) }).waitFor()
  await shot(page, 'daily-19-customer-list-pool-tab')
  await page.locator('[data-test=lang-switch]').click()
  await tab.filter({ hasText: `Going to the pool (${due.total})` }).waitFor()
  await page.locator('[data-test=tab-all]').click()
  await settle(page)
  await page.locator('[data-test=customer-pager] .el-pagination__total', { hasText: new RegExp(`\\b${all.total}\\b`) }).waitFor()
  noErrors(page, 'pool tab')
  await page.context().close()
})
