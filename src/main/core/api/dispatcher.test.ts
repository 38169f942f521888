import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import { type CommandName, commandNames } from '../../../shared/contract'
import { createHandlers } from './handlers'

const ghostId = '01ARZ3NDEKTSV4RRFFQ69G5FAV'

/** At least one invalid payload per command; the test below fails if a command is missing here. */
const invalidInputs: Record<CommandName, unknown[]> = {
  'system.info': [{ extra: 1 }],
  'system.metrics': [{ reset: true }],
  'repo.add': [{}, { path: '' }, { path: 42 }, { path: '/tmp', name: '' }, { path: '/tmp', bogus: true }],
  'repo.list': [{ repoId: 'x' }],
  'repo.get': [{}, { ref: '' }],
  'issue.create': [
    {},
    { repoId: 'not-an-id', title: 'x' },
    { repoId: ghostId, title: '   ' },
    { repoId: ghostId, title: 'x'.repeat(301) },
    { repoId: ghostId, title: 'ok', priority: 'critical' },
    { repoId: ghostId, title: 'ok', labels: [''] },
    { repoId: ghostId, title: 'ok', dependsOn: ['nope'] },
    { repoId: ghostId, title: 'ok', scaleTier: 9 }
  ],
  'issue.list': [{ status: 'open' }, { limit: 0 }],
  'issue.get': [{}, { id: 'short' }],
  'issue.transition': [{ id: ghostId }, { id: ghostId, to: 'finished' }],
  'issue.update': [{}, { id: ghostId, title: '' }, { id: ghostId, priority: 'critical' }, { id: ghostId, dependsOn: ['x'] }],
  'issue.contextPackets': [{ issueId: 7 }],
  'event.list': [{ afterSeq: -1 }, { limit: 100_000 }],
  'agent.list': [{ repoId: 'x' }],
  'run.start': [
    {},
    { issueId: ghostId, agent: '' },
    { issueId: ghostId, argv: [] },
    { issueId: ghostId, argv: 'rm -rf /' },
    { issueId: ghostId, from: 'main' },
    { issueId: ghostId, from: {} },
    { issueId: ghostId, from: { branch: '--upload-pack=touch /tmp/x' } },
    { issueId: ghostId, from: { branch: 'a..b' } },
    { issueId: ghostId, from: { branch: 'main; rm -rf /' } },
    { issueId: ghostId, from: { runId: 'nope', checkpoint: 1 } },
    { issueId: ghostId, from: { runId: ghostId, checkpoint: 0 } },
    { issueId: ghostId, from: { runId: ghostId, checkpoint: 1.5 } },
    { issueId: ghostId, from: { branch: 'main', runId: ghostId, checkpoint: 1 } }
  ],
  'run.list': [{ state: 'sleeping' }, { limit: 0 }],
  'run.get': [{}],
  'run.stop': [{ id: 1 }],
  'run.restart': [{ id: 'nope' }],
  'run.resume': [{}],
  'run.changes': [{}],
  'run.diff': [{ id: '' }],
  'run.mergeCheck': [{}],
  'run.merge': [{ id: ghostId, strategy: 'rebase' }],
  'run.rebase': [{}],
  'run.cleanup': [{ id: ghostId, force: 'yes' }],
  'run.signal': [{ id: ghostId }, { id: ghostId, hook: '' }, { id: ghostId, hook: 'Stop', payload: [] }],
  'terminal.open': [{}, { runId: ghostId, command: 'a/b' }],
  'terminal.input': [{ sessionId: 'x' }, { sessionId: '../etc', data: 'a' }, { sessionId: 'x', data: '' }],
  'terminal.resize': [{ sessionId: 'x', cols: 0, rows: 10 }],
  'terminal.ack': [{ sessionId: 'x', chars: -5 }],
  'settings.get': [{ theme: 'dark' }],
  'secret.status': [{ name: 'x' }],
  'secret.set': [{ name: 'openai.key', value: 'k' }, { name: 'github.token', value: '' }],
  'secret.clear': [{ name: 'anthropic' }],
  'system.doctor': [{ verbose: true }],
  'run.ports': [{ runId: 'nope' }, {}],
  'run.command.list': [{ runId: 'nope' }, {}],
  'run.command.start': [{ runId: ghostId }, { runId: ghostId, name: '../x' }, { runId: ghostId, name: 'dev; rm -rf /' }, { runId: 'nope', name: 'dev' }],
  'run.command.stop': [{ runId: ghostId, name: '' }, { name: 'dev' }],
  'run.environment.log': [{ runId: 7 }, {}],
  'run.restore': [{ id: 'nope' }, { id: ghostId, snapshot: 0 }],
  'run.checkpoints': [{ id: 'nope' }, {}],
  'run.checkpointDiff': [{ id: ghostId, from: -1, to: 1 }, { id: ghostId, from: 1 }],
  'run.rewind': [{ id: ghostId, n: 0 }, { id: ghostId }],
  'run.undoRewind': [{ id: ghostId, snapshot: 0 }, { id: ghostId }],
  'secret.trustHost': [{ origin: 'ftp://files.example' }, { origin: 'https://llm.example.com/v1' }],
  'secret.untrustHost': [{ origin: 'not an origin' }],
  'plan.create': [
    {},
    { prdText: '   ', target: { kind: 'existing', repoId: ghostId } },
    { prdText: 'PRD', target: { kind: 'new', name: '../escape' } },
    { prdText: 'PRD', target: { kind: 'cloud', name: 'x' } }
  ],
  'plan.list': [{ status: 'x' }],
  'plan.get': [{ id: 'nope' }],
  'plan.clarify': [{}],
  'plan.answer': [{ id: ghostId, answers: [{ questionId: 'one', answer: 'x' }] }, { id: ghostId }],
  'plan.generate': [{ id: 1 }],
  'plan.version': [{ id: ghostId, version: 0 }],
  'plan.edit': [
    { id: ghostId, baseVersion: 1, edits: [] },
    { id: ghostId, baseVersion: 1, edits: [{ op: 'addComponent', id: 'Bad Id', name: 'x', type: 'service' }] },
    { id: ghostId, baseVersion: 1, edits: [{ op: 'connect', from: 'a', to: 'b', kind: 'teleports' }] }
  ],
  'plan.diff': [{ id: ghostId, from: 1 }],
  'plan.chat': [{ id: ghostId, message: '' }],
  'plan.acceptProposal': [{ id: ghostId, messageId: 'm1' }],
  'plan.dismissProposal': [{ id: ghostId, messageId: 'm1' }],
  'plan.proposalDiff': [{ id: ghostId }],
  'plan.decompose': [{ id: ghostId, extra: true }],
  'plan.updateItems': [
    { id: ghostId, items: [] },
    { id: ghostId, items: [{ key: 'W-1', title: 'x', summary: 'y', acceptance_criteria: [], component: 'api', requirement_ids: [], depends_on: [], size: 's', scale_tier: 1, category: 'feature' }] }
  ],
  'plan.approve': [{}],
  'plan.export': [{ id: '' }],
  'plan.syncGithub': [{ id: ghostId, owner: 'o' }, { id: ghostId, owner: 'bad owner', repo: 'r' }, { id: ghostId, owner: 'o', repo: 'r', baseUrl: 'not a url' }],
  'settings.update': [{}, { patch: 'dark' }],
  'forum.ask': [{}, { title: 'x' }, { title: 'x', body: 'y'.repeat(20_001) }, { title: 'x', body: 'y', kind: 'rumour' }, { title: 'x', body: 'y', runId: 'nope' }, { title: 'x', body: 'y', options: Array(11).fill('o') }],
  'forum.answer': [{ threadId: ghostId }, { threadId: ghostId, text: '  ' }, { threadId: ghostId, text: 'a'.repeat(20_001) }, { threadId: 'nope', text: 'a' }],
  'forum.post': [{ threadId: ghostId }, { threadId: ghostId, text: 'a', author: '' }],
  'forum.assign': [{ threadId: ghostId }, { threadId: ghostId, assignee: '' }],
  'forum.state': [{ threadId: ghostId, state: 'resolved' }],
  'forum.priority': [{ threadId: ghostId, priority: 'critical' }],
  'forum.close': [{}, { threadId: ghostId, reason: '' }],
  'forum.seen': [{ threadId: 3 }],
  'forum.list': [{ state: 'pending' }, { limit: 0 }, { runId: 'x' }],
  'forum.inbox': [{ limit: 0 }, { limit: 10_000 }],
  'forum.thread': [{}, { threadId: 'x' }],
  'forum.stats': [{ all: true }],
  'event.forEntity': [{}, { entity: 'x' }, { entity: ghostId, limit: 0 }],
  'constraint.get': [{ id: 'nope' }],
  'doctrine.list': [{}, { repoId: 'x' }],
  'doctrine.check': [{ repoId: ghostId, range: '--output=/tmp/x' }, { repoId: ghostId, range: 'a b' }, { repoId: ghostId, range: '' }],
  'governance.check': [{ runId: 7 }],
  'violation.list': [{}, { runId: ghostId, status: 'ignored' }],
  'violation.override': [{ id: ghostId }, { id: ghostId, reason: '   ' }, { id: ghostId, reason: 'ok' }, { id: 'x', reason: 'a fine reason' }],
  'review.plan': [{}, { runId: ghostId, plan: '' }],
  'review.completion': [{ runId: '' }],
  'review.list': [{ runId: ghostId, extra: true }],
  'gate.check': [{ runId: ghostId, gate: 'middle' }, {}],
  'gate.results': [{}],
  'landing.enqueue': [{}, { runId: 'nope' }],
  'landing.list': [{ repoId: 7 }, { extra: true }],
  'landing.pause': [{ repoId: '' }],
  'landing.resume': [{ repoId: 'x' }],
  'landing.remove': [{}],
  'landing.pullRequest': [{}, { runId: 7 }],
  'landing.conflict': [{}],
  'landing.recheck': [{}],
  'usage.record': [{ runId: 'x', usage: { model: 'm' } }, { runId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', usage: { model: '', inputTokens: -1 } }],
  'usage.summary': [{ by: 'week' }],
  'usage.forRun': [{}],
  'budget.raise': [{ runId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, { runId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', tokens: -5 }],
  'comment.add': [
    { runId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', path: 'a.txt', startLine: 3, endLine: 2, body: 'x' },
    { runId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', path: 'a.txt', startLine: 0, endLine: 1, body: 'x' },
    { runId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', path: 'a.txt', startLine: 1, endLine: 1, body: '   ' }
  ],
  'comment.list': [{}],
  'comment.remove': [{ id: '' }],
  'comment.send': [{ runId: 5 }],
  'host.add': [{ name: 'Bad Name', url: 'ssh://a@b' }, { name: 'ok', url: '' }],
  'host.list': [{ x: 1 }],
  'host.check': [{ name: '-x' }],
  'host.remove': [{}],
  'fleet.scan': [{ ref: '' }, { force: 'yes' }],
  'fleet.list': [{ all: true }],
  'fleet.show': [{}, { ref: '' }],
  'fleet.set': [{ ref: 'a' }, { ref: 'a', fields: { criticality: 4 } }, { ref: 'a', fields: { lifecycle: 'retired' } }, { ref: 'a', fields: { links: [{ title: 'x', url: 'not a url' }] } }, { ref: 'a', fields: { colour: 'red' } }],
  'fleet.import': [{}, { yaml: 'x\u0000' }],
  'fleet.export': [{ format: 'json' }],
  'fleet.graph': [{ depth: 1 }],
  'fleet.impact': [{}, { ref: 'a', depth: 0 }],
  'notification.list': [{ limit: 0 }, { limit: 1_001 }, { x: 1 }],
  'notification.read': [{ ids: 'all' }, { ids: [''] }, { ids: ['a\u0000'] }],
  'notification.clear': [{ all: true }]
}

describe('dispatcher', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore()
  })
  afterEach(() => t.close())

  function rowCounts(): Record<string, number> {
    const db = new SqliteDatabase(path.join(t.home, 'flightdeck.db'), { readonly: true })
    try {
      return Object.fromEntries(
        ['repos', 'issues', 'issue_dependencies', 'context_packets', 'constraint_snapshots', 'runs', 'artifacts', 'events', 'forum_threads', 'forum_posts'].map((table) => [
          table,
          (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
        ])
      )
    } finally {
      db.close()
    }
  }

  it('has a handler for every contract entry', () => {
    const handlers = createHandlers(t.core.services)
    for (const name of commandNames) expect(typeof handlers[name], name).toBe('function')
    expect(Object.keys(handlers).sort()).toEqual([...commandNames].sort())
  })

  it('rejects invalid input for every command with typed errors and writes nothing', async () => {
    expect(Object.keys(invalidInputs).sort()).toEqual([...commandNames].sort())
    const before = rowCounts()
    for (const name of commandNames) {
      for (const input of invalidInputs[name]) {
        const outcome = await t.core.dispatch(name, input)
        expect(outcome.ok, `${name} ${JSON.stringify(input)}`).toBe(false)
        if (!outcome.ok) {
          expect(outcome.error.code, `${name} ${JSON.stringify(input)}`).toBe('invalid_input')
          expect(outcome.error.message.length).toBeGreaterThan(5)
        }
      }
    }
    expect(rowCounts()).toEqual(before)
  })

  it('names the offending field', async () => {
    const outcome = await t.core.dispatch('issue.create', { repoId: ghostId, title: 'ok', priority: 'critical' })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_input', path: 'priority' } })
    if (!outcome.ok) expect(outcome.error.message).toMatch(/priority/)
  })

  it('refuses unknown commands', async () => {
    expect(await t.core.dispatch('repo.delete', {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } })
    expect(await t.core.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } })
  })

  it('reports a missing folder and a non-git folder clearly, writing nothing', async () => {
    const missing = await t.core.dispatch('repo.add', { path: path.join(t.home, 'nope') })
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', path: 'path' } })
    const plain = path.join(t.home, 'plain')
    fs.mkdirSync(plain, { recursive: true })
    const notGit = await t.core.dispatch('repo.add', { path: plain })
    expect(notGit).toMatchObject({ ok: false, error: { code: 'not_a_git_repo', path: 'path' } })
    if (!notGit.ok) expect(notGit.error.message).toContain(plain)
    expect(rowCounts().repos).toBe(0)
    expect(rowCounts().events).toBe(0)
  })
})
