import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { type GithubServer, startGithubServer } from '../fixtures/github-server/github-server'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import { routerTurn } from '../fixtures/prds/planning-model'
import { shopPrd } from '../fixtures/prds/prds'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { connectWs } from '../fixtures/ws-client'
import { shots, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess
let model: ModelServer
let gh: GithubServer

test.beforeAll(async () => {
  model = await startModelServer({ scenario: Array.from({ length: 10 }, routerTurn) })
  gh = await startGithubServer('ghp_test')
  // The served core and the CLI reach the scripted model through the environment.
  process.env.ANTHROPIC_BASE_URL = model.url
  process.env.ANTHROPIC_API_KEY = 'sk-e2e'
})
useDeck('fd-e2e-plan-', (deck) => ({ tmp, home, serve } = deck))
test.afterAll(async () => {
  await model?.close()
  await gh?.close()
})

test('a person generates an architecture, edits the wireframe, and sees the new version and its diff', async ({ page }) => {
  const repo = makeGitRepo(path.join(tmp.dir, 'shop'))
  await runCli(home, 'repo', 'add', repo)
  await page.goto(serve.url)
  await page.getByRole('button', { name: 'Plans' }).click()
  await page.locator('textarea[name=prd]').fill(shopPrd)
  await page.locator('select[name=repo]').selectOption({ label: 'shop' })
  await page.getByRole('button', { name: 'Create plan' }).click()
  await page.getByRole('button', { name: 'Ask clarifying questions' }).click()
  await expect(page.getByTestId('question-Q1')).toBeVisible()
  await page.getByLabel('Answer Q2').fill('Pay on delivery')
  await page.screenshot({ path: path.join(shots, 'plan-clarifications.png') })
  await page.getByRole('button', { name: 'Generate architecture' }).click()

  await expect(page.getByTestId('current-version')).toHaveText('v1')
  await expect(page.getByTestId('node-order-api')).toBeVisible()
  await page.screenshot({ path: path.join(shots, 'plan-wireframe-v1.png') })

  await page.getByLabel('New component name').fill('Mailer')
  await page.getByLabel('New component type').selectOption('worker')
  await page.getByRole('button', { name: 'Add component' }).click()
  await expect(page.getByTestId('current-version')).toHaveText('v2')
  await expect(page.getByTestId('node-mailer')).toBeVisible()

  await page.getByTestId('node-web-app').click()
  await page.getByLabel('Rename component').fill('Storefront')
  await page.getByRole('button', { name: 'Rename' }).click()
  await expect(page.getByTestId('current-version')).toHaveText('v3')
  await expect(page.getByTestId('node-web-app')).toContainText('Storefront')
  await page.screenshot({ path: path.join(shots, 'plan-wireframe-edited.png') })
  // The selected card shows it; Delete asks before removing it (cancelled here: no new version).
  await page.getByTestId('node-mailer').click()
  await expect(page.getByTestId('node-mailer')).toHaveAttribute('data-selected', 'true')
  await expect(page.getByTestId('node-web-app')).not.toHaveAttribute('data-selected', 'true')
  await page.keyboard.press('Delete')
  await expect(page.getByRole('dialog', { name: 'Remove Mailer?' })).toBeVisible()
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByTestId('current-version')).toHaveText('v3')
  await expect(page.getByTestId('node-mailer')).toBeVisible()

  await page.getByRole('button', { name: 'Compare versions' }).click()
  await page.getByLabel('Compare from').selectOption('1')
  const list = page.getByTestId('diff-list')
  await expect(list).toContainText('added: component mailer (worker)')
  await expect(list).toContainText('changed: component web-app: Web App → Storefront')
  await expect(page.getByTestId('diff-right').getByTestId('node-mailer')).toBeVisible()
  await expect(page.getByTestId('diff-left').getByTestId('node-mailer')).toHaveCount(0)
  await page.screenshot({ path: path.join(shots, 'plan-version-diff.png') })

  // A chat proposal is previewed against the current version, and dismissed: no version is made.
  await page.getByRole('button', { name: 'Back to editing' }).click()
  await page.getByRole('button', { name: 'Chat', exact: true }).click()
  await page.getByLabel('Message').fill('Should the catalog be cached?')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.getByRole('button', { name: 'Preview changes' }).click()
  await expect(page.getByTestId('proposal-diff')).toContainText('added: component catalog-cache (cache)')
  await expect(page.getByTestId('proposal-diff')).toContainText('added: order-api -reads→ catalog-cache')
  await page.screenshot({ path: path.join(shots, 'plan-chat-proposal.png') })
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await expect(page.getByTestId('proposal-status')).toHaveText('dismissed')
  await page.getByRole('button', { name: 'Architecture' }).click()
  await expect(page.getByTestId('current-version')).toHaveText('v3')

  await page.getByRole('button', { name: 'Decomposition' }).click()
  await page.getByRole('button', { name: 'Decompose', exact: true }).click()
  await expect(page.getByLabel('Title W-6')).toHaveValue('End-to-end tests')
  await page.getByRole('button', { name: 'Dependency graph' }).click()
  await expect(page.getByTestId('dependency-graph')).toBeVisible()
  await page.screenshot({ path: path.join(shots, 'plan-dependency-graph.png') })
  await page.getByRole('button', { name: 'Approve and create issues' }).click()
  await page.getByTestId('confirm-action').click()
  await expect(page.getByRole('button', { name: 'Approved: 6 issues' })).toBeVisible()
  await page.screenshot({ path: path.join(shots, 'plan-approved.png') })


  // The plan and its tab are a URL: a reload comes back to them, Back walks the tabs, a new plan is /plans.
  const planUrl = /^#\/plans\/[A-Za-z0-9_-]+\/decomposition$/
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(planUrl)
  await page.reload()
  await expect(page.getByRole('button', { name: 'Approved: 6 issues' })).toBeVisible()
  await page.getByRole('button', { name: 'Architecture' }).click()
  await expect(page.getByTestId('current-version')).toHaveText('v3')
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/\/architecture$/)
  await page.reload()
  await expect(page.getByTestId('node-web-app')).toContainText('Storefront')
  await page.goBack()
  await expect(page.getByRole('button', { name: 'Approved: 6 issues' })).toBeVisible()
  await page.getByRole('button', { name: 'New plan' }).click()
  await expect(page.locator('textarea[name=prd]')).toBeVisible()
  expect(await page.evaluate(() => window.location.hash)).toBe('#/plans')
  await page.goBack()
  await expect(page.getByRole('button', { name: 'Approved: 6 issues' })).toBeVisible()

  // The plan as a document: each requirement traced to its components and to the issue that builds it.
  await page.getByRole('button', { name: 'Document' }).click()
  const doc = page.getByTestId('plan-document')
  await expect(doc.getByTestId('doc-rationale')).toHaveText('A modular monolith is enough for the expected load.')
  await expect(doc.getByTestId('doc-tradeoffs')).toContainText('One service')
  await expect(doc.getByTestId('doc-assumptions')).toContainText('Under 1,000 orders a day')
  await expect(doc.getByTestId('doc-stores')).toContainText('Orders (postgres), owned by Order API')
  const first = doc.getByTestId('doc-requirements').locator('tbody tr').first()
  await expect(first).toContainText('Order API')
  await page.getByRole('button', { name: 'Export the plan' }).click()
  await expect(doc.getByTestId('plan-exported')).toContainText('architecture_pack_summary.md')
  const [download] = await Promise.all([page.waitForEvent('download'), doc.getByTestId('plan-exported').getByText('architecture_pack_summary.md').click()])
  expect(download.suggestedFilename()).toBe('architecture_pack_summary.md')
  expect(fs.readFileSync(await download.path(), 'utf8')).toMatch(/^# .* \(architecture pack v3\)/)
  await expect(doc.getByRole('button', { name: 'Sync to GitHub' })).toBeDisabled()
  // GitHub sync against a scripted GitHub API: first refused without a token (said in words), then done.
  await doc.getByLabel('GitHub owner').fill('acme')
  await doc.getByLabel('GitHub repository').fill('shop')
  await doc.getByLabel('GitHub API URL').fill(gh.url)
  await doc.getByRole('button', { name: 'Sync to GitHub' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'no GitHub token' })).toBeVisible()
  const api = await connectWs(`${serve.origin.replace('http', 'ws')}/api/ws?token=${new URL(serve.url).searchParams.get('token')}`)
  await api.invoke('secret.set', { name: 'github.token', value: 'ghp_test' })
  await api.invoke('secret.trustHost', { origin: new URL(gh.url).origin })
  api.close()
  await doc.getByRole('button', { name: 'Sync to GitHub' }).click()
  await expect(doc.getByTestId('plan-synced')).toContainText('6 created, 0 updated on acme/shop.')
  await expect(doc.getByTestId('plan-synced').getByRole('listitem')).toHaveCount(6)
  expect(gh.issues.get('acme/shop')).toHaveLength(6)
  await page.screenshot({ path: path.join(shots, 'plan-document.png') })
  const workItem = first.getByRole('link').first()
  const itemTitle = (await workItem.textContent())!.replace(/^W-\d+ /, '')
  await workItem.click()
  await expect(page.getByTestId('issue-drawer')).toContainText(itemTitle)
  expect(await page.evaluate(() => window.location.hash)).toMatch(/^#\/board\?issue=/)
})
