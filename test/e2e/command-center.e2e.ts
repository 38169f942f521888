import fs from 'node:fs'
import path from 'node:path'
import { type Page, expect, test } from '@playwright/test'
import { runCli, startServe, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { connectWs, type WsTestClient } from '../fixtures/ws-client'
import { type Deck, shoot as shootBoth, shots, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess
let api: WsTestClient
let repoId: string

// Room for the grid's four sessions at once in one repository.
const policy = JSON.stringify({ concurrency: { global: 16, perRepo: 16 } })

let deck: Deck
useDeck('fd-e2e-cc-', (d) => ({ tmp, home, serve } = deck = d))
test.beforeAll(async () => {
  api = await connectWs(`${serve.origin.replace('http', 'ws')}/api/ws?token=${new URL(serve.url).searchParams.get('token')}`)
  const repo = await api.invoke('repo.add', { path: makeGitRepo(path.join(tmp.dir, 'deck'), { 'README.md': '# deck\n', '.flightdeck/policy.json': policy }) })
  repoId = repo.id
  await api.invoke('settings.update', { patch: { concurrency: { global: 16 } } })
})
test.afterAll(() => api?.close())

const shoot = (page: Page, name: string) => shootBoth(page, `cc-${name}`)

const column = (page: Page, status: string) => page.getByTestId(`column-${status}`)

/**
 * Drags an issue card onto a column by dispatching the HTML5 drag events with one DataTransfer (headless
 * Chromium's emulated mouse drag does not deliver the drop).
 */
async function dragCard(page: Page, title: string, to: string) {
  const card = page.getByTestId('issue-card').filter({ hasText: title })
  const transfer = await page.evaluateHandle(() => new DataTransfer())
  await card.dispatchEvent('dragstart', { dataTransfer: transfer })
  await column(page, to).dispatchEvent('dragover', { dataTransfer: transfer })
  await column(page, to).dispatchEvent('drop', { dataTransfer: transfer })
  await card.dispatchEvent('dragend', { dataTransfer: transfer })
}

test('issue to merged run: drag, start, watch, type, diff, merge, and both boards follow', async ({ page }) => {
  await page.goto(serve.url)
  await page.getByRole('button', { name: 'Board' }).click()
  // The keyboard creates an issue.
  await page.keyboard.press('c')
  await page.getByPlaceholder('Add a /health endpoint').fill('Greet the operator')
  await page.getByRole('button', { name: 'Create issue' }).click()
  const card = column(page, 'planning').getByText('Greet the operator')
  await expect(card).toBeVisible()

  // A move the lifecycle refuses says why; an allowed one goes through.
  await dragCard(page, 'Greet the operator', 'done')
  await expect(page.getByTestId('toast').filter({ hasText: 'Planning → Done is not allowed' })).toBeVisible()
  await expect(column(page, 'planning').getByText('Greet the operator')).toBeVisible()
  await dragCard(page, 'Greet the operator', 'approved')
  await expect(column(page, 'approved').getByText('Greet the operator')).toBeVisible()
  await shoot(page, 'board')

  await column(page, 'approved').getByText('Greet the operator').click()
  const drawer = page.getByTestId('issue-drawer')
  await drawer.getByRole('radio', { name: /Shell command/ }).check()
  await drawer.getByPlaceholder('npm test -- --run').fill(`sh -c 'printf "who? "; read n; echo "hello $n" > hello.txt; git add hello.txt; git commit -qm hello'`)
  await drawer.getByRole('button', { name: 'Start run' }).click()

  const view = page.getByTestId('run-view')
  const terminal = view.getByTestId('terminal')
  await expect(terminal).toContainText('who?')
  await terminal.click()
  await page.keyboard.type('Grace')
  await page.keyboard.press('Enter')
  await expect(view.getByTestId('run-state')).toHaveText('ready to merge', { timeout: 30_000 })
  await shoot(page, 'run-detail-terminal')

  // What the agent knew: briefing v1 and the pinned constraint snapshot; the timeline of its states.
  await view.getByRole('tab', { name: 'What the agent knew' }).click()
  await expect(view.getByTestId('packet-version')).toHaveText('v1')
  await expect(view.getByTestId('constraint-snapshot')).toContainText('"agent": "shell"')
  await shoot(page, 'run-detail-context')
  await view.getByRole('tab', { name: 'Timeline' }).click()
  await expect(view.getByTestId('timeline').locator('li').first()).toContainText('Queued')
  await expect(view.getByTestId('timeline')).toContainText('ready to merge')
  await shoot(page, 'run-detail-timeline')
  await view.getByRole('tab', { name: 'Gates' }).click()
  await expect(view.getByTestId('gates-pane')).toContainText('no validation commands')

  await view.getByRole('tab', { name: 'Changes' }).click()
  await expect(view.locator('[data-testid=diff-file][data-path="hello.txt"] tr[data-kind=add]')).toHaveText(['1+hello Grace'])

  // The run board shows it ready to merge; merging (the m key) moves it to merged.
  await page.getByRole('button', { name: 'Runs', exact: true }).click()
  await expect(page.getByTestId('run-column-ready_to_merge').getByTestId('run-card')).toContainText('Greet the operator')
  await expect(page.getByTestId('run-column-ready_to_merge').getByTestId('column-count')).toHaveText('1')
  await shoot(page, 'runs-board')
  await page.getByTestId('run-column-ready_to_merge').getByTestId('run-card').click()
  await expect(view).toBeVisible()
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  // The m key asks as the Land button does: cancelled, nothing lands; confirmed, it lands.
  await page.keyboard.press('m')
  await expect(page.getByRole('dialog', { name: 'Land this run?' })).toBeVisible()
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
  await expect(view.getByTestId('run-state')).toHaveText('ready to merge')
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await page.keyboard.press('m')
  await page.getByTestId('confirm-action').click()
  await expect(view.getByTestId('run-state')).toHaveText('merged')
  await page.getByRole('button', { name: 'Runs', exact: true }).click()
  await expect(page.getByTestId('run-column-merged').getByTestId('run-card')).toContainText('Greet the operator')
  await page.getByRole('button', { name: 'Board' }).click()
  await expect(column(page, 'done').getByText('Greet the operator')).toBeVisible()
})

test('the grid shows four live sessions at once, takes input, and focuses one', async ({ page }) => {
  const runs = []
  for (const n of [1, 2, 3, 4]) {
    const issue = await api.invoke('issue.create', { repoId, title: `Tile ${n}` })
    runs.push(await api.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', `echo tile-${n}-ready; cat`] }))
  }
  await page.goto(serve.url)
  await page.getByRole('button', { name: 'Grid' }).click()
  const tiles = page.getByTestId('grid-tile')
  await expect(tiles).toHaveCount(4)
  for (const n of [1, 2, 3, 4]) await expect(page.locator(`[data-testid=grid-tile][data-run="${runs[n - 1]?.id}"]`)).toContainText(`tile-${n}-ready`)
  await expect(tiles.and(page.locator('[data-status=live]'))).toHaveCount(4)

  const third = page.locator(`[data-testid=grid-tile][data-run="${runs[2]?.id}"]`)
  await third.getByTestId('terminal').click()
  await page.keyboard.type('echo-through-the-grid')
  await page.keyboard.press('Enter')
  await expect(third).toContainText(/echo-through-the-grid[\s\S]*echo-through-the-grid/)
  await shoot(page, 'grid-2x2')

  await third.getByRole('button', { name: 'Focus this terminal' }).click()
  await expect(tiles).toHaveCount(1)
  await expect(tiles).toContainText('echo-through-the-grid')
  await page.getByRole('button', { name: 'Back to the grid (Esc)' }).click()
  await page.getByRole('radio', { name: '3x3 layout' }).click()
  await expect(tiles).toHaveCount(4)
  for (const run of runs) await api.invoke('run.stop', { id: run.id })
  await expect(page.getByText('No live terminals')).toBeVisible()
})

test('the palette and the shortcuts sheet reach every frequent action', async ({ page }) => {
  const issue = await api.invoke('issue.create', { repoId, title: 'Palette target' })
  await api.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['true'] })
  await page.goto(serve.url)
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'open')
  await page.keyboard.press('Control+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await expect(palette).toBeVisible()
  await page.keyboard.type('run')
  await expect(palette.getByText('Next run')).toBeVisible()
  await shoot(page, 'palette')
  await page.keyboard.press('Escape')
  await expect(palette).toBeHidden()

  await page.keyboard.press('Control+k')
  await page.keyboard.type('open settings')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('settings-view')).toBeVisible()

  await page.keyboard.press('3')
  await expect(page.getByRole('button', { name: 'Grid' })).toHaveAttribute('aria-current', 'page')
  await page.keyboard.press('j')
  await expect(page.getByTestId('run-view')).toBeVisible()

  // The run view puts the focus in its terminal, where keys go to the agent: step out of it first.
  await page.getByTestId('run-view').getByRole('heading').first().click()
  await page.keyboard.press('?')
  const sheet = page.getByTestId('shortcuts-sheet')
  for (const label of ['New issue', 'Start a run on the selected issue', 'Jump to a run that waits on you', 'Land the open run (queue it to merge)', 'Next run', 'Previous run', 'Go to Grid', 'Open settings']) {
    await expect(sheet.getByRole('listitem').filter({ hasText: label }).first()).toBeVisible()
  }
  await shoot(page, 'shortcuts')
})

test('settings round-trip: theme, concurrency with a named error, and an agent override', async ({ page }) => {
  await page.goto(serve.url)
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByTestId('settings-view')
  await expect(settings.getByTestId('data-home')).toContainText(home)
  await expect(page.getByTestId('agent-settings-shell')).toContainText('detected')

  const concurrency = settings.getByRole('region', { name: 'Concurrency' })
  await concurrency.locator('input[name=concurrency]').fill('0')
  await concurrency.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(concurrency.getByRole('alert')).toContainText('concurrency.global')
  await concurrency.locator('input[name=concurrency]').fill('6')
  await concurrency.getByRole('button', { name: 'Save', exact: true }).click()

  const shell = page.getByTestId('agent-settings-shell')
  await shell.locator('textarea[name=env]').fill('GREETING=hi there')
  await shell.getByRole('button', { name: /Save/ }).click()
  await expect(shell.getByText('Saved; new runs use it.')).toBeVisible()
  await shoot(page, 'settings')

  await settings.getByRole('radio', { name: 'Dark' }).click()
  await expect(page.locator('html')).toHaveClass(/dark/)
  await page.reload()
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.locator('html')).toHaveClass(/dark/)
  await expect(page.getByRole('radio', { name: 'Dark' })).toHaveAttribute('aria-checked', 'true')
  await expect(page.locator('input[name=concurrency]')).toHaveValue('6')
  await expect(page.getByTestId('agent-settings-shell').locator('textarea[name=env]')).toHaveValue('GREETING=hi there')
  const stored = await api.invoke('settings.get', {})
  expect(stored).toMatchObject({ theme: 'dark', concurrency: { global: 6 }, agents: { shell: { env: { GREETING: 'hi there' } } } })
  await page.getByRole('radio', { name: 'System' }).click()
  await expect.poll(async () => (await api.invoke('settings.get', {})).theme).toBe('system')
  await api.invoke('settings.update', { patch: { concurrency: { global: 16 }, agents: {} } })
})

test('a failed run raises a toast, counts as blocked work and lands in the notification center', async ({ page }) => {
  await page.goto(serve.url)
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'open')
  const issue = await api.invoke('issue.create', { repoId, title: 'Doomed task' })
  await api.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', 'echo giving up; exit 3'] })
  const toast = page.getByTestId('toast').filter({ hasText: 'Run failed: Doomed task' })
  await expect(toast).toBeVisible({ timeout: 30_000 })
  await expect(toast).toHaveAttribute('data-severity', 'error')
  await expect(page.getByTestId('blocked-count')).not.toHaveText('0')
  await expect(page).toHaveTitle(/^\(\d+\) Flightdeck$/)
  await expect(page.getByTestId('count-failed')).toContainText(/[1-9]\d* failed/)
  await page.getByTestId('notification-bell').click()
  const center = page.getByTestId('notification-center')
  await expect(center.getByTestId('blocked-list')).toContainText('Doomed task — failed')
  await expect(center.getByTestId('notification-list')).toContainText('Run failed: Doomed task')
  await shoot(page, 'notifications')
  await expect(page.getByTestId('notification-bell')).toHaveAttribute('data-unread', '0')

  // Recorded by the core: a reload (or another window) has the same notifications, read as they were read.
  await page.reload()
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'open')
  await expect(page.getByTestId('notification-bell')).toHaveAttribute('data-unread', '0')
  await page.getByTestId('notification-bell').click()
  await expect(center.getByTestId('notification-list')).toContainText('Run failed: Doomed task')
  const second = await page.context().newPage()
  await second.goto(serve.url)
  await second.getByTestId('notification-bell').click()
  await expect(second.getByTestId('notification-center').getByTestId('notification-list')).toContainText('Run failed: Doomed task')
  await second.getByTestId('notification-center').getByRole('button', { name: 'Clear all' }).click()
  await second.close()
  await expect(center.getByTestId('notification-list')).toHaveCount(0)
  await center.getByRole('button', { name: 'Close' }).click()
  await page.getByTestId('notification-bell').click()
  await center.getByTestId('blocked-list').getByText('Doomed task — failed').click()
  await expect(page.getByTestId('run-view').getByTestId('run-state')).toHaveText('failed')
})

test('after the server restarts on the same port and home, the view and selection survive', async ({ page }) => {
  await page.goto(serve.url)
  await page.getByRole('button', { name: 'Board' }).click()
  await page.getByTestId('issue-card').filter({ hasText: 'Doomed task' }).click()
  await expect(page.getByTestId('issue-drawer')).toContainText('Doomed task')
  const port = new URL(serve.origin).port

  api.close()
  await serve.stop()
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', /closed|connecting/)
  serve = deck.serve = await startServe(home, ['--port', port])
  expect(new URL(serve.origin).port).toBe(port)
  api = await connectWs(`${serve.origin.replace('http', 'ws')}/api/ws?token=${new URL(serve.url).searchParams.get('token')}`)

  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'open', { timeout: 20_000 })
  await expect(page.getByTestId('issue-drawer')).toContainText('Doomed task')
  // Still live after the reconnect: a change made now arrives.
  await runCli(home, 'issue', 'create', '--repo', 'deck', '--title', 'Written after the restart')
  await expect(column(page, 'planning').getByText('Written after the restart')).toBeVisible()
  await page.screenshot({ path: path.join(shots, 'cc-after-restart-light.png') })
  expect(fs.existsSync(path.join(home, 'serve-token'))).toBe(true)
})
