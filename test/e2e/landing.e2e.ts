import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { shoot, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess

useDeck('fd-e2e-landing-', (deck) => ({ tmp, home, serve } = deck))

/** The CLI's JSON answer; `--json` goes before a `--` that starts a shell agent's argv. */
const cli = async (...args: string[]) => {
  const at = args.includes('--') ? args.indexOf('--') : args.length
  return JSON.parse(await runCli(home, ...args.slice(0, at), '--json', ...args.slice(at)))
}

/** A shell run (through the CLI, so `serve`'s engine runs it) that commits one file; resolves once it is ready. */
async function readyRun(repo: string, title: string, file: string): Promise<string> {
  const issue = await cli('issue', 'create', '--repo', repo, '--title', title)
  const run = await cli('run', 'start', issue.id, '--agent', 'shell', '--', 'sh', '-c', `echo ${file} > ${file} && git add ${file} && git commit -qm ${file}`)
  await expect.poll(async () => (await cli('run', 'show', run.id)).state, { timeout: 30_000 }).toBe('ready_to_merge')
  return run.id as string
}

test('the landing queue on the runs board, and Land in the run view for a run that is behind', async ({ page }) => {
  const repoDir = makeGitRepo(path.join(tmp.dir, 'lander'))
  await runCli(home, 'repo', 'add', repoDir)
  const a = await readyRun('lander', 'Add alpha', 'alpha.txt')
  const b = await readyRun('lander', 'Add beta', 'beta.txt')
  const c = await readyRun('lander', 'Add gamma', 'gamma.txt')

  // Paused, the queue shows each entry's place.
  await runCli(home, 'queue', 'pause')
  await cli('merge', a)
  await cli('merge', b)
  await page.goto(serve.url)
  await page.getByRole('button', { name: 'Runs', exact: true }).click()
  const queue = page.getByTestId('landing-queue')
  await expect(queue).toContainText('paused')
  await expect(queue.getByTestId('landing-step')).toHaveText(['#1 in line', '#2 in line'])
  await expect(page.getByTestId('run-column-queued_to_land').getByTestId('run-card')).toHaveCount(2)
  await shoot(page, 'landing-queue')

  // Resumed, both land one after the other: the second was behind the first and is rebased, no git typed.
  await queue.getByRole('button', { name: 'Resume' }).click()
  await expect(page.getByTestId('landing-queue')).toHaveCount(0, { timeout: 30_000 })
  for (const id of [a, b]) expect((await cli('run', 'show', id)).detail).toMatch(/^landed on main/)

  // The third is behind main now: the run view says the landing rebases it, and Land does it.
  await page.getByTestId('run-card').filter({ hasText: 'Add gamma' }).click()
  const view = page.getByTestId('run-view')
  await expect(view.getByTestId('land-notes')).toContainText('commit(s) behind main: landing rebases it first')
  await expect(view.getByTestId('merge-blockers')).toHaveCount(0)
  await shoot(page, 'run-view-land')
  await view.getByRole('button', { name: 'Land' }).click()
  await page.getByTestId('confirm-action').click()
  await expect(view.getByTestId('run-state')).toHaveText('merged', { timeout: 30_000 })
  await expect(view.getByTestId('run-detail')).toContainText('landed on main')
  for (const f of ['alpha.txt', 'beta.txt', 'gamma.txt']) expect(fs.existsSync(path.join(repoDir, f))).toBe(true)
  expect(c).toBeTruthy()
})
