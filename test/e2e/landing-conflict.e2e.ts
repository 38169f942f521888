import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { shoot, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess

useDeck('fd-e2e-conflict-', (deck) => ({ tmp, home, serve } = deck))

const cli = async (...args: string[]) => {
  const at = args.includes('--') ? args.indexOf('--') : args.length
  return JSON.parse(await runCli(home, ...args.slice(0, at), '--json', ...args.slice(at)))
}

/** A shell run that sets the shared line; resolves once it is ready to merge. */
async function setValue(title: string, value: string): Promise<{ id: string; worktreePath: string }> {
  const issue = await cli('issue', 'create', '--repo', 'clash', '--title', title)
  const run = await cli('run', 'start', issue.id, '--agent', 'shell', '--', 'sh', '-c', `printf 'value = ${value}\\nkeep\\n' > config.txt && git commit -qam "set ${value}"`)
  await expect.poll(async () => (await cli('run', 'show', run.id)).state, { timeout: 30_000 }).toBe('ready_to_merge')
  return cli('run', 'show', run.id)
}

test('a blocked conflict: the preview shows files, hunks and the other run; resolved by hand, Re-check clears it and it lands', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const repoDir = makeGitRepo(path.join(tmp.dir, 'clash'), { 'config.txt': 'value = 1\nkeep\n', '.flightdeck/policy.json': JSON.stringify({ landing: { attemptBudget: 0 }, validation: { commands: [{ name: 'has-config', argv: ['sh', '-c', 'grep value config.txt'] }] } }) })
  await runCli(home, 'repo', 'add', repoDir)
  const a = await setValue('Set A', 'A')
  const b = await setValue('Set B', 'B')
  await cli('merge', a.id)
  await expect.poll(async () => (await cli('run', 'show', a.id)).state, { timeout: 30_000 }).toBe('merged')
  await cli('merge', b.id)
  await expect.poll(async () => (await cli('queue', 'list')).entries.find((e: { runId: string }) => e.runId === b.id)?.status, { timeout: 30_000 }).toBe('blocked')

  await page.goto(serve.url)
  await page.getByRole('button', { name: 'Runs', exact: true }).click()
  await page.getByTestId('run-card').filter({ hasText: 'Set B' }).click()
  const view = page.getByTestId('run-view')
  await expect(view.getByTestId('run-landing')).toHaveAttribute('data-status', 'blocked')
  const preview = view.getByTestId('conflict-preview')
  await expect(preview.getByTestId('conflict-file')).toHaveCount(1)
  await expect(preview.getByTestId('conflict-file')).toContainText('config.txt')
  await expect(preview.getByTestId('hunk-base')).toHaveText('value = A')
  await expect(preview.getByTestId('hunk-run')).toHaveText('value = B')
  await expect(preview.getByTestId('conflict-others')).toContainText('Set A')
  await expect(preview.getByTestId('conflict-others')).toContainText('This run: Set B')
  await shoot(page, 'conflict-preview')

  // Resolve by hand: the worktree, copied; the commands to type.
  await preview.getByRole('button', { name: 'Resolve by hand' }).click()
  const byHand = preview.getByTestId('resolve-by-hand')
  await expect(byHand.getByTestId('worktree-path')).toHaveText(b.worktreePath)
  await byHand.getByRole('button', { name: 'Copy the worktree path' }).click()
  await expect(byHand).toContainText('copied')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(b.worktreePath)
  await expect(byHand).toContainText(`git rebase main`)
  await shoot(page, 'conflict-resolve-by-hand')

  // Still conflicting until someone resolves it; done by hand in the worktree, Re-check sees it.
  await preview.getByRole('button', { name: 'Re-check' }).click()
  await expect(preview.getByTestId('conflict-file')).toHaveCount(1)
  expect(() => execFileSync('git', ['rebase', 'main'], { cwd: b.worktreePath, stdio: 'pipe' })).toThrow()
  fs.writeFileSync(path.join(b.worktreePath, 'config.txt'), 'value = A and B\nkeep\n')
  execFileSync('git', ['add', 'config.txt'], { cwd: b.worktreePath })
  execFileSync('git', ['rebase', '--continue'], { cwd: b.worktreePath, stdio: 'pipe', env: { ...process.env, GIT_EDITOR: 'true' } })
  await preview.getByRole('button', { name: 'Re-check' }).click()
  await expect(preview.getByTestId('conflict-clear')).toContainText('No conflict left with main')
  await expect(preview.getByTestId('conflict-file')).toHaveCount(0)
  await expect(preview.getByTestId('recheck-result')).toHaveText(['passed has-config'])
  await shoot(page, 'conflict-rechecked')
  await preview.getByRole('button', { name: 'Re-queue' }).click()
  await expect(view.getByTestId('run-state')).toHaveText('merged', { timeout: 30_000 })
  expect(fs.readFileSync(path.join(repoDir, 'config.txt'), 'utf8')).toBe('value = A and B\nkeep\n')
})
