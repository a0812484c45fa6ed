// Browser tests of the 360° view's actions on a customer: a rep locks one
// (the pool sweep passes it by), is refused a second lock by the per-rep cap
// with the API's message in Chinese, unlocks, transfers one to a colleague,
// releases one to the pool and deletes one, each asked first; a pool
// customer offers none of it; the header shows the days until the pool.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, shot, settle, apiOf, adminSettings, pick } from './harness.mjs'

const suite = demoSuite()
const path = (r) => new URL(r.url()).pathname
const confirmBox = (page) => page.locator('.el-message-box.act-confirm')

async function open360(page, id) {
  await page.goto(`/customers/${id}`)
  await page.locator('[data-test=customer-view]').waitFor()
  await settle(page)
}
// Choose an action from the menu; resolves with the API's answer of that status.
async function act(page, what, id, status) {
  const answer = page.waitForResponse((r) => path(r).startsWith(`/api/v1/customers/${id}`) && r.request().method() !== 'GET' && r.status() === status)
  await page.locator('[data-test=customer-actions-button]').click()
  await page.locator(`.el-dropdown-menu:visible [data-test=act-${what}]`).click()
  return answer
}

test('a rep locks, is refused a lock over the cap, unlocks, transfers, releases and deletes', async () => {
  await adminSettings(suite, { 'pool.max_locked_per_rep': '1' })

  const page = await suite.page()
  await login(page, 'wangwei')
  const api = await apiOf(page)
  const me = await api.get('/me')
  const mine = (await api.get(`/customers?owner=${me.id}&sort=name&per_page=5`)).items
  const [a, b, c, d] = mine
  const lina = (await api.get('/users/directory')).items.find((u) => u.login === 'lina')

  await open360(page, a.id)
  const view = await api.get(`/customers/${a.id}/view`)
  assert.deepEqual(view.can, { edit: true, manage: true })
  if (view.pool.days_until_pool !== null) {
    await page.locator('[data-test=days-until-pool]', { hasText: `${view.pool.days_until_pool} 天后进入公海` }).waitFor()
  }
  const locked = act(page, 'lock', a.id, 200)
  await locked
  await page.locator('[data-test=customer-locked]').waitFor()
  assert.equal((await api.get(`/customers/${a.id}/view`)).pool.locked, true)
  // Locked: no release, no second lock; unlock is offered.
  await page.locator('[data-test=customer-actions-button]').click()
  await page.locator('.el-dropdown-menu:visible [data-test=act-unlock]').waitFor()
  assert.equal(await page.locator('.el-dropdown-menu:visible [data-test=act-release]').count(), 0)
  await page.keyboard.press('Escape')
  await shot(page, 'daily-11-customer-locked')

  // A second lock goes over the cap of 1: the API's message, in Chinese.
  page.allow(/status of 409/)
  await open360(page, b.id)
  const refused = act(page, 'lock', b.id, 409)
  await refused
  await page.locator('.el-message--error', { hasText: '超出锁定上限' }).waitFor()
  assert.equal((await api.get(`/customers/${b.id}/view`)).pool.locked, false)
  await shot(page, 'daily-12-lock-cap')

  await open360(page, a.id)
  const unlocked = act(page, 'unlock', a.id, 200)
  await unlocked
  await page.locator('[data-test=customer-locked]').waitFor({ state: 'detached' })
  assert.equal((await api.get(`/customers/${a.id}/view`)).pool.locked, false)

  // Transfer b to 李娜: b leaves the rep's scope.
  await open360(page, b.id)
  await page.locator('[data-test=customer-actions-button]').click()
  await page.locator('.el-dropdown-menu:visible [data-test=act-transfer]').click()
  await page.locator('[data-test=transfer-dialog]').waitFor()
  await pick(page, page.locator('[data-test=transfer-to]'), lina.display_name)
  await shot(page, 'daily-13-transfer')
  const moved = page.waitForResponse((r) => path(r) === `/api/v1/customers/${b.id}/transfer` && r.status() === 200)
  await page.locator('[data-test=transfer-submit]').click()
  assert.equal((await (await moved).json()).owner, lina.id)
  await page.waitForURL(/\/customers$/)

  // Release c to the pool, asked first.
  await open360(page, c.id)
  const released = act(page, 'release', c.id, 200)
  await confirmBox(page).locator('.el-button--primary').click()
  await released
  await page.locator('[data-test=customer-view] .el-alert', { hasText: '该客户在公海中' }).waitFor()
  assert.equal((await api.get(`/customers/${c.id}`)).in_pool, true)
  // A pool customer offers the rep nothing to do with it.
  assert.equal(await page.locator('[data-test=customer-actions-button]').count(), 0)

  // Delete d, asked first; back to the list.
  await open360(page, d.id)
  const deleted = act(page, 'delete', d.id, 204)
  await confirmBox(page).locator('.el-button--primary').click()
  await deleted
  await page.waitForURL(/\/customers$/)
  const gone = await page.context().request.get(`/api/v1/customers/${d.id}`)
  assert.equal(gone.status(), 404)
  noErrors(page, 'customer actions')
  await page.context().close()
})

test('the history tab shows who changed which field, by its label, newest first', async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  const api = await apiOf(page)
  const me = await api.get('/me')
  const cust = (await api.get(`/customers?owner=${me.id}&sort=-name&per_page=1`)).items[0]
  const req = page.context().request
  const csrf = await page.evaluate(() => localStorage.getItem('kehu.csrf'))
  const r = await req.patch(`/api/v1/customers/${cust.id}`, { data: { region: '历史测试区', segment: 'energy' }, headers: { 'X-CSRF-Token': csrf } })
  assert.equal(r.status(), 200)
  await api.post('/opportunities', { customer: cust.id, name: '历史商机', stage: 'proposal' })
  await open360(page, cust.id)
  const loaded = page.waitForResponse((x) => path(x) === `/api/v1/customers/${cust.id}/history`)
  await page.locator('#tab-history').click()
  const body = await (await loaded).json()
  assert.equal(body.items[0].entity, 'opportunity')
  const entries = page.locator('[data-test=history-entry]')
  await entries.first().waitFor()
  assert.equal(await entries.count(), body.items.length)
  assert.match(await entries.nth(0).innerText(), /新建[\s\S]*商机 #\d+[\s\S]*王伟[\s\S]*商机名称: （空） → 历史商机/)
  const second = await entries.nth(1).innerText()
  assert.match(second, /修改[\s\S]*王伟/)
  assert.match(second, /地区: .* → 历史测试区/)
  assert.match(second, /行业: .* → 能源/)
  assert.doesNotMatch(second, /region|segment/)
  await shot(page, 'daily-14-history')
  await page.locator('[data-test=lang-switch]').click()
  await entries.nth(1).filter({ hasText: 'Segment' }).waitFor()
  noErrors(page, 'history tab')
  await page.context().close()
})

test('the customer list shows the next contact, the last note and the days until the pool', async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  const api = await apiOf(page)
  const me = await api.get('/me')
  const list = await api.get(`/customers?owner=${me.id}&sort=name&per_page=50`)
  const due = list.items.find((x) => x.days_until_pool !== null)
  assert.ok(due, 'a customer of the rep has a pool clock')
  await page.goto('/customers')
  await page.locator('[data-test=page-customers]').waitFor()
  await settle(page)
  const header = await page.locator('.el-table__header-wrapper').first().innerText()
  for (const label of ['下次联系日期', '最近联系内容', '距离进入公海']) assert.match(header, new RegExp(label))
  const row = page.locator('.el-table__body-wrapper .el-table__row', { hasText: due.name }).first()
  const search = page.locator('input[data-test=customer-search], [data-test=customer-search] input').first()
  await search.fill(due.name)
  await search.press('Enter')
  await settle(page)
  await row.locator('[data-test=list-days-until-pool]', { hasText: `${due.days_until_pool} 天` }).waitFor()
  await shot(page, 'daily-18-customer-list-followup')
  noErrors(page, 'customer list follow-up')
  await page.context().close()
})
