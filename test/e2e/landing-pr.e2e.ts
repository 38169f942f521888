import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { type GithubServer, startGithubServer } from '../fixtures/github-server/github-server'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { shoot, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess
let gh: GithubServer
const KEY = 'acme/app'
const remotes = path.join(process.env.TMPDIR ?? '/tmp', `fd-e2e-remotes-${process.pid}`)
const bare = path.join(remotes, 'acme', 'app.git')
const tokenBefore = process.env.GITHUB_TOKEN

// The serve process takes its GitHub token from the environment it starts with.
test.beforeAll(async () => {
  process.env.GITHUB_TOKEN = 'ghp_e2e'
  fs.mkdirSync(bare, { recursive: true })
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare])
  gh = await startGithubServer('ghp_e2e', { gitDir: (key) => (key === KEY ? bare : undefined) })
})
useDeck('fd-e2e-pr-', (deck) => ({ tmp, home, serve } = deck))
test.afterAll(async () => {
  await gh?.close()
  fs.rmSync(remotes, { recursive: true, force: true })
  if (tokenBefore === undefined) delete process.env.GITHUB_TOKEN
  else process.env.GITHUB_TOKEN = tokenBefore
})

const cli = async (...args: string[]) => {
  const at = args.includes('--') ? args.indexOf('--') : args.length
  return JSON.parse(await runCli(home, ...args.slice(0, at), '--json', ...args.slice(at)))
}

test('the run view shows the pull request a run lands through: link, state, checks, reviews, its timeline', async ({ page }) => {
  const repoDir = makeGitRepo(path.join(tmp.dir, 'app'), { 'README.md': '# app\n', '.flightdeck/policy.json': JSON.stringify({ landing: { land: 'pull_request', pullRequest: { pollMs: 200 } } }) })
  execFileSync('git', ['remote', 'add', 'origin', bare], { cwd: repoDir })
  execFileSync('git', ['push', '-q', 'origin', 'main'], { cwd: repoDir })
  await runCli(home, 'repo', 'add', repoDir)
  await runCli(home, 'settings', 'set', 'github', JSON.stringify({ apiUrl: gh.url }))
  await runCli(home, 'secret', 'trust', new URL(gh.url).origin)
  const issue = await cli('issue', 'create', '--repo', 'app', '--title', 'Ship app.txt')
  const run = await cli('run', 'start', issue.id, '--agent', 'shell', '--', 'sh', '-c', 'echo ok > app.txt && git add app.txt && git commit -qm app')
  await expect.poll(async () => (await cli('run', 'show', run.id)).state, { timeout: 30_000 }).toBe('ready_to_merge')
  const branch = (await cli('run', 'show', run.id)).branch as string
  await cli('merge', run.id)
  await expect.poll(() => gh.pullFor(KEY, branch)?.number, { timeout: 30_000 }).toBeDefined()
  const pr = gh.pullFor(KEY, branch)!
  gh.check(KEY, { name: 'lint', head_sha: pr.head.sha, status: 'completed', conclusion: 'success' })
  gh.check(KEY, { name: 'unit', head_sha: pr.head.sha, status: 'in_progress', conclusion: null })
  gh.review(KEY, pr.number, { user: { login: 'ann' }, state: 'APPROVED', body: 'Looks right.' })

  await page.goto(serve.url)
  await page.getByRole('button', { name: 'Runs', exact: true }).click()
  await page.getByTestId('run-card').filter({ hasText: 'Ship app.txt' }).click()
  const view = page.getByTestId('run-view')
  const card = view.getByTestId('run-pull-request')
  await expect(card).toHaveAttribute('data-state', 'open')
  await expect(card).toContainText(`acme/app#${pr.number}`)
  await expect(card.getByTestId('pr-check')).toHaveText(['lint success', 'unit in progress'])
  await expect(card.getByTestId('pr-review')).toHaveText(['ann approved'])
  await expect(view.getByTestId('run-landing')).toContainText('following its pull request')
  await shoot(page, 'run-pull-request')

  await view.getByRole('tab', { name: 'Timeline' }).click()
  const timeline = view.getByTestId('timeline')
  await expect(timeline.locator('[data-topic="landing.pullRequest"]').first()).toContainText('Pull request: pushed')
  await expect(timeline).toContainText(`Pull request #${pr.number}: opened`)
  await expect(timeline).toContainText('ann approved: Looks right.')

  // Merged on GitHub: the run is merged, the card says so.
  const merged = await fetch(`${gh.url}/repos/${KEY}/pulls/${pr.number}/merge`, { method: 'PUT', headers: { authorization: 'token ghp_e2e' } })
  expect(`${merged.status} ${await merged.text()}`).toMatch(/^200 /)
  await expect(view.locator('header').getByTestId('run-state')).toHaveText('merged', { timeout: 30_000 })
  expect((await cli('run', 'show', run.id)).pullRequest).toMatchObject({ number: pr.number, state: 'merged', url: pr.html_url })
  await expect(card).toHaveAttribute('data-state', 'merged')
  await shoot(page, 'run-pull-request-merged')
})
