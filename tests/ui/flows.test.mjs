// Browser tests of the kehu web UI, against a real server on a demo
// database: log in, create a customer with a contact, log a visit and plan
// and report one, find the customer by pinyin initials and through the
// incoming-call lookup, check that a sales rep of another team can see it
// neither in the UI nor through the API, and open every page (desktop and
// phone width) without console errors, with a screenshot of each.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, startServer, newPage, login, shot, settle, field, DESKTOP, PHONE } from './harness.mjs'

const suite = demoSuite()
// A name whose initials (qtjg...) no demo customer has, and a fresh mobile.
const suffix = String(Date.now() % 10000).padStart(4, '0')
const NAME = '钱塘江光测控技术有限公司'
const INITIALS = 'qtjgck'
const CONTACT = '钟离雪'
const MOBILE = `1390571${suffix}`
const MOBILE_TYPED = `+86 139-0571-${suffix}`
let customerId = null


test('log in, create a customer with a contact, log a visit', async () => {
  const page = await suite.page()
  // A wrong password shows the API's message next to the field.
  await page.goto('/login')
  await settle(page)
  await shot(page, '01-login')
  page.allow(/status of 401/)
  await field(page, 'login').fill('wangwei')
  await field(page, 'password').fill('wrong-password')
  await page.locator('[data-test=login-submit]').click()
  await page.locator('.el-form-item__error').first().waitFor()
  await login(page, 'wangwei')
  await shot(page, '02-dashboard')

  await page.locator('[data-test=menu-customers]').click()
  await page.locator('[data-test=page-customers]').waitFor()
  await settle(page)
  await page.locator('[data-test=customer-table] .el-table__row').first().waitFor()
  await shot(page, '03-customers')

  // Required field: inline validation before any request.
  await page.locator('[data-test=customer-new]').click()
  const dialog = page.locator('[data-test=customer-create]')
  await dialog.waitFor()
  await page.locator('[data-test=cc-submit]').click()
  await dialog.locator('.el-form-item__error').first().waitFor()
  await field(page, 'cc-name').fill(NAME)
  await field(page, 'cc-phone').fill('0571-8888 ' + suffix)
  await field(page, 'cc-contact-name').fill(CONTACT)
  await field(page, 'cc-contact-mobile').fill(MOBILE_TYPED)
  await shot(page, '04-customer-create')
  await Promise.all([page.waitForURL(/\/customers\/\d+$/), page.locator('[data-test=cc-submit]').click()])
  customerId = Number(page.url().match(/customers\/(\d+)$/)[1])
  await page.locator('[data-test=customer-name]', { hasText: NAME }).waitFor()
  await settle(page)
  await shot(page, '05-customer-360')

  // The contact is there, in the table and the org chart.
  await page.locator('.el-tabs__item', { hasText: /联系人/ }).click()
  await page.locator('[data-test=contact-table]', { hasText: CONTACT }).waitFor()
  await page.locator('[data-test=org-chart]', { hasText: CONTACT }).waitFor()
  await shot(page, '06-customer-contacts')

  // Quick "log a visit".
  await page.locator('[data-test=log-visit]').click()
  await page.locator('[data-test=quick-log]').waitFor()
  await field(page, 'ql-subject').fill('上门了解年度采购计划')
  await field(page, 'ql-note').fill('客户计划明年扩产，需要压力传感器 200 台')
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/activities') && r.request().method() === 'POST' && r.status() === 201),
    page.locator('[data-test=ql-submit]').click(),
  ])
  await page.locator('.el-tabs__item', { hasText: /跟进记录/ }).click()
  await page.locator('[data-test=timeline]', { hasText: '上门了解年度采购计划' }).waitFor()
  await settle(page)
  await shot(page, '07-customer-timeline')

  // A visit plan (three preparations, topics, places), then its report.
  await page.locator('[data-test=plan-visit]').click()
  await page.locator('[data-test=page-visit-form]').waitFor()
  await settle(page)
  await field(page, 'visit-subject').fill('季度拜访')
  await field(page, 'visit-purpose').fill('确认扩产项目的采购时间表')
  await field(page, 'visit-prep_time_place').fill('周三上午十点，客户总部')
  await field(page, 'visit-topic_market_competitors').fill('竞品降价情况')
  await field(page, 'visit-place_market').fill('杭州仪器仪表市场')
  await shot(page, '08-visit-plan')
  await Promise.all([page.waitForURL(/\/visits\/\d+$/), page.locator('[data-test=visit-save-plan]').click()])
  await field(page, 'visit-report').waitFor()
  await field(page, 'visit-report').fill('市场需求稳定，竞品在价格上有压力')
  await shot(page, '09-visit-report')
  await Promise.all([page.waitForURL(/\/customers\/\d+$/), page.locator('[data-test=visit-save-report]').click()])
  await page.locator('[data-test=customer-name]', { hasText: NAME }).waitFor()
  await settle(page)
  // The reported visit is among my recent visits, under the customer's name.
  await page.locator('[data-test=menu-visits]').click()
  await page.locator('[data-test=visits-recent]', { hasText: NAME }).waitFor()
  await settle(page)
  noErrors(page, 'create and log')
  await page.context().close()
})

test('find the customer by pinyin initials and by an incoming call', async () => {
  assert.ok(customerId, 'the first test created the customer')
  const page = await suite.page()
  await login(page, 'wangwei')
  await page.goto('/customers')
  await settle(page)
  // The search box filters the customer table itself (q on GET /customers).
  await field(page, 'customer-search').fill(INITIALS)
  const hit = page.locator('[data-test=customer-table] .el-table__row', { hasText: NAME }).locator('a.name-link')
  await hit.waitFor()
  await settle(page)
  await shot(page, '10-search-pinyin')
  await Promise.all([page.waitForURL(new RegExp(`/customers/${customerId}$`)), hit.click()])
  await page.locator('[data-test=customer-name]', { hasText: NAME }).waitFor()

  // The contact's name by full pinyin shows in the contacts hint.
  await page.goto('/customers')
  await settle(page)
  await field(page, 'customer-search').fill('zhonglixue')
  await page.locator('[data-test=search-hit]', { hasText: CONTACT }).waitFor()

  // Incoming call, the number typed in another format.
  await page.locator('[data-test=menu-call]').click()
  await field(page, 'call-phone').fill(`0086 139 0571 ${suffix}`)
  await page.locator('[data-test=call-lookup]').click()
  await page.locator('[data-test=customer-name]', { hasText: NAME }).waitFor()
  await page.locator('[data-test=matched-contact]', { hasText: CONTACT }).waitFor()
  await settle(page)
  await shot(page, '11-incoming-call')
  noErrors(page, 'search and call')
  await page.context().close()
})

test('a sales rep of another team sees it neither in the UI nor in the API', async () => {
  assert.ok(customerId)
  const page = await suite.page()
  page.allow(/status of 404/)
  await login(page, 'lina') // 华东销售部; the customer belongs to wangwei of 华北销售部
  await page.goto(`/customers/${customerId}`)
  await page.locator('[data-test=customer-error]').waitFor()
  assert.equal(await page.locator('[data-test=customer-name]').count(), 0)
  await shot(page, '12-other-team-404')

  await page.goto('/customers')
  await settle(page)
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/customers?') && r.url().includes(`q=${INITIALS}`)),
    field(page, 'customer-search').fill(INITIALS),
  ])
  await settle(page)
  assert.equal(await page.locator('[data-test=customer-table] .el-table__row', { hasText: NAME }).count(), 0)
  assert.equal(await page.locator('[data-test=search-hit]', { hasText: NAME }).count(), 0)

  await page.goto('/call')
  await field(page, 'call-phone').fill(MOBILE)
  await page.locator('[data-test=call-lookup]').click()
  await page.locator('[data-test=call-notfound]').waitFor()

  // The same through the API with lina's session.
  const api = page.context().request
  assert.equal((await api.get(`/api/v1/customers/${customerId}`)).status(), 404)
  assert.equal((await api.get(`/api/v1/customers/${customerId}/view`)).status(), 404)
  assert.equal((await api.get(`/api/v1/lookup?phone=${MOBILE}`)).status(), 404)
  const s = await (await api.get(`/api/v1/search?q=${INITIALS}`)).json()
  assert.ok(!s.items.some((x) => x.name === NAME || x.customer_name === NAME))
  noErrors(page, 'other team')
  await page.context().close()
})

const PAGES = [
  ['dashboard', '/dashboard', 'page-dashboard'],
  ['customers', '/customers', 'page-customers'],
  ['customer', () => `/customers/${customerId}`, 'customer-view'],
  ['call', () => `/call?phone=${MOBILE}`, 'customer-view'],
  ['pool', '/pool', 'page-pool'],
  ['visits', '/visits', 'page-visits'],
  ['visit-new', () => `/visits/new?customer=${customerId}`, 'page-visit-form'],
  ['pipeline', '/pipeline', 'page-pipeline'],
  ['settings', '/settings', 'page-settings'],
]

for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`every page opens without console errors (${label})`, async () => {
    assert.ok(customerId)
    const page = await suite.page(viewport)
    await login(page, 'wangwei')
    for (const [name, path, marker] of PAGES) {
      await page.goto(typeof path === 'function' ? path() : path)
      await page.locator(`[data-test=${marker}]`).first().waitFor()
      await settle(page)
      await shot(page, `${label}-${name}`)
      noErrors(page, `${label} ${name}`)
    }
    // Nothing overflows the phone's width but tables (which scroll).
    if (viewport === PHONE) {
      await page.goto('/customers')
      await settle(page)
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= PHONE.width + 1, `page is ${width}px wide`)
      await page.locator('[data-test=menu-toggle]').click()
      await page.locator('.el-drawer [data-test=menu-pool]').waitFor()
      await shot(page, 'phone-menu')
    }
    await page.context().close()
  })
}

test('查重: another team\'s rep learns who holds it and cannot force; a manager forces', async () => {
  assert.ok(customerId)
  const page = await suite.page()
  page.allow(/status of 409/)
  await login(page, 'lina')
  await page.goto('/customers')
  await settle(page)
  // The check box, with the name in traditional characters and without the suffix.
  await field(page, 'duplicate-check-input').fill('錢塘江光測控技術')
  await page.locator('[data-test=duplicate-check-run]').click()
  await page.locator('[data-test=duplicate-check-results] [data-test=duplicate-text]', { hasText: NAME }).waitFor()
  await page.locator('[data-test=duplicate-check-results]', { hasText: '王伟' }).waitFor()
  await shot(page, '12a-duplicate-check')
  // The new-customer dialog refuses it in the user's language, without a force button.
  await page.locator('[data-test=customer-new]').click()
  await field(page, 'cc-name').fill(NAME)
  await page.locator('[data-test=cc-submit]').click()
  const notice = page.locator('[data-test=customer-create] [data-test=duplicate-notice]')
  await notice.locator('[data-test=duplicate-text]', { hasText: `#${customerId}` }).waitFor()
  assert.match(await notice.innerText(), /客户名称与已有客户重复/)
  assert.equal(await notice.locator('[data-test=duplicate-force]').count(), 0)
  await shot(page, '12b-duplicate-refused')
  await page.context().close()

  const mgr = await suite.page()
  mgr.allow(/status of 409/)
  await login(mgr, 'manager')
  await mgr.goto('/customers')
  await settle(mgr)
  await mgr.locator('[data-test=customer-new]').click()
  await field(mgr, 'cc-name').fill(NAME)
  await mgr.locator('[data-test=cc-submit]').click()
  const force = mgr.locator('[data-test=customer-create] [data-test=duplicate-force]')
  await force.waitFor()
  await Promise.all([mgr.waitForURL(/\/customers\/\d+$/), force.click()])
  assert.notEqual(Number(mgr.url().match(/customers\/(\d+)$/)[1]), customerId)
  noErrors(mgr, 'duplicate force')
  await mgr.context().close()
})

test('English switch is remembered; a manager sees the pool and claims', async () => {
  const page = await suite.page()
  await login(page, 'manager')
  await page.locator('[data-test=lang-switch]').click()
  await page.locator('[data-test=menu-customers]', { hasText: 'Customers' }).waitFor()
  await page.reload()
  await page.locator('[data-test=menu-customers]', { hasText: 'Customers' }).waitFor()
  await page.goto('/pool')
  await page.locator('[data-test=pool-limit]').waitFor()
  await settle(page)
  await shot(page, 'en-pool')
  const rows = page.locator('[data-test=pool-table] .el-table__body-wrapper .el-table__row')
  if ((await rows.count()) > 0) {
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/claim') && r.status() === 200),
      page.locator('[data-test=pool-claim]').first().click(),
    ])
    await settle(page)
  }
  await page.goto(`/customers/${customerId}`)
  await page.locator('[data-test=customer-view]').waitFor()
  await settle(page)
  await shot(page, 'en-customer-360')
  noErrors(page, 'english')
  await page.context().close()
})

test('first-run setup with the one-time token', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const dir = mkdtempSync(join(tmpdir(), 'kehu-setup-'))
  const empty = await startServer(join(dir, 'empty.db'))
  try {
    const token = empty.stderr().match(/setup token: (\S+)/)[1]
    const page = await newPage(suite.browser, empty.url)
    page.allow(/status of 40[13]/)
    await page.goto('/setup')
    await settle(page)
    await field(page, 'setup-token').fill('setup_wrong')
    await field(page, 'setup-password').fill('a-long-password')
    await field(page, 'setup-password2').fill('a-long-password')
    await page.locator('[data-test=setup-submit]').click()
    await page.locator('.el-form-item__error, .el-message--error').first().waitFor()
    await shot(page, '00-setup-error')
    await field(page, 'setup-token').fill(token)
    await Promise.all([page.waitForURL(/\/dashboard$/), page.locator('[data-test=setup-submit]').click()])
    await page.locator('[data-test=page-dashboard]').waitFor()
    noErrors(page, 'setup')
    await page.context().close()
  } finally {
    await empty.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})
