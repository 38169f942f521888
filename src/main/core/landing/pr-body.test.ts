import { describe, expect, it } from 'vitest'
import type { GateResult, Issue, ReviewReport, Run } from '../../../shared/domain'
import { pullRequestBody } from './pr-body'

const run = { id: 'RUN1' } as Run
const issue = { id: 'ISS1', title: 'Add export', body: 'Users need CSV export.', acceptanceCriteria: ['exports CSV', 'has a test'] } as Issue
const gate = (g: Partial<GateResult>): GateResult => ({ id: 'g', runId: 'RUN1', gate: 'close', phase: 'validation', passed: true, conditions: [], createdAt: '', ...g })

describe('the pull request body', () => {
  it('carries the issue, the criteria as the grader judged them, the grade and the newest result of each gate', () => {
    const review = { grade: 'B', model: 'grader-1', summary: 'Solid, one test thin.', criteria: [{ criterion: 'exports CSV', met: true, notes: '' }, { criterion: 'has a test', met: false, notes: '' }] } as unknown as ReviewReport
    const body = pullRequestBody(run, issue, review, [
      gate({ gate: 'start', phase: 'launch' }),
      gate({ passed: false, conditions: [{ id: 'c', label: 'validation', status: 'failed', detail: 'npm test exited 1' }] }),
      gate({ passed: true })
    ])
    expect(body).toContain('Flightdeck run `RUN1` for issue `ISS1`: **Add export**')
    expect(body).toContain('Users need CSV export.')
    expect(body).toContain('### Acceptance criteria\n- [x] exports CSV\n- [ ] has a test')
    expect(body).toContain('### Grade\n**B** (grader-1): Solid, one test thin.')
    // The close gate failed once, then passed: the body says how it stands now.
    expect(body).toContain('### Gates\n- start gate (launch): passed\n- close gate (validation): passed')
    expect(body).not.toContain('npm test exited 1')
    expect(body.endsWith('<!-- flightdeck:run=RUN1 -->')).toBe(true)
  })

  it('names a failing gate with its conditions, and says when nothing was graded or gated', () => {
    const body = pullRequestBody(run, { ...issue, acceptanceCriteria: [] }, undefined, [gate({ passed: false, conditions: [{ id: 'c', label: 'validation', status: 'failed', detail: 'npm test exited 1' }] })])
    expect(body).toContain('- close gate (validation): failed — validation: npm test exited 1')
    expect(body).toContain('### Acceptance criteria\n- (none given)')
    expect(body).toContain('Not graded')
    expect(pullRequestBody(run, issue, undefined, [])).toContain('### Gates\n- no gates evaluated')
  })
})
