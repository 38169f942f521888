import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type GithubServer, startGithubServer } from '../../../../test/fixtures/github-server/github-server'
import { makeGitRepo, tempDir } from '../../../../test/fixtures/temp'
import { createGitRunner } from '../workspaces'
import { PushRefused, pushRun, remoteUrl, repositoryOf } from './pr-git'
import { GithubFault, GithubPulls, githubClient, githubFault } from './pr-github'

const KEY = 'acme/app'
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: 'pipe' }).trim()

describe('pull-request faults, each with its own message', () => {
  let tmp: ReturnType<typeof tempDir>
  let gh: GithubServer
  let repo: string
  let bare: string
  const runner = createGitRunner()
  const ws = () => ({ repoPath: repo, path: repo, branch: 'fd/work', baseBranch: 'main' })
  const api = async (token = 'ghp_x') => new GithubPulls(await githubClient(token, gh.url), KEY)
  const fault = async (p: Promise<unknown>): Promise<GithubFault> => {
    const error = await p.then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(GithubFault)
    return error as GithubFault
  }

  beforeEach(async () => {
    tmp = tempDir('fd-pr-')
    bare = path.join(tmp.dir, 'acme', 'app.git')
    fs.mkdirSync(bare, { recursive: true })
    git(bare, 'init', '-q', '--bare', '-b', 'main')
    repo = makeGitRepo(path.join(tmp.dir, 'repo'), { 'README.md': '# app\n' })
    git(repo, 'remote', 'add', 'origin', bare)
    git(repo, 'push', '-q', 'origin', 'main')
    git(repo, 'checkout', '-q', '-b', 'fd/work')
    fs.writeFileSync(path.join(repo, 'a.txt'), 'a\n')
    git(repo, 'add', 'a.txt')
    git(repo, 'commit', '-qm', 'a')
    gh = await startGithubServer('ghp_x', { gitDir: (k) => (k === KEY ? bare : undefined), pageSize: 1, scopes: 'repo' })
  })
  afterEach(async () => {
    await gh.close()
    tmp.cleanup()
  })

  it('a rate-limited API retries after the reset GitHub names, without asking anyone', async () => {
    const reset = Math.floor(Date.now() / 1000) + 90
    gh.script({ path: /\/pulls$/, status: 403, body: { message: 'API rate limit exceeded for user ID 1.' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) } })
    const f = await fault((await api()).findOpen('fd/work'))
    expect(f.blocking).toBe(false)
    expect(f.retryAt).toBe(reset * 1000)
    expect(f.message).toBe(`GitHub's rate limit was reached while list pull requests (HTTP 403: API rate limit exceeded for user ID 1.); trying again at ${new Date(reset * 1000).toISOString()}`)
    // A secondary limit says Retry-After instead.
    gh.script({ path: /\/pulls$/, status: 429, body: { message: 'You have exceeded a secondary rate limit.' }, headers: { 'retry-after': '7' } })
    const before = Date.now()
    const g = await fault((await api()).findOpen('fd/work'))
    expect(g.retryAt! - before).toBeGreaterThanOrEqual(7_000)
    expect(g.retryAt! - before).toBeLessThan(9_000)
    // The limit over, the same call answers.
    expect(await (await api()).findOpen('fd/work')).toBeUndefined()
  })

  it('a token without scope names the scopes it has and the one it needs', async () => {
    gh.script({ method: 'POST', path: /\/pulls$/, status: 403, body: { message: 'Resource not accessible by personal access token' }, headers: { 'x-oauth-scopes': 'read:org', 'x-accepted-oauth-scopes': 'repo' } })
    git(repo, 'push', '-q', 'origin', 'fd/work')
    const f = await fault((await api()).create({ branch: 'fd/work', base: 'main', title: 't', body: 'b' }))
    expect(f.blocking).toBe(true)
    expect(f.message).toBe(
      'the GitHub token is not allowed to open a pull request in acme/app (HTTP 403: Resource not accessible by personal access token). The token\'s scopes: read:org. This needs: repo. Give it the `repo` scope (or "Pull requests: write" and "Checks: read"), then queue the run again'
    )
    const bad = await fault((await api('wrong')).get(1))
    expect(bad.message).toBe('GitHub refused the token while read pull request #1 (HTTP 401: Bad credentials): store a valid one with `flightdeck secret set github.token`, then queue the run again')
    gh.script({ path: /\/pulls\/1$/, status: 502, body: { message: 'Bad Gateway' } })
    const down = await fault((await api()).get(1))
    expect(down).toMatchObject({ blocking: false, message: 'GitHub did not answer while read pull request #1 (HTTP 502: Bad Gateway); trying again' })
    expect(githubFault({ status: 404, message: 'Not Found', response: { headers: {}, data: { message: 'Not Found' } } }, 'open a pull request', KEY).message).toMatch(/^GitHub has no repository acme\/app, or the token cannot see it/)
  })

  it('a PR already open for the branch is found (to adopt), lists are read across pages, and creating a second one is a 422 that says so', async () => {
    git(repo, 'push', '-q', 'origin', 'fd/work')
    for (const b of ['x', 'y']) {
      git(repo, 'push', '-q', 'origin', `main:refs/heads/${b}`)
      await (await api()).create({ branch: b, base: 'main', title: b, body: '' })
    }
    const mine = await (await api()).create({ branch: 'fd/work', base: 'main', title: 'mine', body: '' })
    // Three open PRs; the branch's is found by its head.
    const found = await (await api()).findOpen('fd/work')
    expect(found).toMatchObject({ number: mine.number, state: 'open', headSha: git(repo, 'rev-parse', 'fd/work') })
    // Reviews, their comments and check runs come one per page here: every page is read.
    for (const who of ['ann', 'bob', 'cy']) gh.review(KEY, mine.number, { user: { login: who }, state: who === 'bob' ? 'CHANGES_REQUESTED' : 'COMMENTED', body: `from ${who}` }, [{ path: `${who}.ts`, line: 3, body: 'x' }, { path: `${who}.ts`, line: 9, body: 'y' }])
    const reviews = await (await api()).reviews(mine.number)
    expect(reviews.map((r) => r.user)).toEqual(['ann', 'bob', 'cy'])
    expect(reviews[1]!.comments).toEqual([{ path: 'bob.ts', line: 3, body: 'x' }, { path: 'bob.ts', line: 9, body: 'y' }])
    for (const name of ['a', 'b', 'c']) gh.check(KEY, { name, head_sha: found!.headSha, status: 'completed', conclusion: 'success' })
    expect((await (await api()).checks(found!.headSha)).map((c) => c.name)).toEqual(['a', 'b', 'c'])
    expect(gh.requests.filter((r) => r.path.includes('/check-runs'))).toHaveLength(3)
    const again = await fault((await api()).create({ branch: 'fd/work', base: 'main', title: 'mine', body: '' }))
    expect(again.message).toBe('GitHub refused to open a pull request (HTTP 422: Validation Failed: A pull request already exists for acme:fd/work.)')
  })

  it('pushes with a lease, refuses to overwrite commits that are not the run\'s, and reports a rejecting remote', async () => {
    const first = await pushRun(runner, ws(), 'origin', null)
    expect(first).toMatchObject({ before: null, pushed: true, sha: git(repo, 'rev-parse', 'fd/work') })
    expect(await pushRun(runner, ws(), 'origin', first.sha)).toMatchObject({ pushed: false })
    // The agent rewrote its own pushed commit (a rebase): the remote is at what we pushed, so it may be replaced.
    git(repo, 'commit', '-q', '--amend', '-m', 'a, reworded')
    const rewritten = await pushRun(runner, ws(), 'origin', first.sha)
    expect(rewritten).toMatchObject({ before: first.sha, pushed: true })
    // Someone else pushed to the branch: not contained in ours and not what we pushed, so nothing is pushed.
    const other = makeGitRepo(path.join(tmp.dir, 'other'))
    git(other, 'fetch', '-q', bare, 'fd/work')
    git(other, 'checkout', '-q', '-b', 'fd/work', 'FETCH_HEAD')
    fs.writeFileSync(path.join(other, 'theirs.txt'), 'theirs\n')
    git(other, 'add', 'theirs.txt')
    git(other, 'commit', '-qm', 'theirs')
    git(other, 'push', '-q', bare, 'fd/work')
    const theirs = git(other, 'rev-parse', 'HEAD')
    fs.writeFileSync(path.join(repo, 'b.txt'), 'b\n')
    git(repo, 'add', 'b.txt')
    git(repo, 'commit', '-qm', 'b')
    const refused = await pushRun(runner, ws(), 'origin', rewritten.sha).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(PushRefused)
    expect((refused as Error).message).toBe(
      `push refused: origin/fd/work has commits that are not this run's (the remote is at ${theirs.slice(0, 10)}, the run's branch at ${git(repo, 'rev-parse', 'HEAD').slice(0, 10)}); nothing was pushed or overwritten. Bring them into the run's branch (or delete the remote branch), then queue the run again`
    )
    expect(git(bare, 'rev-parse', 'fd/work')).toBe(theirs)
    // Once their commit is in the run's branch, the push is a fast-forward.
    git(repo, 'pull', '-q', '--no-rebase', '--no-edit', 'origin', 'fd/work')
    expect(await pushRun(runner, ws(), 'origin', rewritten.sha)).toMatchObject({ before: theirs, pushed: true })
    // A remote that rejects (a hook, a protected branch) is reported with its reason.
    fs.writeFileSync(path.join(bare, 'hooks', 'pre-receive'), '#!/bin/sh\necho "branch is protected" >&2\nexit 1\n', { mode: 0o755 })
    fs.writeFileSync(path.join(repo, 'c.txt'), 'c\n')
    git(repo, 'add', 'c.txt')
    git(repo, 'commit', '-qm', 'c')
    const hooked = await pushRun(runner, ws(), 'origin', null).catch((e: unknown) => e)
    expect((hooked as Error).message).toMatch(/^the remote 'origin' rejected the push of fd\/work: .*pre-receive hook declined.*; nothing was overwritten$/)
  })

  it('names a missing remote and reads owner/repo from remote URLs', async () => {
    await expect(remoteUrl(runner, repo, 'upstream')).rejects.toThrow("the repository has no git remote 'upstream' to push to (policy landing.pullRequest.remote); add it with `git remote add upstream URL`")
    expect(repositoryOf('git@github.com:acme/app.git')).toBe('acme/app')
    expect(repositoryOf('https://github.com/acme/app')).toBe('acme/app')
    expect(repositoryOf(bare)).toBe('acme/app')
    expect(repositoryOf('app')).toBeNull()
  })
})
