import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { type Page, expect, test } from '@playwright/test'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { shoot, shots, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess

useDeck('fd-e2e-run-', (deck) => ({ tmp, home, serve } = deck))

// An interactive "agent": asks a question, waits for a line, and commits the answer.
const script = `sh -c 'printf "name? "; read n; echo "$n" > name.txt; git add name.txt; git commit -qm name'`

const runView = (page: Page) => page.getByTestId('run-view')

/** A git repository registered as `name` with one issue titled `title`, both made through the CLI. */
async function seedIssue(name: string, title: string): Promise<string> {
  const repoDir = makeGitRepo(path.join(tmp.dir, name))
  await runCli(home, 'repo', 'add', repoDir)
  await runCli(home, 'issue', 'create', '--repo', name, '--title', title)
  return repoDir
}

/** Starts `command` as a shell run of the issue from its drawer on the board; the run view opens. */
async function startShellRun(page: Page, title: string, command: string): Promise<void> {
  await page.getByRole('button', { name: 'Board' }).click()
  await page.getByTestId('column-planning').getByText(title).click()
  const drawer = page.getByTestId('issue-drawer')
  await drawer.getByRole('radio', { name: /Shell command/ }).check()
  await drawer.getByPlaceholder('npm test -- --run').fill(command)
  await drawer.getByRole('button', { name: 'Start run' }).click()
}

test('start a shell run from an issue, answer it in the terminal, review the diff and merge it', async ({ page }) => {
  const repoDir = await seedIssue('greeter', 'Record the user name')

  await page.goto(serve.url)
  await page.getByTestId('column-planning').getByText('Record the user name').click()
  const drawer = page.getByTestId('issue-drawer')
  await expect(drawer.getByText('No runs yet.')).toBeVisible()

  // Every built-in agent is listed; the shell one needs a command line, split into argv (no shell string).
  const shell = drawer.getByRole('radio', { name: /Shell command/ })
  await expect(shell).toBeEnabled()
  await shell.check()
  const start = drawer.getByRole('button', { name: 'Start run' })
  await drawer.getByPlaceholder('npm test -- --run').fill(`sh -c 'unterminated`)
  await expect(drawer.getByText('a single quote is not closed')).toBeVisible()
  await expect(start).toBeDisabled()
  await drawer.getByPlaceholder('npm test -- --run').fill(script)
  await page.screenshot({ path: path.join(shots, 'issue-drawer-start-run-light.png') })
  await start.click()

  // Starting opens the run view; the agent's prompt shows up in the live terminal.
  const view = runView(page)
  await expect(view).toBeVisible()
  await expect(view.getByRole('heading', { name: 'Record the user name' })).toBeVisible()
  const terminal = view.getByTestId('terminal')
  await expect(terminal).toContainText('name?')
  await expect(view.getByTestId('terminal-status')).toHaveAttribute('data-status', 'live')
  await expect(view.getByRole('button', { name: 'Land' })).toBeDisabled()
  await shoot(page, 'run-view-terminal-live')

  // Typing goes to the agent through the pty.
  await terminal.click()
  await page.keyboard.type('Ada Lovelace')
  await page.keyboard.press('Enter')

  await expect(view.getByTestId('run-state')).toHaveText('ready to merge', { timeout: 30_000 })
  await expect(terminal).toContainText('[process exited with code 0]')
  await expect(view.getByTestId('run-activity')).toHaveText(/^exited, from its process exit \d+ s ago$/)
  await expect(view.getByTestId('terminal-status')).toHaveAttribute('data-status', 'exited')
  await shoot(page, 'run-view-terminal')

  // The changes: the new file in the list and its content in the diff.
  await view.getByRole('tab', { name: 'Changes' }).click()
  await expect(view.getByTestId('changed-files')).toContainText('name.txt')
  const fileDiff = view.locator('[data-testid=diff-file][data-path="name.txt"]')
  await expect(fileDiff).toContainText('new')
  await expect(fileDiff.locator('tr[data-kind=add]')).toHaveText(['1+Ada Lovelace'])
  await shoot(page, 'run-view-changes')

  // Nothing blocks landing; it lands in the base branch through the queue and the issue is done.
  await expect(view.getByTestId('merge-blockers')).toHaveCount(0)
  await view.getByRole('button', { name: 'Land' }).click()
  await page.getByTestId('confirm-action').click()
  await expect(view.getByTestId('run-state')).toHaveText('merged')
  await expect(view.getByTestId('run-detail')).toContainText('landed on main')
  expect(fs.readFileSync(path.join(repoDir, 'name.txt'), 'utf8')).toBe('Ada Lovelace\n')
  expect(execFileSync('git', ['log', '--format=%s', '-1', 'main'], { cwd: repoDir, encoding: 'utf8' })).toMatch(/Record the user name/)
  for (const action of ['Stop', 'Restart', 'Resume', 'Land']) await expect(view.getByRole('button', { name: action })).toBeDisabled()

  // Cleaning up removes the worktree (and here the merged branch); the terminal history stays.
  await view.getByRole('button', { name: 'Clean up' }).click()
  await page.getByRole('dialog').getByRole('checkbox').check()
  await page.getByRole('dialog').getByRole('button', { name: 'Clean up' }).click()
  await expect(view.getByText('Cleaned up: worktree removed, branch deleted.')).toBeVisible()
  await view.getByRole('tab', { name: 'Terminal' }).click()
  await expect(terminal).toContainText('name? Ada Lovelace')

  // Back on the board the card sits in Done with its run's state.
  await view.getByRole('button', { name: 'Back to the board' }).click()
  const card = page.getByTestId('column-done').getByTestId('issue-card')
  await expect(card).toContainText('Record the user name')
  await expect(card.getByTestId('run-state')).toHaveText('merged')
  await card.click()
  await expect(page.getByTestId('issue-run')).toHaveCount(1)
  await expect(page.getByTestId('issue-run')).toContainText('merged')
  await expect(page.getByTestId('issue-drawer').getByText('runs start only on open issues')).toBeVisible()
  await page.screenshot({ path: path.join(shots, 'board-with-run-light.png') })
})

test('a refused merge and clean-up show the reason inline; restart and stop follow', async ({ page }) => {
  const repoDir = await seedIssue('notes', 'Write some notes')
  await page.goto(serve.url)
  // Reports its terminal size once the viewer is attached, then prints far more than the pty host lets
  // through unacknowledged (1M chars): the prompt after it only shows if the view acks what it parsed.
  const script = `sh -c 'printf "go? "; read n; stty size; read n; seq 1 300000; printf "more? "; read n; echo draft > notes.txt; git add notes.txt; git commit -qm notes'`
  await startShellRun(page, 'Write some notes', script)

  const view = runView(page)
  const terminal = view.getByTestId('terminal')
  await expect(terminal).toContainText('go?')
  await expect(view.getByRole('button', { name: 'Clean up' })).toBeDisabled()
  await terminal.click()
  await page.keyboard.press('Enter')
  // The session started at 120x32; the pane of a 1440x900 window holds more, and the pty follows it.
  await expect(terminal).toContainText(/go\?\s*\d+ \d+/)
  const [, rows, cols] = /go\?\s*(\d+) (\d+)/.exec(await terminal.innerText()) ?? []
  expect(Number(cols)).toBeGreaterThan(120)
  expect(Number(rows)).toBeGreaterThan(32)
  await page.keyboard.press('Enter')
  await expect(terminal).toContainText('300000')
  await expect(terminal).toContainText('more?')
  await page.keyboard.press('Enter')
  await expect(view.getByTestId('run-state')).toHaveText('ready to merge', { timeout: 30_000 })
  await expect(view.getByRole('button', { name: 'Land' })).toBeEnabled()

  // Someone edits the base checkout after the merge check: the landing stops there and says why.
  fs.writeFileSync(path.join(repoDir, 'README.md'), '# edited by hand\n')
  await view.getByRole('button', { name: 'Land' }).click()
  await page.getByTestId('confirm-action').click()
  const refusal = view.getByTestId('run-landing')
  await expect(refusal).toHaveAttribute('data-status', 'blocked')
  await expect(refusal).toContainText('uncommitted changes')
  await expect(view.getByTestId('run-state')).toHaveText('queued to land')
  await page.screenshot({ path: path.join(shots, 'run-view-refused-light.png') })

  // Deleting an unmerged branch is refused in the clean-up dialog, which then offers to force it.
  await view.getByRole('button', { name: 'Clean up' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('checkbox').check()
  await dialog.getByRole('button', { name: 'Clean up', exact: true }).click()
  await expect(dialog.getByRole('alert')).toContainText('not merged')
  await expect(dialog.getByRole('button', { name: 'Discard and clean up' })).toBeVisible()
  await dialog.getByRole('button', { name: 'Cancel' }).click()

  // Restart launches a fresh session in the same worktree; its terminal replaces the old one.
  await view.getByRole('button', { name: 'Restart' }).click()
  await expect(view.getByTestId('run-state')).toHaveText('running')
  await expect(view.getByTestId('terminal-status')).toHaveAttribute('data-status', 'live')
  await expect(terminal).toContainText('go?')
  await expect(terminal).not.toContainText('process exited')
  await view.getByRole('button', { name: 'Stop' }).click()
  await page.getByTestId('confirm-action').click()
  await expect(view.getByTestId('run-state')).toHaveText('stopped')
  await expect(view.getByTestId('run-detail')).toHaveText('stopped by the operator')
})

test('a terminal on screen draws with WebGL when chosen, hands the context back when hidden, and the DOM is one click away', async ({ page }) => {
  await seedIssue('echo', 'Echo what is typed')
  await page.goto(serve.url)

  // Settings say what GL this browser has; Auto follows it (the DOM on a software GL such as CI's SwiftShader).
  await page.getByRole('button', { name: 'Settings' }).click()
  const gpu = page.getByTestId('gpu-info')
  await expect(gpu).toHaveText(/^(GPU: |Software GL|No WebGL2)/)
  const autoRenderer = (await gpu.innerText()).startsWith('GPU: ') ? 'webgl' : 'dom'
  const renderer = page.getByRole('radiogroup', { name: 'Terminal renderer' })
  await expect(renderer.getByRole('radio', { name: 'Auto' })).toHaveAttribute('aria-checked', 'true')
  await renderer.getByRole('radio', { name: 'GPU (WebGL)' }).click()
  await expect(renderer.getByRole('radio', { name: 'GPU (WebGL)' })).toHaveAttribute('aria-checked', 'true')
  await shoot(page, 'settings-terminal')

  await startShellRun(page, 'Echo what is typed', 'cat')
  const view = runView(page)
  const terminal = view.getByTestId('terminal')
  await expect(view.getByTestId('terminal-status')).toHaveAttribute('data-status', 'live')
  await expect(terminal).toHaveAttribute('data-renderer', 'webgl')
  await expect(terminal.locator('canvas').first()).toBeVisible()
  await terminal.click()
  await page.keyboard.type('drawn on the GPU')
  await page.keyboard.press('Enter')
  // "drawn on the GPU\r\n" echoed by the pty, then printed again by cat: both parsed by the view.
  await expect.poll(async () => Number(await terminal.getAttribute('data-parsed'))).toBeGreaterThanOrEqual(36)
  await page.screenshot({ path: path.join(shots, 'run-view-terminal-webgl-light.png') })

  // A hidden terminal gives its GL context back; shown again, it takes one.
  await view.getByRole('tab', { name: 'Changes' }).click()
  await expect(terminal).toHaveAttribute('data-renderer', 'dom')
  await view.getByRole('tab', { name: 'Terminal' }).click()
  await expect(terminal).toHaveAttribute('data-renderer', 'webgl')

  // Back to the DOM renderer from the settings: the same screen, now as text.
  await page.getByRole('button', { name: 'Settings' }).click()
  await renderer.getByRole('radio', { name: 'DOM' }).click()
  await expect(renderer.getByRole('radio', { name: 'DOM' })).toHaveAttribute('aria-checked', 'true')
  await page.getByRole('button', { name: 'Runs', exact: true }).click()
  await page.getByTestId('run-card').filter({ hasText: 'Echo what is typed' }).click()
  await expect(terminal).toHaveAttribute('data-renderer', 'dom')
  await expect(terminal).toContainText('drawn on the GPU')
  await page.getByRole('button', { name: 'Settings' }).click()
  await renderer.getByRole('radio', { name: 'Auto' }).click()
  await expect(renderer.getByRole('radio', { name: 'Auto' })).toHaveAttribute('aria-checked', 'true')
  await page.getByRole('button', { name: 'Runs', exact: true }).click()
  await page.getByTestId('run-card').filter({ hasText: 'Echo what is typed' }).click()
  await expect(terminal).toHaveAttribute('data-renderer', autoRenderer)
  await view.getByRole('button', { name: 'Stop' }).click()
  await page.getByTestId('confirm-action').click()
  await expect(view.getByTestId('run-state')).toHaveText('stopped')
})
