import path from 'node:path'
import { expect, test } from '@playwright/test'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import { routerTurn } from '../fixtures/prds/planning-model'
import { shopPrd } from '../fixtures/prds/prds'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { shots, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess
let model: ModelServer

test.beforeAll(async () => {
  model = await startModelServer({ scenario: Array.from({ length: 10 }, routerTurn) })
  // The served core and the CLI reach the scripted model through the environment.
  process.env.ANTHROPIC_BASE_URL = model.url
  process.env.ANTHROPIC_API_KEY = 'sk-e2e'
})
useDeck('fd-e2e-plan-', (deck) => ({ tmp, home, serve } = deck))
test.afterAll(() => model?.close())

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

  await page.getByRole('button', { name: 'Compare versions' }).click()
  await page.getByLabel('Compare from').selectOption('1')
  const list = page.getByTestId('diff-list')
  await expect(list).toContainText('added: component mailer (worker)')
  await expect(list).toContainText('changed: component web-app: Web App → Storefront')
  await expect(page.getByTestId('diff-right').getByTestId('node-mailer')).toBeVisible()
  await expect(page.getByTestId('diff-left').getByTestId('node-mailer')).toHaveCount(0)
  await page.screenshot({ path: path.join(shots, 'plan-version-diff.png') })

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
})
