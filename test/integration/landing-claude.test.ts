import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../fixtures/core'
import { claudeBin, claudeEnv, prepareClaudeConfig, testApiKey } from '../fixtures/model-server/claude-harness'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import { lastUserText } from '../fixtures/model-server/request-inspect'
import type { RecordedRequest } from '../fixtures/model-server/types'
import { git, landingHelpers, writeFile } from '../../src/main/core/landing/landing.test-support'

function worktreeOf(request: RecordedRequest): string {
  const match = /git worktree (\S+) \(its own branch\)/.exec(JSON.stringify(request.body.messages))
  if (!match?.[1]) throw new Error('the briefing did not name the worktree')
  return match[1]
}

describe('a conflict handed back to a real Claude Code run against the scripted model', () => {
  let t: TestCore | undefined
  let server: ModelServer | undefined
  afterEach(async () => {
    await t?.close()
    await server?.close()
  })

  it('receives the conflict briefing, resolves it in its worktree, and the queue lands it', async () => {
    t = await startTestCore({ engine: true, landing: { leaseMs: 2_000, intervalMs: 200 } })
    let worktree = ''
    const briefed = (req: RecordedRequest) => lastUserText(req).includes('landing stopped')
    server = await startModelServer({
      scenario: [
        (request) => {
          worktree = worktreeOf(request)
          return { text: 'Setting three.', tool: 'Bash', input: { command: `cd '${worktree}' && printf 'value = 3\\n' > config.txt && git commit -qam "set 3"`, description: 'Edit and commit' } }
        },
        { waitFor: { toolResult: true }, text: 'Set to three and committed.' },
        // Re-briefed: read the briefing the message names, then rebase and keep both values.
        Object.assign((req: RecordedRequest) => ({ tool: 'Bash', input: { command: `cat '${/see briefing v\d+ \(([^)]+)\)/.exec(lastUserText(req))?.[1] ?? ''}'`, description: 'Read the briefing' } }), { waitFor: briefed }),
        { waitFor: { toolResult: true }, tool: 'Bash', input: { command: "cd \"$(git rev-parse --show-toplevel)\" && git rebase main || { printf 'value = both\\n' > config.txt && git add config.txt && GIT_EDITOR=true git rebase --continue; }", description: 'Rebase and resolve' } },
        { waitFor: { toolResult: true }, text: 'Rebased onto main and resolved the conflict.' }
      ]
    })
    const configDir = path.join(t.dir, 'claude-config')
    await prepareClaudeConfig(configDir, { projectPaths: [t.dir], apiKey: testApiKey })
    const env = claudeEnv({ baseUrl: server.url, configDir, apiKey: testApiKey, base: {} })
    const h = landingHelpers(t)
    const { path: repo, repo: r } = await h.repoWith({ 'config.txt': 'value = 1\n' }, { agents: { profiles: { 'claude-code': { argv: [claudeBin], env } } } })

    const a = await h.startRun(r.id, 'Set two', writeFile('config.txt', 'value = 2'))
    const issueB = await t.core.client.invoke('issue.create', { repoId: r.id, title: 'Set three' })
    const b = await t.core.client.invoke('run.start', { issueId: issueB.id })
    await h.waitForState(a.id, 'ready_to_merge')
    await h.waitForState(b.id, 'ready_to_merge', 90_000)
    await t.core.client.invoke('landing.enqueue', { runId: a.id })
    await h.waitForState(a.id, 'merged')
    await t.core.client.invoke('landing.enqueue', { runId: b.id })

    await h.waitForState(b.id, 'merged', 120_000).catch(async (e: unknown) => {
      throw new Error(`${String(e)}\n${JSON.stringify(await t!.core.client.invoke('landing.list', {}))}\n${(await t!.core.client.invoke('run.get', { id: b.id })).detail}\nREQS ${server!.requests.map((q) => `${q.kind}: ${lastUserText(q).slice(0, 150).replace(/\s+/g, ' ')}`).join('\n REQ ')}\nBRANCH ${git(worktree || repo, 'log', '--oneline', '-5')}`)
    })
    expect(fs.readFileSync(path.join(repo, 'config.txt'), 'utf8')).toBe('value = both\n')
    // What the agent read: the conflicting file, the other run's issue, and what to do.
    const read = server.requests.find((req) => req.kind === 'main' && lastUserText(req).includes('conflicts in'))
    expect(lastUserText(read as RecordedRequest)).toContain(`"Set two" (issue ${a.issueId}, run ${a.id})`)
    expect(lastUserText(read as RecordedRequest)).toContain('- config.txt')
    expect(git(repo, 'log', '--first-parent', '--format=%s', 'main').split('\n').filter((s) => s.endsWith(`(run ${b.id})`))).toHaveLength(1)
    expect(server.errors).toEqual([])
    await expect.poll(async () => (await t!.core.client.invoke('terminal.open', { runId: b.id })).live, { timeout: 20_000 }).toBe(false)
  }, 240_000)
})
