// Browser test of the 统计 page (the 7P statistics) and the cross-sell card of
// the 360° view (issue 14), against a real server on a demo database. Every
// tab draws its chart and table from its endpoint; performance switches its
// grouping; product shows a pair made here by hand (two new products bought
// together twice, one of them once alone) and the Excel download is a
// workbook; the customer who bought only the one is told about the other,
// with the reason; a rep's page counts the rep's customers only; in English
// too.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, shot, settle, pick, apiOf, adminSettings } from './harness.mjs'

const suite = demoSuite()
const NAMES = ['profiling', 'persistency', 'profitability', 'performance', 'prospecting', 'product']

async function openTab(page, name) {
  await page.locator(`[data-test=stat-tab-${name}]`).click()
  await page.locator(`[data-test=stat-asof-${name}]`).waitFor()
  const card = page.locator(`[data-test=stat-chart-${name}]`)
  await card.locator('canvas').first().waitFor()
  await page.waitForFunction((n) => Number(document.querySelector(`[data-test=stat-chart-${n}]`)?.dataset.points) > 0, name)
  return page.locator(`[data-test=stat-table-${name}] .el-table__body tr`)
}

test('every P, the grouping, the pair made here, the download and the cross-sell card', async () => {
  // pairs as rare as two orders among the demo's thousands are kept
  await adminSettings(suite, { 'basket.min_support': '0' })
  const page = await suite.page()
  await login(page, 'admin')
  const api = await apiOf(page)
  const today = new Date().toISOString().slice(0, 10)
  const p = (await api.post('/products', { name: '测温探头', code: 'UI-P', category: '传感器', unit_price: '300' })).id
  const q = (await api.post('/products', { name: '探头支架', code: 'UI-Q', category: '配件', unit_price: '50' })).id
  const ids = []
  for (const [name, lines] of [['关联甲公司', [p, q]], ['关联乙公司', [p, q]], ['关联丙公司', [p]]]) {
    const cid = (await api.post('/customers', { name })).id
    await api.post('/orders', { customer: cid, date: today, channel: '直销', lines: lines.map((id) => ({ product: id, quantity: 1 })) })
    ids.push(cid)
  }

  await page.locator('[data-test=menu-statistics]').click()
  await page.locator('[data-test=page-statistics]').waitFor()
  for (const name of NAMES) {
    const rows = await openTab(page, name)
    await rows.first().waitFor()
    const want = await api.get('/statistics/' + name)
    assert.match(await page.locator(`[data-test=stat-asof-${name}]`).innerText(), new RegExp(`${want.customers} 个客户`), name)
    await shot(page, `statistics-${name}`)
  }

  // performance: by channel, the table's rows are the API's
  await openTab(page, 'performance')
  await pick(page, page.locator('[data-test=stat-group]'), '渠道')
  await page.locator('[data-test=stat-table-performance] th', { hasText: '渠道' }).waitFor()
  const byChannel = await api.get('/statistics/performance?group=channel')
  const rows = page.locator('[data-test=stat-table-performance] .el-table__body tr')
  await page.waitForFunction((n) => document.querySelectorAll('[data-test=stat-table-performance] .el-table__body tr').length === n, byChannel.rows.length)
  assert.match(await rows.filter({ hasText: '直销' }).first().innerText(), /直销/)

  // product: the pair made here, with its lift; the workbook downloads
  const pairs = await openTab(page, 'product')
  const pair = pairs.filter({ hasText: '探头支架' }).first()
  await pair.waitFor()
  assert.match(await pair.innerText(), /测温探头/)
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=stat-download-product]').click()])
  assert.match(download.suggestedFilename(), /^statistics-product-.*\.xlsx$/)
  const body = await (await page.context().request.get('/api/v1/statistics/product?format=xlsx&lang=zh')).body()
  assert.equal(body.subarray(0, 2).toString(), 'PK', 'a zip: the xlsx workbook')

  // the customer who bought only the probe: the bracket, because of the probe
  await page.goto(`/customers/${ids[2]}`)
  const card = page.locator('[data-test=cross-sell]')
  await card.locator(`[data-test=cross-sell-${q}]`).waitFor()
  assert.match(await card.innerText(), /探头支架/)
  assert.match(await card.innerText(), /买过 测温探头；买 测温探头 的客户也买 探头支架/)
  await shot(page, 'statistics-cross-sell')
  // one who bought both: nothing of the pair left to suggest
  await page.goto(`/customers/${ids[0]}`)
  await page.locator('[data-test=cross-sell]').waitFor()
  assert.equal(await page.locator(`[data-test=cross-sell-${q}], [data-test=cross-sell-${p}]`).count(), 0)
  noErrors(page, 'statistics (admin)')
  await page.context().close()
})

test("a rep's statistics are the rep's customers; in English", async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  const api = await apiOf(page)
  const mine = await api.get('/statistics/performance')
  await page.goto('/statistics')
  await page.locator('[data-test=page-statistics]').waitFor()
  await openTab(page, 'performance')
  assert.match(await page.locator('[data-test=stat-asof-performance]').innerText(), new RegExp(`${mine.customers} 个客户`))
  await page.locator('[data-test=lang-switch]').click()
  await page.locator('[data-test=stat-tab-prospecting]', { hasText: 'Prospecting' }).waitFor()
  await openTab(page, 'prospecting')
  await page.locator('[data-test=stat-table-prospecting] th', { hasText: 'First orders' }).waitFor()
  await settle(page)
  await shot(page, 'statistics-rep-en')
  noErrors(page, 'statistics (rep)')
  await page.context().close()
})
