// Text that users typed is shown as text, never run as markup: a customer,
// contact, opportunity and visit whose names carry HTML and script are
// created through the API, then every page that shows them is opened; the
// markup must appear literally and none of it may execute.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, login, shot, settle } from './harness.mjs'

const suite = demoSuite()

const CUSTOMER = '<img src=x onerror="window.__xss=1">恶意标记公司'
const CONTACT = '<script>window.__xss=2</script>钱多多'
const OPPORTUNITY = '<svg onload="window.__xss=3">标记项目'
const NOTE = '<b onmouseover="window.__xss=4">加粗</b>'
const PHONE = '13987650123'


async function post(page, path, data) {
  const csrf = await page.evaluate(() => localStorage.getItem('kehu.csrf'))
  const r = await page.context().request.post('/api/v1' + path, { data, headers: { 'X-CSRF-Token': csrf } })
  assert.ok(r.ok(), `${path}: ${r.status()} ${await r.text()}`)
  return r.json()
}

async function noScriptRan(page, where) {
  assert.equal(await page.evaluate(() => window.__xss), undefined, `markup ran on ${where}`)
  assert.deepEqual(page.errors, [], `console errors on ${where}`)
}

test('names with markup are shown literally on every page', async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  const c = await post(page, '/customers', { name: CUSTOMER, phone: PHONE })
  await post(page, '/contacts', { customer: c.id, name: CONTACT, mobile: '13987650124' })
  await post(page, '/opportunities', { customer: c.id, name: OPPORTUNITY, stage: 'lead', amount: '8000' })
  await post(page, '/activities', { customer: c.id, kind: 'visit', date: '2026-11-30', note: NOTE, purpose: NOTE })

  await page.goto('/customers')
  await settle(page)
  await page.locator('[data-test=customer-search] input, input[data-test=customer-search]').first().fill('恶意标记')
  await page.getByText(CUSTOMER).first().waitFor()
  await noScriptRan(page, 'customers')

  await page.goto(`/customers/${c.id}`)
  await settle(page)
  await page.getByText(CUSTOMER).first().waitFor()
  await page.getByText(CONTACT).first().waitFor({ state: 'attached' })
  await noScriptRan(page, 'customer 360')

  await page.goto('/call')
  await settle(page)
  await page.locator('[data-test=call-phone] input, input[data-test=call-phone]').first().fill(PHONE)
  await page.keyboard.press('Enter')
  await page.getByText(CUSTOMER).first().waitFor()
  await noScriptRan(page, 'incoming call')

  await page.goto('/pipeline')
  await settle(page)
  await page.getByText(OPPORTUNITY).first().waitFor()
  await noScriptRan(page, 'pipeline')

  await page.goto('/visits')
  await settle(page)
  await page.getByText(CUSTOMER).first().waitFor()
  await page.mouse.move(10, 10)
  await noScriptRan(page, 'visits')
  await shot(page, 'escape-visits')
  await page.context().close()
})
