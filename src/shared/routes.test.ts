import { describe, expect, it } from 'vitest'
import { deepLinkToPath, noFilters, pathToRoute, routeToPath } from './routes'

describe('routes', () => {
  it('round-trips views, runs, run tabs and filters', () => {
    const cases = ['/board', '/runs?repo=R1&q=login+page', '/grid', '/settings', '/run/RUN_1', '/run/RUN_1/changes?agent=claude', '/inbox?label=ui&priority=urgent', '/plans', '/plans/PLAN_1', '/plans/PLAN_1/architecture', '/settings/agents']
    for (const path of cases) {
      const [p, q] = path.split('?')
      expect(routeToPath(pathToRoute(p as string, q ?? ''))).toBe(path)
    }
  })

  it('keeps the issue open on the board and the thread open in the inbox, and nowhere else', () => {
    for (const path of ['/board?issue=ISSUE_1', '/board?q=login&issue=ISSUE_1', '/inbox?thread=THREAD_1']) {
      const [p, q] = path.split('?')
      expect(routeToPath(pathToRoute(p as string, q ?? ''))).toBe(path)
    }
    expect(pathToRoute('/board', '?issue=I1')).toMatchObject({ view: 'board', issueId: 'I1', threadId: null })
    expect(pathToRoute('/runs', '?issue=I1&thread=T1')).toMatchObject({ issueId: null, threadId: null })
    expect(pathToRoute('/run/R1', '?issue=I1')).toMatchObject({ issueId: null })
    expect(pathToRoute('/inbox', '?thread=..%2Fx')).toMatchObject({ view: 'inbox', threadId: null })
  })

  it('parses filters out of the query string', () => {
    expect(pathToRoute('/runs', '?repo=R1&q=a%20b&agent=codex').filters).toEqual({ ...noFilters(), repo: 'R1', text: 'a b', agent: 'codex' })
  })

  it('falls back to the board for malformed paths and to the terminal for unknown tabs', () => {
    expect(pathToRoute('/').view).toBe('board')
    expect(pathToRoute('/Bad View!').view).toBe('board')
    expect(pathToRoute('/run').view).toBe('board')
    expect(pathToRoute('/run/..%2F..%2Fetc').view).toBe('board')
    expect(pathToRoute('/run/R1/nope')).toMatchObject({ view: 'run', runId: 'R1', runTab: null })
    expect(routeToPath(pathToRoute('/run/R1/terminal'))).toBe('/run/R1')
    expect(pathToRoute('/plans/P1/nope')).toMatchObject({ view: 'plans', planId: 'P1', planTab: null })
    expect(pathToRoute('/plans/..%2Fx')).toMatchObject({ view: 'plans', planId: null })
    expect(pathToRoute('/settings/nope')).toMatchObject({ view: 'settings', section: null })
    expect(pathToRoute('/board/extra')).toMatchObject({ view: 'board', planId: null, section: null })
  })

  it('maps flightdeck:// deep links to in-app paths and refuses anything else', () => {
    expect(deepLinkToPath('flightdeck://run/R1/changes')).toBe('/run/R1/changes')
    expect(deepLinkToPath('flightdeck:///runs?repo=R1')).toBe('/runs?repo=R1')
    expect(deepLinkToPath('flightdeck://settings')).toBe('/settings')
    expect(deepLinkToPath('https://evil.example/run/R1')).toBeNull()
    expect(deepLinkToPath('not a url')).toBeNull()
  })
})
