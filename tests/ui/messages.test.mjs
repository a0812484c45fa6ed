// Browser test of the messages in the UI's language: the API's errors come
// in 中文 or English as the UI asks (Accept-Language), beside their field —
// the login page's wrong password, the customer form's missing name, a money
// field's third decimal — and 设置 names every group and setting for people,
// never by its key ("keyaccount", "score.weight.brand_loyalty").
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, shot, settle, field } from './harness.mjs'

const suite = demoSuite()

async function pageIn(lang) {
  const page = await suite.page()
  await page.addInitScript((l) => localStorage.setItem('kehu.lang', l), lang)
  page.allow(/status of 40[01]/)
  return page
}

const errorOf = (page, scope = 'body') => page.locator(`${scope} .el-form-item__error`).first()

async function wrongPassword(page) {
  await page.goto('/login')
  await settle(page)
  await field(page, 'login').fill('wangwei')
  await field(page, 'password').fill('wrong-password')
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/login')
  await page.locator('[data-test=login-submit]').click()
  const r = await answered
  assert.equal(r.status(), 401)
  return (await errorOf(page).innerText()).trim()
}

async function missingName(page) {
  await page.goto('/customers')
  await page.locator('[data-test=page-customers]').waitFor()
  await settle(page)
  await page.locator('[data-test=customer-new]').click()
  const dialog = '[data-test=customer-create]'
  await page.locator(dialog).waitFor()
  // Blank after trimming: the form's own check passes, the API's refuses.
  await field(page, 'cc-name').fill('   ')
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/customers' && r.request().method() === 'POST')
  await page.locator('[data-test=cc-submit]').click()
  const r = await answered
  assert.equal(r.status(), 400)
  const body = await r.json()
  assert.equal(body.error.field, 'name')
  assert.equal(body.error.reason, 'required')
  return (await errorOf(page, dialog).innerText()).trim()
}

async function thirdDecimal(page) {
  await page.goto('/customers/1')
  await page.locator('[data-test=customer-view]').waitFor()
  await settle(page)
  await page.locator('[data-test=customer-tabs] #tab-level2').click()
  await page.locator('[data-test=customer-tabs] .el-tab-pane:visible .tab-actions button').click()
  const dialog = '[data-test=record-dialog]'
  await page.locator(dialog).waitFor()
  await field(page, 'rd-purchase_budget').fill('1234.567')
  const answered = page.waitForResponse((r) => /\/api\/v1\/customers\/1$/.test(new URL(r.url()).pathname) && r.request().method() === 'PATCH')
  await page.locator('[data-test=rd-submit]').click()
  const r = await answered
  assert.equal(r.status(), 400)
  assert.equal((await r.json()).error.reason, 'decimals')
  return (await errorOf(page, dialog).innerText()).trim()
}

// Every group title and setting label of 设置, and the keys they stand for.
async function settingsTexts(page) {
  await page.goto('/settings')
  await page.locator('[data-test=settings-thresholds]').waitFor()
  await settle(page)
  const titles = await page.locator('[data-test=settings-group-title]').allInnerTexts()
  const labels = await page.locator('[data-test=settings-thresholds] .setting .el-form-item__label').allInnerTexts()
  return { titles: titles.map((s) => s.trim()), labels: labels.map((s) => s.trim()) }
}

// A raw key: the setting's or group's own name, or a name_with_underscores
// in a 中文 label (an English description may quote a value: net_profit).
const isKey = (s) => /^[a-z0-9_.*]+$/.test(s)
const hasName = (s) => /[a-z]_[a-z]/.test(s)

test('中文: errors beside their fields in 中文, every setting named in 中文', async () => {
  const page = await pageIn('zh')
  assert.equal(await wrongPassword(page), '用户名或密码错误')
  await login(page, 'admin')
  assert.equal(await missingName(page), '不能为空')
  await shot(page, 'messages-zh-customer-name')
  await page.keyboard.press('Escape')
  assert.equal(await thirdDecimal(page), '金额最多两位小数')
  await shot(page, 'messages-zh-money')

  const { titles, labels } = await settingsTexts(page)
  assert.ok(titles.length >= 12, titles.join(' | '))
  assert.ok(labels.length >= 45, String(labels.length))
  for (const s of [...titles, ...labels]) {
    assert.ok(!isKey(s) && !hasName(s), `a raw key in 设置: ${s}`)
    assert.match(s, /[\u4e00-\u9fff]/, `not 中文 in 设置: ${s}`)
    assert.doesNotMatch(s, /Weighted score|Key accounts/, s)
  }
  assert.ok(titles.includes('重点客户') && titles.includes('加权评分'), titles.join(' | '))
  await shot(page, 'messages-zh-settings')
  noErrors(page, 'messages in 中文')
  await page.context().close()
})

test('English: errors beside their fields in English, every setting named in English', async () => {
  const page = await pageIn('en')
  assert.equal(await wrongPassword(page), 'wrong login or password')
  await login(page, 'admin')
  assert.equal(await missingName(page), 'Customer name is required')
  await page.keyboard.press('Escape')
  assert.equal(await thirdDecimal(page), 'Purchase budget has more than two decimals (fen)')
  await shot(page, 'messages-en-money')

  const { titles, labels } = await settingsTexts(page)
  assert.ok(labels.length >= 45, String(labels.length))
  for (const s of [...titles, ...labels]) {
    assert.ok(!isKey(s), `a raw key in Settings: ${s}`)
    assert.doesNotMatch(s, /[\u4e00-\u9fff]/, `中文 in the English Settings: ${s}`)
  }
  assert.ok(titles.includes('Key accounts') && titles.includes('Weighted score'), titles.join(' | '))
  noErrors(page, 'messages in English')
  await page.context().close()
})
