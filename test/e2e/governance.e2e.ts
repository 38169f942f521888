import path from 'node:path'
import { type Page, expect, test } from '@playwright/test'
import { forbiddenImportAgent, layeredRepoFiles } from '../fixtures/doctrine/layered-repo'
import { greeterAgent, greeterCriteria } from '../fixtures/doctrine/greeter-agent'
import { completionReview } from '../fixtures/doctrine/review-turns'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { shoot, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess
let model: ModelServer

// Other suites sharing the output folder may clear it mid-run; a trace file vanishing then fails the test.
test.use({ trace: 'off' })

test.beforeAll(async () => {
  model = await startModelServer()
  // The grader in `serve` talks to the scripted Messages API with the official SDK.
  process.env.ANTHROPIC_BASE_URL = model.url
  process.env.ANTHROPIC_API_KEY = 'e2e-grader-key'
})
useDeck('fd-e2e-gov-', (deck) => ({ tmp, home, serve } = deck))
test.afterAll(() => model?.close())

async function startShellRun(repoName: string, title: string, argv: string[], extra: string[] = []): Promise<string> {
  const issue = JSON.parse(await runCli(home, 'issue', 'create', '--repo', repoName, '--title', title, ...extra, '--json')) as { id: string }
  const run = JSON.parse(await runCli(home, 'run', 'start', issue.id, '--agent', 'shell', '--json', '--', ...argv)) as { id: string }
  return run.id
}

async function openRunGates(page: Page, title: string, state: string) {
  await page.goto(serve.url)
  await page.getByRole('button', { name: 'Runs', exact: true }).click()
  const card = page.getByTestId(`run-column-${state}`).getByTestId('run-card').filter({ hasText: title })
  await expect(card).toBeVisible({ timeout: 45_000 })
  await card.click()
  const view = page.getByTestId('run-view')
  await view.getByRole('tab', { name: 'Gates' }).click()
  return view
}

test('a forbidden import holds the close gate; the panel shows file:line and an override with a reason lets it through', async ({ page }) => {
  const repoDir = makeGitRepo(path.join(tmp.dir, 'layered'), layeredRepoFiles({ gates: { closeRetries: 0 } }))
  await runCli(home, 'repo', 'add', repoDir)
  await startShellRun('layered', 'Add a view', forbiddenImportAgent, ['--label', 'component:ui'])

  const view = await openRunGates(page, 'Add a view', 'failed')
  const panel = view.getByTestId('governance-panel')
  const close = panel.getByTestId('gate-close')
  await expect(close.getByTestId('gate-verdict')).toHaveText('failed')
  await expect(close.locator('[data-id=no_blocking_violation]')).toHaveAttribute('data-status', 'failed')
  await expect(close.locator('[data-id=no_blocking_violation]')).toContainText('src/ui/view.ts:1 imports ../db/query')
  await expect(panel.getByTestId('gate-start').getByTestId('gate-verdict')).toHaveText('passed')
  const violation = panel.getByTestId('violation')
  await expect(violation.getByTestId('evidence')).toContainText("src/ui/view.ts:1import { q } from '../db/query'")
  await expect(violation.getByTestId('violation-status')).toHaveText('open')
  await shoot(page, 'governance-violation')

  await violation.getByRole('button', { name: 'Override…' }).click()
  const override = violation.getByRole('button', { name: 'Override', exact: true })
  await expect(override).toBeDisabled()
  await violation.getByLabel('Reason for the override').fill('Accepted for now: the API layer lands in ADR-3')
  await override.click()
  await expect(violation.getByTestId('violation-status')).toHaveText('overridden')
  await expect(violation.getByTestId('override-reason')).toContainText('the API layer lands in ADR-3')

  // The agent finishes again: the import is still there, but overridden, so the gate lets it through.
  await view.getByRole('button', { name: 'Restart' }).click()
  await expect(view.getByTestId('run-state')).toHaveText('ready to merge', { timeout: 30_000 })
  await expect(close.getByTestId('gate-verdict')).toHaveText('passed')
  await shoot(page, 'governance-overridden')
  await page.getByRole('button', { name: 'Doctrine' }).click()
  const doctrine = page.getByTestId('doctrine-view')
  await doctrine.getByLabel('Repository').selectOption({ label: 'layered' })
  await expect(doctrine.getByTestId('doctrine-entry')).toHaveCount(3)
  await expect(doctrine.getByTestId('import-rule')).toContainText('ui-not-db')
  await shoot(page, 'governance-doctrine')
})

test('a completion graded C goes back to the agent with the findings and passes at A; the grade card shows both', async ({ page }) => {
  const policy = { governance: { review: { completionMinimum: 'B' }, gates: { closeRetries: 2 } } }
  const repoDir = makeGitRepo(path.join(tmp.dir, 'greeter'), { 'README.md': '# greeter\n', '.flightdeck/policy.json': JSON.stringify(policy) })
  await runCli(home, 'repo', 'add', repoDir)
  model.push(
    completionReview('C', { criteria: [['greets by name', true], ['has a test', false]], fixes: ['add greet.test.js that checks greet()'], problem: 'no test at all' }),
    completionReview('A', { criteria: [['greets by name', true], ['has a test', true]] })
  )
  await startShellRun('greeter', 'Greet people', greeterAgent, greeterCriteria.flatMap((c) => ['--ac', c]))

  const view = await openRunGates(page, 'Greet people', 'ready_to_merge')
  const card = view.getByTestId('grade-card-completion')
  await expect(card.getByTestId('grade')).toHaveText('A')
  await expect(card.getByTestId('grade-history')).toContainText('CA')
  await expect(card.getByTestId('criteria')).toContainText('☑ has a test')
  await expect(view.getByTestId('gate-close').locator('[data-id=completion_grade]')).toContainText('A (minimum B)')
  await expect(view.getByTestId('gate-close').locator('[data-id=done_criteria]')).toContainText('2 of 2 met')
  await shoot(page, 'governance-grade')

  await view.getByRole('tab', { name: 'What the agent knew' }).click()
  await expect(view.getByTestId('packet-version')).toHaveText('v2')

})
