import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'

/** What the contract boundary refuses, and how: typed, naming the field, writing nothing. */
describe('contract boundary', () => {
  let t: TestCore
  let repoId: string
  beforeAll(async () => {
    t = await startTestCore({ engine: true })
    repoId = (await t.core.client.invoke('repo.add', { path: t.gitRepo() })).id
  })
  afterAll(() => t.close())

  const eventCount = async () => (await t.core.client.invoke('event.list', { limit: 1000 })).length

  it('refuses NUL bytes in titles, bodies, labels and forum text, naming the field', async () => {
    const before = await eventCount()
    const cases: Array<[string, unknown, string]> = [
      ['issue.create', { repoId, title: 'a\u0000b' }, 'title'],
      ['issue.create', { repoId, title: 'ok', body: 'x\u0000' }, 'body'],
      ['issue.create', { repoId, title: 'ok', labels: ['l\u0000'] }, 'labels.0'],
      ['issue.create', { repoId, title: 'ok', acceptanceCriteria: ['\u0000done'] }, 'acceptanceCriteria.0'],
      ['forum.ask', { title: 'T\u0000', body: 'b' }, 'title'],
      ['forum.ask', { title: 'T', body: 'b\u0000' }, 'body']
    ]
    for (const [name, input, path] of cases) {
      const outcome = await t.core.dispatch(name, input)
      expect(outcome, `${name} ${path}`).toMatchObject({ ok: false, error: { code: 'invalid_input', path } })
      if (!outcome.ok) expect(outcome.error.message).toMatch(/NUL/)
    }
    expect(await eventCount()).toBe(before)
  })

  it('answers not_found for input and resize to a session that does not exist', async () => {
    for (const [name, input] of [
      ['terminal.input', { sessionId: 'no-such-session', data: 'ls\r' }],
      ['terminal.resize', { sessionId: 'no-such-session', cols: 80, rows: 24 }]
    ] as const) {
      expect(await t.core.dispatch(name, input)).toMatchObject({ ok: false, error: { code: 'not_found' } })
    }
  })

  it('writes no event for a settings update that changes nothing', async () => {
    const before = await eventCount()
    expect(await t.core.dispatch('settings.update', { patch: {} })).toMatchObject({ ok: true })
    const current = await t.core.client.invoke('settings.get', {})
    expect(await t.core.dispatch('settings.update', { patch: { theme: current.theme } })).toMatchObject({ ok: true })
    expect(await eventCount()).toBe(before)
    await t.core.client.invoke('settings.update', { patch: { theme: current.theme === 'dark' ? 'light' : 'dark' } })
    expect(await eventCount()).toBe(before + 1)
  })
})
