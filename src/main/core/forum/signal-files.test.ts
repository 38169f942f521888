import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import type { Run } from '../../../shared/domain'
import { signalMaxBytes } from './signal-files'

describe('file signals for agents without MCP', () => {
  let t: TestCore
  let run: Run
  let dir: string
  beforeEach(async () => {
    t = await startTestCore()
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo() })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Tidy up' })
    const started = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', 'sleep 120'] })
    await expect.poll(async () => (run = await t.core.client.invoke('run.get', { id: started.id })).state, { timeout: 30_000 }).toBe('running')
    dir = path.join(run.worktreePath as string, '.flightdeck')
    fs.mkdirSync(dir, { recursive: true })
  })
  afterEach(() => t.close())

  const poll = () => t.core.services.forumEngine.pollSignals()
  function dbState() {
    const db = new SqliteDatabase(path.join(t.home, 'flightdeck.db'), { readonly: true })
    try {
      return {
        events: (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n,
        threads: (db.prepare('SELECT COUNT(*) AS n FROM forum_threads').get() as { n: number }).n,
        run: db.prepare('SELECT state, detail FROM runs WHERE id = ?').get(run.id)
      }
    } finally {
      db.close()
    }
  }

  it('turns guidance-request.json into a blocking question and answers in guidance-response.json', async () => {
    fs.writeFileSync(path.join(dir, 'guidance-request.json'), JSON.stringify({ question: 'Keep the old API?', options: ['yes', 'no'], files: ['src/api.ts'] }))
    await poll()
    expect(fs.existsSync(path.join(dir, 'guidance-request.json'))).toBe(false)
    const [thread] = await t.core.client.invoke('forum.list', { runId: run.id })
    expect(thread).toMatchObject({ channel: 'file', blocking: true, state: 'waiting_operator', options: ['yes', 'no'] })
    expect((await t.core.client.invoke('run.get', { id: run.id })).state).toBe('waiting')

    await t.core.client.invoke('forum.answer', { threadId: thread!.id, text: 'Keep it for one release.' })
    const response = JSON.parse(fs.readFileSync(path.join(dir, 'guidance-response.json'), 'utf8'))
    expect(response).toMatchObject({ threadId: thread!.id, answer: 'Keep it for one release.' })
    // The agent's question once (its first line is also the thread's title: not repeated above it).
    expect(response.question).toBe('Keep the old API?\n\nFiles: src/api.ts\n\nOptions:\n- yes\n- no')
    expect((await t.core.client.invoke('run.get', { id: run.id })).state).toBe('running')
    // Signal files never show up as changes of the run.
    expect(await t.core.client.invoke('run.changes', { id: run.id })).toEqual([])
  })

  it('records implementation-complete.json as a completion signal and artifact', async () => {
    fs.writeFileSync(path.join(dir, 'implementation-complete.json'), JSON.stringify({ summary: 'Tidied.', doneCriteria: ['lint passes'] }))
    await poll()
    expect(fs.existsSync(path.join(dir, 'implementation-complete.json'))).toBe(false)
    const signals = (await t.core.client.invoke('event.list', { limit: 1_000 })).filter((e) => e.topic === 'run.signal')
    expect(signals.at(-1)?.payload).toMatchObject({ hook: 'implementation-complete', payload: { summary: 'Tidied.', doneCriteria: ['lint passes'] } })
  })

  const malformed: [string, () => void, RegExp][] = [
    ['invalid JSON', () => fs.writeFileSync(path.join(dir, 'guidance-request.json'), '{"question": "half'), /not valid JSON/],
    ['an oversized file', () => fs.writeFileSync(path.join(dir, 'guidance-request.json'), JSON.stringify({ question: 'x'.repeat(signalMaxBytes) })), /bytes; the limit is 65536/],
    ['a missing question', () => fs.writeFileSync(path.join(dir, 'guidance-request.json'), JSON.stringify({ options: ['a'] })), /question: /],
    ['an unknown field', () => fs.writeFileSync(path.join(dir, 'guidance-request.json'), JSON.stringify({ question: 'q', run: 'other' })), /Unrecognized key/],
    ['a path outside the worktree', () => fs.writeFileSync(path.join(dir, 'guidance-request.json'), JSON.stringify({ question: 'q', files: ['../../etc/passwd'] })), /files\.0: paths must be relative and stay inside the worktree/],
    ['an absolute path', () => fs.writeFileSync(path.join(dir, 'guidance-request.json'), JSON.stringify({ question: 'q', files: ['/etc/passwd'] })), /stay inside the worktree/],
    ['a symlinked file', () => {
      fs.writeFileSync(path.join(t.dir, 'elsewhere.json'), JSON.stringify({ question: 'from outside' }))
      fs.symlinkSync(path.join(t.dir, 'elsewhere.json'), path.join(dir, 'guidance-request.json'))
    }, /is a symlink; refused/]
  ]
  for (const [what, make, error] of malformed) {
    it(`refuses ${what} with a clear error and changes nothing`, async () => {
      make()
      const before = dbState()
      await poll()
      expect(dbState()).toEqual(before)
      expect(fs.existsSync(path.join(dir, 'guidance-request.json'))).toBe(true)
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'signal-error.json'), 'utf8')).error).toMatch(error)
    })
  }

  it('refuses a .flightdeck folder that is a symlink', async () => {
    fs.rmSync(dir, { recursive: true })
    const outside = path.join(t.dir, 'outside')
    fs.mkdirSync(outside)
    fs.writeFileSync(path.join(outside, 'guidance-request.json'), JSON.stringify({ question: 'sneaky' }))
    fs.symlinkSync(outside, dir)
    const before = dbState()
    await poll()
    expect(dbState()).toEqual(before)
    expect(fs.existsSync(path.join(outside, 'signal-error.json'))).toBe(false)
  })
})
