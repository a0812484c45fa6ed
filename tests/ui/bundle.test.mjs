// Browser tests of how the UI is loaded: a page fetches the code of the
// components it shows and no more (the login page neither ECharts nor
// another page; the customer list no ECharts; the dashboard does draw its
// charts), and Element Plus components still follow the language switch,
// the message box (a service called from script, not a template tag) styled
// and translated.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, settle, field } from './harness.mjs'

const suite = demoSuite()

// The /assets/ files a page asks for, by name without their hash; .code()
// is the text of every script among them.
function assetsOf(page) {
  const names = new Set()
  const scripts = []
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/^\/assets\/(.+)-[\w-]{8}\.(js|css)$/)
    if (m) names.add(`${m[1]}.${m[2]}`)
  })
  page.on('response', (r) => {
    if (/^\/assets\/.+\.js$/.test(new URL(r.url()).pathname)) scripts.push(r.text())
  })
  names.code = async () => (await Promise.all(scripts)).join('\n')
  return names
}

test('each page loads only the code it shows', async () => {
  const page = await suite.page()
  const first = assetsOf(page)
  await page.goto('/login')
  await field(page, 'login').waitFor()
  await settle(page)
  assert.ok(first.has('Login.js'), [...first].join(' '))
  for (const other of ['echarts.js', 'Dashboard.js', 'Customers.js', 'Pipeline.js', 'Settings.js', 'Layout.js']) {
    assert.ok(!first.has(other), `the login page loads ${other}`)
  }
  // Element Plus comes by component: the form is there, the table and date picker are not.
  const code = await first.code()
  assert.match(code, /name:"ElFormItem"/)
  for (const name of ['ElTable', 'ElDatePicker', 'ElTabs']) assert.ok(!code.includes(`name:"${name}"`), `the login page loads ${name}`)
  await login(page, 'manager')
  await page.locator('[data-test=chart-abc] canvas').first().waitFor()
  assert.ok(first.has('echarts.js'), 'the dashboard draws with ECharts')
  await page.context().close()

  // A page without charts, opened directly (a reload, with a session).
  const list = await suite.page()
  await login(list, 'manager')
  const loaded = assetsOf(list)
  await list.goto('/customers')
  await list.locator('[data-test=customer-table] .el-table__row').first().waitFor()
  await settle(list)
  assert.ok(loaded.has('Customers.js'), [...loaded].join(' '))
  assert.ok(!loaded.has('echarts.js'), 'the customer list loads ECharts')
  noErrors(list, 'customer list')
  await list.context().close()
})

// The open message box: its buttons' texts and whether its stylesheet applies.
async function messageBox(page) {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  const buttons = (await box.locator('.el-message-box__btns button').allInnerTexts()).map((s) => s.trim())
  const style = await box.evaluate((el) => ({ background: getComputedStyle(el).backgroundColor, overlay: getComputedStyle(el.closest('.el-overlay')).position }))
  await box.locator('.el-message-box__btns button', { hasText: buttons[0] }).click()
  await box.waitFor({ state: 'hidden' })
  return { buttons, ...style }
}

test('Element Plus components follow the language switch; the message box is styled', async () => {
  const page = await suite.page()
  await login(page, 'manager')
  await page.goto('/customers')
  const total = page.locator('[data-test=customer-pager] .el-pagination__total')
  await total.filter({ hasText: /^共 \d+ 条$/ }).waitFor()
  await page.locator('[data-test=customer-table] .el-table__body .el-table__row').first().locator('.el-checkbox').click()
  await page.locator('[data-test=bulk-release]').click()
  const zh = await messageBox(page)
  assert.deepEqual(zh.buttons, ['取消', '确定'])
  assert.equal(zh.overlay, 'fixed', 'the message box overlay has its stylesheet')
  assert.notEqual(zh.background, 'rgba(0, 0, 0, 0)', 'the message box has its stylesheet')

  await page.locator('[data-test=lang-switch]').click()
  await total.filter({ hasText: /^Total \d+$/ }).waitFor()
  await page.locator('[data-test=bulk-release]').click()
  const en = await messageBox(page)
  assert.deepEqual(en.buttons, ['Cancel', 'OK'])
  await page.locator('[data-test=lang-switch]').click()
  await total.filter({ hasText: /^共 \d+ 条$/ }).waitFor()
  noErrors(page, 'customer list in two languages')
  await page.context().close()
})
