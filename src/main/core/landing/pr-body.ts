import type { GateResult, Issue, ReviewReport, Run } from '../../../shared/domain'

/** The marker that ties a pull request to its run (its body), for people and for adoption checks. */
export const runMarker = (runId: string): string => `<!-- flightdeck:run=${runId} -->`

/** The pull request's body: the issue, its acceptance criteria, the grade and the gate results. */
export function pullRequestBody(run: Run, issue: Issue, review: ReviewReport | undefined, gates: GateResult[]): string {
  const criteria = issue.acceptanceCriteria.map((c) => {
    const met = review?.criteria.find((x) => x.criterion === c)?.met
    return `- [${met ? 'x' : ' '}] ${c}`
  })
  // The newest result of each gate and phase.
  const latest = new Map<string, GateResult>()
  for (const g of gates) latest.set(`${g.gate}/${g.phase}`, g)
  const gateLines = [...latest.values()].map((g) => {
    const failed = g.conditions.filter((c) => c.status === 'failed').map((c) => `${c.label}: ${c.detail}`)
    return `- ${g.gate} gate (${g.phase}): ${g.passed ? 'passed' : 'failed'}${failed.length ? ` — ${failed.join('; ')}` : ''}`
  })
  return [
    `Flightdeck run \`${run.id}\` for issue \`${issue.id}\`: **${issue.title}**`,
    issue.body.trim(),
    `### Acceptance criteria\n${criteria.length ? criteria.join('\n') : '- (none given)'}`,
    `### Grade\n${review ? `**${review.grade}** (${review.model}): ${review.summary}` : 'Not graded (the policy asks for no grading).'}`,
    `### Gates\n${gateLines.length ? gateLines.join('\n') : '- no gates evaluated'}`,
    runMarker(run.id)
  ].filter(Boolean).join('\n\n')
}
