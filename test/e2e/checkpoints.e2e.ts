import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import type { Run } from '../../src/shared/domain'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { shoot, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess

useDeck('fd-e2e-ckpt-', (deck) => ({ tmp, home, serve } = deck))

/** A turn boundary as Claude Code's UserPromptSubmit hook reports it (through the same CLI command). */
const promptSubmitted = (runId: string, prompt: string) => runCli(home, 'run', 'signal', runId, JSON.stringify({ prompt }), '--hook', 'UserPromptSubmit')
const sizes = [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 }
]

test('checkpoints per turn in the run view of a run started from a branch: the diff between two, rewind to one (confirmed) and undo it, fork from one', async ({ page }) => {
  const repoDir = makeGitRepo(path.join(tmp.dir, 'notes'))
  // The run starts from this branch, not from main's tip.
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoDir, stdio: 'pipe' })
  git('checkout', '-q', '-b', 'drafts')
  fs.writeFileSync(path.join(repoDir, 'outline.md'), '- intro\n')
  git('add', 'outline.md')
  git('commit', '-qm', 'outline')
  git('checkout', '-q', 'main')
  await runCli(home, 'repo', 'add', repoDir)
  await runCli(home, 'issue', 'create', '--repo', 'notes', '--title', 'Write the notes')

  await page.goto(serve.url)
  await page.getByRole('button', { name: 'Board' }).click()
  await page.getByTestId('column-planning').getByText('Write the notes').click()
  const drawer = page.getByTestId('issue-drawer')
  await drawer.getByRole('radio', { name: /Shell command/ }).check()
  await drawer.getByPlaceholder('npm test -- --run').fill(`sh -c 'sleep 300'`)
  const fromBranch = drawer.getByRole('textbox', { name: /Start from branch/ })
  await fromBranch.fill('no-such-branch')
  await drawer.getByRole('button', { name: 'Start run' }).click()
  await expect(drawer.getByText("Branch 'no-such-branch' does not exist")).toBeVisible()
  expect(JSON.parse(await runCli(home, 'run', 'list', '--json'))).toEqual([])
  await fromBranch.fill('drafts')
  await drawer.getByRole('button', { name: 'Start run' }).click()
  const view = page.getByTestId('run-view')
  await expect(view.getByTestId('terminal-status')).toHaveAttribute('data-status', 'live')

  const runs = JSON.parse(await runCli(home, 'run', 'list', '--json')) as Run[]
  const run = runs[0]!
  const wt = run.worktreePath!
  expect(run.startPoint).toMatchObject({ branch: 'drafts' })
  expect(fs.readFileSync(path.join(wt, 'outline.md'), 'utf8')).toBe('- intro\n')
  await expect(view.getByTestId('run-start-point')).toContainText('started from drafts at')
  const checkpoints = async () => (JSON.parse(await runCli(home, 'run', 'checkpoints', run.id, '--json')) as unknown[]).length
  await promptSubmitted(run.id, 'Start the notes with one line')
  await new Promise((r) => setTimeout(r, 1_000))
  fs.writeFileSync(path.join(wt, 'notes.md'), '# Notes\n\none\n')
  await promptSubmitted(run.id, 'Add a second line and a todo list')
  await expect.poll(checkpoints, { timeout: 15_000 }).toBe(1)
  fs.writeFileSync(path.join(wt, 'notes.md'), '# Notes\n\none\ntwo\n')
  fs.writeFileSync(path.join(wt, 'todo.md'), '- [ ] review\n')
  await promptSubmitted(run.id, 'Anything else?')
  await expect.poll(checkpoints, { timeout: 15_000 }).toBe(2)

  await view.getByRole('tab', { name: 'Checkpoints' }).click()
  const pane = view.getByTestId('checkpoints')
  await expect(pane.getByTestId('checkpoint')).toHaveCount(2)
  await expect(pane.locator('[data-n="1"]')).toContainText('Start the notes with one line')
  await expect(pane.locator('[data-n="2"]')).toContainText('Add a second line and a todo list')
  // The diff between the two checkpoints, newest against the one before, by default.
  await expect(pane.getByTestId('diff')).toContainText('todo.md')
  await expect(pane.getByTestId('diff')).toContainText('two')
  for (const size of sizes) {
    await page.setViewportSize(size)
    await shoot(page, `run-checkpoints-${size.width}x${size.height}`)
  }

  await pane.locator('[data-n="1"]').getByRole('button', { name: 'Rewind to here' }).click()
  await expect(page.getByText('Rewind to checkpoint 1?')).toBeVisible()
  for (const size of sizes) {
    await page.setViewportSize(size)
    await shoot(page, `run-checkpoints-confirm-${size.width}x${size.height}`)
  }
  await page.getByRole('button', { name: 'Rewind', exact: true }).click()
  const toast = page.getByTestId('rewind-toast')
  await expect(toast).toContainText('Rewound to checkpoint 1: 2 file(s) changed.')
  expect(fs.readFileSync(path.join(wt, 'notes.md'), 'utf8')).toBe('# Notes\n\none\n')
  expect(fs.existsSync(path.join(wt, 'todo.md'))).toBe(false)
  for (const size of sizes) {
    await page.setViewportSize(size)
    await shoot(page, `run-checkpoints-rewound-${size.width}x${size.height}`)
  }

  await toast.getByRole('button', { name: 'Undo' }).click()
  await expect(toast).toContainText('Rewind to checkpoint 1 undone.')
  expect(fs.readFileSync(path.join(wt, 'notes.md'), 'utf8')).toBe('# Notes\n\none\ntwo\n')
  expect(fs.readFileSync(path.join(wt, 'todo.md'), 'utf8')).toBe('- [ ] review\n')

  // Fork from checkpoint 1: a new run of the same issue and agent, its branch at exactly that checkpoint's files.
  await toast.getByRole('button', { name: 'Dismiss' }).click()
  await pane.locator('[data-n="1"]').getByRole('button', { name: 'Fork from here' }).click()
  await expect(toast).toContainText(/Forked from checkpoint 1: run \w{8} is/)
  await toast.getByRole('button', { name: 'Open run' }).click()
  await expect(view.getByTestId('run-start-point')).toHaveText(`forked from checkpoint 1 of run ${run.id.slice(-8)}`)
  await expect(view.getByTestId('terminal-status')).toHaveAttribute('data-status', 'live')
  const fork = (JSON.parse(await runCli(home, 'run', 'list', '--json')) as Run[]).find((r) => r.startPoint && 'runId' in r.startPoint)!
  expect(fork).toMatchObject({ issueId: run.issueId, agentProfile: 'shell', argv: run.argv, startPoint: { runId: run.id, checkpoint: 1 } })
  expect(fs.readFileSync(path.join(fork.worktreePath!, 'notes.md'), 'utf8')).toBe('# Notes\n\none\n')
  expect(fs.existsSync(path.join(fork.worktreePath!, 'todo.md'))).toBe(false)
  await page.setViewportSize(sizes[0]!)
  await shoot(page, 'run-forked-1024x700')
  await view.getByRole('tab', { name: 'Timeline' }).click()
  await expect(view.getByText(`started from checkpoint 1 of run ${run.id}`)).toBeVisible()
  await runCli(home, 'run', 'stop', fork.id)
  await runCli(home, 'run', 'stop', run.id)
})
