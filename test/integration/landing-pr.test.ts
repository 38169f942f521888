import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../src/main/core/core'
import { cliRunner } from '../fixtures/cli'
import { type TestCore, startTestCore } from '../fixtures/core'
import { type GithubServer, startGithubServer } from '../fixtures/github-server/github-server'
import { git, landingHelpers } from '../../src/main/core/landing/landing.test-support'
import type { EventEnvelope } from '../../src/shared/contract'

const KEY = 'acme/app'

/** Commits a broken app.txt; briefed about a failing check on its pull request, commits the fix on top. */
const agent = [
  'sh',
  '-c',
  `if grep -q 'failed on the pull request' "$FLIGHTDECK_BRIEFING"; then printf 'fixed\\n' > app.txt && git commit -qam "fix app.txt"; else printf 'broken\\n' > app.txt && git add app.txt && git commit -qm "add app.txt"; fi`
]

describe('the pull-request path', () => {
  let t: TestCore
  let gh: GithubServer
  let bare: string
  beforeEach(async () => {
    t = await startTestCore({ engine: true, landing: { leaseMs: 2_000, intervalMs: 100 } })
    bare = path.join(t.dir, 'remotes', 'acme', 'app.git')
    fs.mkdirSync(bare, { recursive: true })
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare])
    gh = await startGithubServer('ghp_pr', { gitDir: (key) => (key === KEY ? bare : undefined), pageSize: 1 })
    const c = t.core.client
    await c.invoke('secret.set', { name: 'github.token', value: 'ghp_pr' })
    await c.invoke('secret.trustHost', { origin: new URL(gh.url).origin })
    await c.invoke('settings.update', { patch: { github: { apiUrl: gh.url } } })
  })
  afterEach(async () => {
    await t.close()
    await gh.close()
  })

  it('opens a PR, sends a red check back to the agent, follows the fix and lands the run when the PR merges', async () => {
    const h = landingHelpers(t)
    const c = t.core.client
    const { path: repo, repo: r } = await h.repoWith({ 'README.md': '# app\n' }, { landing: { land: 'pull_request', pullRequest: { pollMs: 150, fixBudget: 2 } } })
    git(repo, 'remote', 'add', 'origin', bare)
    git(repo, 'push', '-q', 'origin', 'main')
    const issue = await c.invoke('issue.create', { repoId: r.id, title: 'Ship app.txt', body: 'The app needs its file.', acceptanceCriteria: ['app.txt says fixed'] })
    const run = await c.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: agent })
    const ready = await h.waitForState(run.id, 'ready_to_merge')
    const branch = ready.branch as string
    await c.invoke('landing.enqueue', { runId: run.id })

    // Pushed to the bare remote and opened, with the issue, its criteria, grade and gates in the body.
    await expect.poll(() => gh.pullFor(KEY, branch)?.number, { timeout: 20_000 }).toBeDefined()
    const pr = gh.pullFor(KEY, branch)!
    const first = git(bare, 'rev-parse', `refs/heads/${branch}`)
    expect(pr.head.sha).toBe(first)
    expect(pr.base.ref).toBe('main')
    expect(pr.body).toContain('Ship app.txt')
    expect(pr.body).toContain('The app needs its file.')
    expect(pr.body).toMatch(/### Acceptance criteria\n- \[ \] app\.txt says fixed/)
    expect(pr.body).toContain('### Grade')
    expect(pr.body).toMatch(/### Gates\n- start gate \(launch\): passed\n- close gate \(validation\): passed/)
    expect(pr.body).toContain(`flightdeck:run=${run.id}`)
    expect((await c.invoke('run.get', { id: run.id })).state).toBe('queued_to_land')
    await expect.poll(async () => (await c.invoke('landing.pullRequest', { runId: run.id })).pullRequest?.state, { timeout: 10_000 }).toBe('open')

    // CI goes red on the first head: the run goes back to its agent with the check's name and log.
    gh.check(KEY, { name: 'lint', head_sha: first, status: 'completed', conclusion: 'success' })
    gh.check(KEY, { name: 'unit', head_sha: first, status: 'completed', conclusion: 'failure', output: { title: '1 test failed', text: 'app.test.js\n  expected "fixed", got "broken"\n' } })
    await expect.poll(async () => (await c.invoke('issue.contextPackets', { issueId: issue.id })).length, { timeout: 20_000 }).toBe(2)
    const packets = await c.invoke('issue.contextPackets', { issueId: issue.id })
    const feedback = String(packets[1]!.content.inputs.pullRequestFeedback)
    expect(feedback).toContain('- unit (failure)')
    expect(feedback).toContain('expected "fixed", got "broken"')
    expect(feedback).not.toContain('- lint')

    // The agent's fix is pushed on top (a fast-forward: nothing of anyone's is overwritten) and the PR follows it.
    await expect.poll(() => gh.pullFor(KEY, branch)?.head.sha, { timeout: 30_000 }).not.toBe(first)
    const second = gh.pullFor(KEY, branch)!.head.sha
    expect(git(bare, 'show', `${second}:app.txt`)).toBe('fixed')
    expect(git(bare, 'merge-base', '--is-ancestor', first, second)).toBe('')
    expect(gh.pulls.get(KEY)).toHaveLength(1)

    gh.check(KEY, { name: 'lint', head_sha: second, status: 'completed', conclusion: 'success' })
    gh.check(KEY, { name: 'unit', head_sha: second, status: 'in_progress', conclusion: null })
    const kinds = async () => (await c.invoke('event.forEntity', { entity: run.id })).filter((e) => e.topic === 'landing.pullRequest').map((e) => (e as EventEnvelope<'landing.pullRequest'>).payload)
    await expect.poll(async () => (await kinds()).some((k) => k.message === `check unit: in_progress on ${second.slice(0, 10)}`), { timeout: 10_000 }).toBe(true)
    gh.check(KEY, { name: 'unit', head_sha: second, status: 'completed', conclusion: 'success' })
    await expect.poll(async () => (await kinds()).some((k) => k.kind === 'checks_passed'), { timeout: 10_000 }).toBe(true)
    expect((await c.invoke('run.get', { id: run.id })).state).toBe('queued_to_land')

    // Someone merges it on GitHub: the run is merged, its issue done.
    const merged = await fetch(`${gh.url}/repos/${KEY}/pulls/${pr.number}/merge`, { method: 'PUT', headers: { authorization: 'token ghp_pr' } })
    expect(merged.status).toBe(200)
    const done = await h.waitForState(run.id, 'merged', 20_000)
    expect(done.detail).toContain(`merged through pull request #${pr.number}`)
    expect((await c.invoke('issue.get', { id: issue.id })).status).toBe('done')
    expect(git(bare, 'show', 'main:app.txt')).toBe('fixed')
    expect((await c.invoke('landing.list', {})).entries).toEqual([])
    const info = (await c.invoke('landing.pullRequest', { runId: run.id })).pullRequest!
    expect(info).toMatchObject({ number: pr.number, state: 'merged', url: pr.html_url, headSha: second })

    // `run show` says where it went.
    const shown = await cliRunner(() => createCore({ home: t.home }))('run', 'show', run.id)
    expect(shown.stdout).toContain(`pull request: acme/app#${pr.number} merged ${pr.html_url} (origin/${branch} @ ${second.slice(0, 10)})`)
    expect(shown.stdout).toContain('checks: lint success, unit success')

    // The timeline tells the story in order.
    const story = (await kinds()).map((k) => k.kind)
    expect(story.filter((k, i) => k !== story[i - 1])).toEqual(expect.arrayContaining(['pushed', 'opened', 'check', 'sent_back', 'checks_passed', 'merged']))
    expect(story.indexOf('opened')).toBeLessThan(story.indexOf('sent_back'))
    expect(story.indexOf('sent_back')).toBeLessThan(story.lastIndexOf('pushed'))
    expect(story.at(-1)).toBe('merged')
  }, 120_000)

  it('says what went wrong in the timeline and stays resumable: refused push, no token, token without scope, an open PR adopted, rate limit, deleted branch, changes requested', async () => {
    const h = landingHelpers(t)
    const c = t.core.client
    const reviewed = ['sh', '-c', `if grep -q 'requested changes' "$FLIGHTDECK_BRIEFING"; then printf 'fixed\\n' > app.txt && git commit -qam "say fixed"; else printf 'broken\\n' > app.txt && git add app.txt && git commit -qm "add app.txt"; fi`]
    const { path: repo, repo: r } = await h.repoWith({ 'README.md': '# app\n' }, { landing: { land: 'pull_request', pullRequest: { pollMs: 150 } } })
    git(repo, 'remote', 'add', 'origin', bare)
    git(repo, 'push', '-q', 'origin', 'main')
    const issue = await c.invoke('issue.create', { repoId: r.id, title: 'Ship app.txt' })
    const run = await c.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: reviewed })
    const branch = (await h.waitForState(run.id, 'ready_to_merge')).branch as string
    const notes = async () => (await c.invoke('event.forEntity', { entity: run.id })).filter((e) => e.topic === 'landing.pullRequest').map((e) => (e as EventEnvelope<'landing.pullRequest'>).payload)
    // On a timeout, the whole story so far.
    const waitNote = async (test: (m: string) => boolean) => {
      await expect.poll(async () => (await notes()).some((n) => test(n.message)), { timeout: 15_000 }).toBe(true).catch(async (e: unknown) => {
        throw new Error(`${String(e)}\n${(await notes()).map((n) => `${n.kind}: ${n.message}`).join('\n')}`)
      })
    }
    const entry = async () => (await c.invoke('landing.list', {})).entries.find((e) => e.runId === run.id)

    // 1. Someone else's commit is on the remote branch: nothing is pushed, the run waits for the operator.
    const foreign = git(repo, 'commit-tree', 'main^{tree}', '-p', 'main', '-m', 'not the run\'s')
    git(repo, 'push', '-q', 'origin', `${foreign}:refs/heads/${branch}`)
    await c.invoke('landing.enqueue', { runId: run.id })
    await waitNote((m) => m.startsWith(`push refused: origin/${branch} has commits that are not this run's`))
    await expect.poll(async () => (await entry())?.status, { timeout: 10_000 }).toBe('blocked')
    expect(git(bare, 'rev-parse', `refs/heads/${branch}`)).toBe(foreign)
    expect((await c.invoke('run.get', { id: run.id })).state).toBe('queued_to_land')

    // 2. The operator deletes that branch. No token: pushed, and the PR waits for one.
    git(bare, 'update-ref', '-d', `refs/heads/${branch}`)
    const envToken = process.env.GITHUB_TOKEN
    delete process.env.GITHUB_TOKEN
    await c.invoke('secret.clear', { name: 'github.token' })
    await c.invoke('landing.enqueue', { runId: run.id })
    await waitNote((m) => m === 'no GitHub token for the pull request: store one (`flightdeck secret set github.token`) or set GITHUB_TOKEN, then queue the run again')
    await expect.poll(async () => (await entry())?.status, { timeout: 10_000 }).toBe('blocked')
    if (envToken !== undefined) process.env.GITHUB_TOKEN = envToken
    await c.invoke('secret.set', { name: 'github.token', value: 'ghp_pr' })

    // The token may not open PRs: said with its scopes, waits again.
    gh.script({ method: 'POST', path: /\/pulls$/, status: 403, body: { message: 'Resource not accessible by personal access token' }, headers: { 'x-oauth-scopes': 'read:org', 'x-accepted-oauth-scopes': 'repo' } })
    await c.invoke('landing.enqueue', { runId: run.id })
    await waitNote((m) => m.startsWith('the GitHub token is not allowed to open a pull request in acme/app (HTTP 403') && m.includes("The token's scopes: read:org. This needs: repo."))
    await expect.poll(async () => (await entry())?.status, { timeout: 10_000 }).toBe('blocked')
    const tip = git(repo, 'rev-parse', `refs/heads/${branch}`)
    expect(git(bare, 'rev-parse', `refs/heads/${branch}`)).toBe(tip)

    // 3. Meanwhile someone opened the PR by hand: queued again, it is adopted, not duplicated.
    const opened = await fetch(`${gh.url}/repos/${KEY}/pulls`, { method: 'POST', headers: { authorization: 'token ghp_pr', 'content-type': 'application/json' }, body: JSON.stringify({ title: 'by hand', head: branch, base: 'main' }) })
    const number = ((await opened.json()) as { number: number }).number
    await c.invoke('landing.enqueue', { runId: run.id })
    await waitNote((m) => m.startsWith(`a pull request was already open for ${branch}: adopted #${number}`))
    expect(gh.pulls.get(KEY)).toHaveLength(1)
    await expect.poll(async () => (await entry())?.status, { timeout: 10_000 }).toBe('pull_request')

    // 4. Rate-limited: recorded with the reset, and the next look waits for it.
    const reset = Math.ceil(Date.now() / 1000) + 2
    gh.script({ path: new RegExp(`/pulls/${number}$`), status: 403, body: { message: 'API rate limit exceeded' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) } })
    await waitNote((m) => m === `GitHub's rate limit was reached while read pull request #${number} (HTTP 403: API rate limit exceeded); trying again at ${new Date(reset * 1000).toISOString()}`)
    const reads = () => gh.requests.filter((q) => q.method === 'GET' && q.path === `/repos/${KEY}/pulls/${number}`).length
    const limited = reads()
    await expect.poll(reads, { timeout: 10_000 }).toBeGreaterThan(limited)
    expect(Date.now()).toBeGreaterThanOrEqual(reset * 1000 - 50)
    await expect.poll(async () => (await c.invoke('landing.pullRequest', { runId: run.id })).pullRequest?.lastError, { timeout: 5_000 }).toBeNull()

    // 5. The remote branch is deleted (GitHub closes the PR): pushed again, the PR reopened.
    gh.deleteBranch(KEY, branch)
    await waitNote((m) => m === `the remote branch origin/${branch} was deleted; pushed ${tip.slice(0, 10)} to it again`)
    await waitNote((m) => m === `reopened pull request #${number}, closed when its branch was deleted`)
    expect(gh.pullFor(KEY, branch)).toMatchObject({ number, state: 'open' })

    // 6. Changes requested with file:line comments: back to the agent, whose fix is pushed on top.
    gh.review(KEY, number, { user: { login: 'ann' }, state: 'CHANGES_REQUESTED', body: 'Not yet.' }, [{ path: 'app.txt', line: 1, body: 'say fixed' }])
    await expect.poll(async () => (await c.invoke('issue.contextPackets', { issueId: issue.id })).length, { timeout: 15_000 }).toBe(2)
    const feedback = String((await c.invoke('issue.contextPackets', { issueId: issue.id }))[1]!.content.inputs.pullRequestFeedback)
    expect(feedback).toContain('ann requested changes on the pull request: Not yet.')
    expect(feedback).toContain('- app.txt:1: say fixed')
    await expect.poll(() => gh.pullFor(KEY, branch)?.head.sha, { timeout: 30_000 }).not.toBe(tip)
    expect(git(bare, 'show', `refs/heads/${branch}:app.txt`)).toBe('fixed')
    expect(git(bare, 'merge-base', '--is-ancestor', tip, `refs/heads/${branch}`)).toBe('')

    await fetch(`${gh.url}/repos/${KEY}/pulls/${number}/merge`, { method: 'PUT', headers: { authorization: 'token ghp_pr' } })
    await h.waitForState(run.id, 'merged', 20_000)
    expect((await c.invoke('issue.get', { id: issue.id })).status).toBe('done')
    // Each fault was recorded once: the refused push, the missing token, the missing scope, the rate limit.
    expect((await notes()).filter((n) => n.kind === 'fault').map((n) => n.message.slice(0, 22))).toEqual(['push refused: origin/f', 'no GitHub token for th', 'the GitHub token is no', "GitHub's rate limit wa"])
  }, 120_000)

  it('a PR that conflicts with the moved base goes back to the agent, whose merge of the base is pushed on top', async () => {
    const h = landingHelpers(t)
    const c = t.core.client
    const merging = ['sh', '-c', `if grep -q 'cannot be merged' "$FLIGHTDECK_BRIEFING"; then git merge -q --no-edit origin/main || { printf 'both\\n' > app.txt && git add app.txt && git commit -qm "merge main"; }; else printf 'run\\n' > app.txt && git add app.txt && git commit -qm "add app.txt"; fi`]
    const { path: repo, repo: r } = await h.repoWith({ 'README.md': '# app\n' }, { landing: { land: 'pull_request', pullRequest: { pollMs: 150 } } })
    git(repo, 'remote', 'add', 'origin', bare)
    git(repo, 'push', '-q', 'origin', 'main')
    const issue = await c.invoke('issue.create', { repoId: r.id, title: 'Ship app.txt' })
    const run = await c.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: merging })
    const branch = (await h.waitForState(run.id, 'ready_to_merge')).branch as string
    await c.invoke('landing.enqueue', { runId: run.id })
    await expect.poll(() => gh.pullFor(KEY, branch)?.mergeable, { timeout: 20_000 }).toBe(true)
    const first = gh.pullFor(KEY, branch)!.head.sha

    // Someone else lands the same file on the remote's main first.
    const other = path.join(t.dir, 'other')
    execFileSync('git', ['clone', '-q', bare, other])
    fs.writeFileSync(path.join(other, 'app.txt'), 'theirs\n')
    git(other, 'add', 'app.txt')
    git(other, '-c', 'user.name=O', '-c', 'user.email=o@x', 'commit', '-qm', 'theirs app.txt')
    git(other, 'push', '-q', 'origin', 'main')
    expect(gh.pullFor(KEY, branch)?.mergeable).toBe(false)

    await expect.poll(async () => (await c.invoke('issue.contextPackets', { issueId: issue.id })).length, { timeout: 20_000 }).toBe(2)
    const feedback = String((await c.invoke('issue.contextPackets', { issueId: issue.id }))[1]!.content.inputs.pullRequestFeedback)
    expect(feedback).toContain(`Pull request #${gh.pullFor(KEY, branch)!.number} cannot be merged: your branch conflicts with \`main\``)
    expect(feedback).toContain('`git merge origin/main`')
    await expect.poll(() => gh.pullFor(KEY, branch)?.mergeable, { timeout: 30_000 }).toBe(true).catch(async (e: unknown) => {
      const now = await c.invoke('run.get', { id: run.id })
      throw new Error(`${String(e)}\n${now.state}: ${now.detail}\n${git(now.worktreePath!, 'log', '--oneline', '-5')}`)
    })
    const merged = gh.pullFor(KEY, branch)!
    expect(git(bare, 'merge-base', '--is-ancestor', first, merged.head.sha)).toBe('')
    expect(git(bare, 'show', `${merged.head.sha}:app.txt`)).toBe('both')
    await fetch(`${gh.url}/repos/${KEY}/pulls/${merged.number}/merge`, { method: 'PUT', headers: { authorization: 'token ghp_pr' } })
    await h.waitForState(run.id, 'merged', 20_000)
    expect(git(bare, 'show', 'main:app.txt')).toBe('both')
  }, 120_000)
})
