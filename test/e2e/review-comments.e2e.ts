import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { shoot, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess

useDeck('fd-e2e-review-', (deck) => ({ tmp, home, serve } = deck))

const cli = async (...args: string[]) => {
  const at = args.includes('--') ? args.indexOf('--') : args.length
  return JSON.parse(await runCli(home, ...args.slice(0, at), '--json', ...args.slice(at)))
}

/** Commits a small file, then waits at its prompt for review, writes what it was told and fixes the lines. */
const agent = [
  "printf 'export const retries = 1\\nexport const timeoutMs = 500\\nexport const name = \"api\"\\n' > config.ts && git add config.ts && git commit -qm config",
  'echo "ready for review"; read line; printf "%s\\n" "$line" > review.txt',
  "sed -i '1,2s/1$/3/; 2s/500/5000/' config.ts && git commit -qam 'address review'; echo done; sleep 120"
].join('\n')

test('review comments from the diff view: select lines, comment, send to the agent, see them addressed', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await runCli(home, 'repo', 'add', makeGitRepo(path.join(tmp.dir, 'svc'), { 'README.md': '# svc\n' }))
  const issue = await cli('issue', 'create', '--repo', 'svc', '--title', 'Tune the client')
  const run = await cli('run', 'start', issue.id, '--agent', 'shell', '--', 'sh', '-c', agent)
  await expect.poll(async () => (await cli('run', 'diff', run.id, '--stat')).map((f: { path: string }) => f.path), { timeout: 30_000 }).toContain('config.ts')

  await page.goto(serve.url)
  await page.getByRole('button', { name: 'Runs', exact: true }).click()
  await page.getByTestId('run-card').filter({ hasText: 'Tune the client' }).click()
  const view = page.getByTestId('run-view')
  await view.getByRole('tab', { name: 'Changes' }).click()
  await expect(view.getByTestId('comment-bar')).toContainText('Click a line number to comment')

  // Lines 1-2 (click, then shift-click), a comment, and a second one on line 3 that is removed again.
  await view.getByRole('button', { name: 'Comment on line 1 of config.ts' }).click()
  await view.getByRole('button', { name: 'Comment on line 2 of config.ts' }).click({ modifiers: ['Shift'] })
  await expect(view.locator('tr[aria-selected="true"]')).toHaveCount(2)
  await view.getByLabel('Comment on config.ts, lines 1–2').fill('Too tight for production: retries 3, timeout 5 s.')
  await view.getByRole('button', { name: 'Add comment' }).click()
  await view.getByRole('button', { name: 'Comment on line 3 of config.ts' }).click()
  await view.getByLabel('Comment on config.ts, line 3').fill('Rename this?')
  await view.getByRole('button', { name: 'Add comment' }).click()
  await expect(view.getByTestId('review-comment')).toHaveCount(2)
  await expect(view.getByTestId('comment-bar')).toContainText('2 pending, 0 sent, 0 addressed')
  await shoot(page, 'review-comments-pending')
  await view.getByTestId('review-comment').filter({ hasText: 'Rename this?' }).getByRole('button', { name: 'Remove this comment' }).click()
  await expect(view.getByTestId('review-comment')).toHaveCount(1)

  await view.getByRole('button', { name: /Send 1 to agent/ }).click()
  await expect(view.getByTestId('comment-bar')).toContainText('1 comment sent to the agent (briefing v2)')
  const worktree = (await cli('run', 'show', run.id)).worktreePath as string
  await expect.poll(() => fs.existsSync(path.join(worktree, 'review.txt')), { timeout: 20_000 }).toBe(true)
  expect(fs.readFileSync(path.join(worktree, 'review.txt'), 'utf8')).toContain('config.ts:1-2: Too tight for production: retries 3, timeout 5 s.')
  // The agent changed the commented lines: the comment says so.
  await expect(view.getByTestId('review-comment')).toHaveAttribute('data-addressed', 'true', { timeout: 20_000 })
  await expect(view.getByTestId('review-comment')).toContainText('addressed')
  await expect(view.getByTestId('comment-bar')).toContainText('0 pending, 1 sent, 1 addressed')
  await shoot(page, 'review-comments-addressed')
})
