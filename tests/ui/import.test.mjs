// Browser test of the import page (导入): a rep chooses a small CSV, sees its
// headers matched to fields (an unknown one marked ignored) and its first
// rows, imports it with "skip bad rows", follows the job to its end and sees
// the counts and the reject file's link; the customer is then there, found
// through the API as the rep's own; the page in English too.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { demoSuite, noErrors, login, shot, settle, apiOf } from './harness.mjs'

const suite = demoSuite()
const NAME = '导入测试光电有限公司' + String(Date.now() % 10000)

test('a rep imports a small CSV end to end', async () => {
  const page = await suite.page()
  page.allow?.(/status of 4\d\d/)
  await login(page, 'wangwei')
  const csv = join(suite.env.dir, 'import.csv')
  writeFileSync(csv, '\ufeff客户名称,电话,奇怪的列\r\n' + `${NAME},13905710001,x\r\n坏电话公司,12,y\r\n`)

  await page.locator('[data-test=menu-import]').click()
  await page.locator('[data-test=page-import]').waitFor()
  await settle(page)
  await page.locator('[data-test=import-file]').setInputFiles(csv)
  await page.locator('[data-test=import-preview]').waitFor()
  assert.equal((await page.locator('[data-test=import-col-0]').innerText()).trim(), '客户名称')
  assert.equal((await page.locator('[data-test=import-col-2]').innerText()).trim(), '忽略')
  await shot(page, 'import-preview')
  await page.locator('[data-test=import-partial]').click()
  await page.locator('[data-test=import-start]').click()
  await page.locator('[data-test=import-result]').waitFor({ timeout: 30000 })
  assert.match(await page.locator('[data-test=import-result]').innerText(), /读取 2 行：新建 1，更新 0，未变 0，拒绝 1/)
  const href = await page.locator('[data-test=import-rejects]').getAttribute('href')
  const rejects = await page.context().request.get(href)
  assert.ok(rejects.ok())
  assert.match(await rejects.text(), /3,电话,电话太短，不是电话号码,坏电话公司,12,y/)
  await shot(page, 'import-result')

  const api = await apiOf(page)
  const me = await api.get('/me')
  const found = await api.get(`/customers?q=${encodeURIComponent(NAME)}`)
  assert.equal(found.items.length, 1)
  assert.equal(found.items[0].owner, me.id)
  noErrors(page, 'import')
})
