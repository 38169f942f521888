import path from 'node:path'
import { expect, test } from '@playwright/test'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { shoot, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess

useDeck('fd-e2e-usage-', (deck) => ({ tmp, home, serve } = deck))

const root = path.resolve(import.meta.dirname, '..', '..')
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')
const agent = path.join(root, 'test', 'fixtures', 'spending-agent.ts')
const cliJson = async <T>(...args: string[]): Promise<T> => JSON.parse(await runCli(home, ...args, '--json')) as T

test('a run over its token budget is paused; its usage tab shows it and raising the budget there resumes it; the usage view sums by issue, repository and day', async ({ page }) => {
  const policy = { sandbox: { mode: 'off' }, budgets: { tokens: { soft: 3_000, hard: 6_000 } } }
  const repoDir = makeGitRepo(path.join(tmp.dir, 'spender'), { '.flightdeck/policy.json': JSON.stringify(policy) })
  await runCli(home, 'repo', 'add', repoDir)
  const issue = await cliJson<{ id: string }>('issue', 'create', '--repo', 'spender', '--title', 'Spend tokens on purpose')
  const run = JSON.parse(await runCli(home, 'run', 'start', issue.id, '--agent', 'shell', '--json', '--', process.execPath, '--import', tsx, agent, 'otlp', '1500', '400')) as { id: string }
  await page.goto(serve.url)
  await expect.poll(async () => (await cliJson<{ state: string }>('run', 'show', run.id)).state, { timeout: 60_000 }).toBe('stopped')
  // The operator hears of it: the soft limit as a warning, the pause as an error, each pointing at the run.
  await expect(page.getByTestId('notification-bell')).toBeVisible()
  await page.getByTestId('notification-bell').click()
  await expect(page.getByText('Run paused over budget').first()).toBeVisible()
  await expect(page.getByText('Run past its soft budget').first()).toBeVisible()
  await page.getByTestId('notification-bell').click()

  await page.getByRole('button', { name: 'Runs', exact: true }).click()
  await page.getByText('Spend tokens on purpose').first().click()
  await page.getByRole('tab', { name: 'Usage' }).click()
  const pane = page.getByTestId('usage-pane')
  await expect(pane.getByTestId('budget-bar')).toHaveAttribute('data-state', 'hard')
  await expect(pane.getByTestId('budget-bar')).toContainText('over the hard limit')
  await expect(pane.getByTestId('usage-records')).toContainText('claude-sonnet-4-5')
  await shoot(page, 'usage-run-paused')

  await pane.getByLabel('New tokens limit').fill('60000')
  await pane.getByRole('button', { name: 'Raise and resume' }).click()
  await expect(pane.getByTestId('budget-bar')).toHaveAttribute('data-state', /ok|soft/, { timeout: 20_000 })
  await expect.poll(async () => (await cliJson<{ attempt: number }>('run', 'show', run.id)).attempt, { timeout: 30_000 }).toBe(2)
  await runCli(home, 'run', 'stop', run.id)

  await page.getByRole('button', { name: 'Usage', exact: true }).click()
  const view = page.getByTestId('usage-view')
  await expect(view.getByTestId('usage-row').first()).toContainText('Spend tokens on purpose')
  await shoot(page, 'usage-by-issue')
  await view.getByRole('button', { name: 'By repository' }).click()
  await expect(view.getByTestId('usage-row').first()).toContainText('spender')
  await view.getByRole('button', { name: 'By day' }).click()
  await expect(view.getByTestId('usage-row').first()).toContainText(new Date().toISOString().slice(0, 10))
  await shoot(page, 'usage-by-day')
})
