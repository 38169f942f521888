import path from 'node:path'
import { expect, test } from '@playwright/test'
import { runCli, startServe, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { type Deck, shoot, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess
let deck: Deck

useDeck('fd-e2e-conn-', (d) => ({ tmp, home, serve } = deck = d))

test('serve restarts while typing into a shell agent: every key arrives exactly once, and the UI says what happened', async ({ page }) => {
  await runCli(home, 'repo', 'add', makeGitRepo(path.join(tmp.dir, 'typed')))
  await runCli(home, 'issue', 'create', '--repo', 'typed', '--title', 'Record keys')
  await page.goto(serve.url)
  await page.getByTestId('column-planning').getByText('Record keys').click()
  const drawer = page.getByTestId('issue-drawer')
  await drawer.getByRole('radio', { name: /Shell command/ }).check()
  // Raw mode, no echo: the agent receives each byte as typed and writes back exactly what it received.
  await drawer.getByPlaceholder('npm test -- --run').fill(`sh -c 'stty raw -echo; echo recording; exec cat'`)
  await drawer.getByRole('button', { name: 'Start run' }).click()
  const view = page.getByTestId('run-view')
  const terminal = view.getByTestId('terminal')
  await expect(terminal).toContainText('recording')
  await terminal.click()

  const first = 'the-quick-brown-fox-'
  await page.keyboard.type(first)
  // The server goes away right after the last key: some frames may be in flight, unanswered.
  const port = new URL(serve.origin).port
  // Killed, not stopped: a stop ends the agents with it; a crash leaves them running in the pty host.
  const gone = new Promise((resolve) => serve.child.once('exit', resolve))
  serve.child.kill('SIGKILL')
  await gone
  await expect(page.getByTestId('connection-banner')).toBeVisible()
  await expect(view.getByTestId('terminal-status')).toHaveAttribute('data-status', 'offline')
  await expect(view.getByTestId('terminal-status')).toContainText('read-only')
  // Actions wait too, and say why.
  await expect(view.getByRole('button', { name: 'Stop' })).toBeDisabled()
  await expect(view.getByRole('button', { name: 'Stop' })).toHaveAttribute('title', /Disconnected/)
  await page.setViewportSize({ width: 1024, height: 700 })
  await shoot(page, 'connection-banner-1024')
  await page.setViewportSize({ width: 1920, height: 1080 })
  await shoot(page, 'connection-banner-1920')
  // Read-only: keys typed now are not taken.
  await terminal.click()
  await page.keyboard.type('LOST')

  serve = deck.serve = await startServe(home, ['--port', port])
  await expect(page.getByTestId('connection-banner')).toHaveCount(0, { timeout: 20_000 })
  await expect(view.getByTestId('terminal-status')).toHaveAttribute('data-status', 'live')
  await expect(view.getByRole('button', { name: 'Stop' })).toBeEnabled()
  await terminal.click()
  const second = 'jumps-over-the-lazy-dog'
  await page.keyboard.type(second)

  const echoed = () => terminal.evaluate((el) => (el.querySelector('.xterm-rows') as HTMLElement | null)?.innerText.replace(/\s+/g, '') ?? '')
  await expect.poll(echoed, { timeout: 15_000 }).toBe(`recording${first}${second}`)
  // Nothing is reported lost.
  await expect(terminal).not.toContainText('input not delivered')
  // Stays exact: no late duplicate arrives.
  await page.waitForTimeout(1500)
  expect(await echoed()).toBe(`recording${first}${second}`)
  await page.setViewportSize({ width: 1280, height: 720 })
})
