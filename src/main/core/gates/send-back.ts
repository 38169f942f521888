import type { GateResult, ReviewReport, Run, Violation } from '../../../shared/domain'
import { appendContextPacket, listContextPackets } from '../issues/context-packet.repository'
import type { IssueService } from '../issues/issue.service'
import { findIssue } from '../issues/issue.repository'
import { renderBriefing } from '../runs/briefing'
import { runFilePath, writeRunFile } from '../runs/run-files'
import { moveRun } from '../runs/run-transition'
import type { WriteTx } from '../store'
import { list, reasons } from './condition'

/** The feedback an agent gets after a failed close gate, as markdown for its briefing. */
export function gateFeedback(result: GateResult, attempt: number, review: ReviewReport | undefined, violations: Violation[]): string {
  const parts = [`Attempt ${attempt} did not pass the close gate:`, ...reasons(result.conditions).map((r) => `- ${r}`)]
  if (violations.length) {
    parts.push('', 'Blocking violations:', ...violations.map((v) => `- ${v.message}${v.evidence[0]?.excerpt ? ` (\`${v.evidence[0].excerpt}\`)` : ''}`))
  }
  if (review && result.conditions.some((c) => c.id === 'completion_grade' && c.status === 'failed')) {
    parts.push('', `The reviewer graded it ${review.grade}: ${review.summary}`)
    const notable = review.findings.filter((f) => f.verdict !== 'ok')
    if (notable.length) parts.push('', 'Findings:', ...notable.map((f) => `- ${f.category} (${f.verdict}): ${f.notes}`))
    if (review.requiredFixes.length) parts.push('', 'Required fixes:', ...review.requiredFixes.map((f) => `- ${f}`))
  }
  return parts.join('\n')
}

export interface SendBackInput {
  tx: WriteTx
  run: Run
  result: GateResult
  agentAlive: boolean
  failures: number
  budget: number
  review: ReviewReport | undefined
  violations: Violation[]
  home: string
  issues: IssueService
}

export interface SendBackOutcome {
  run: Run | undefined
  relaunch: boolean
  /**
   * File work to do after the transaction commits (the briefing file): no file I/O inside a transaction,
   * where it would hold the store's only connection and could not be rolled back with the rows anyway.
   */
  afterCommit?: () => Promise<void>
}

/** Fails the run past the budget; otherwise a new briefing version with the feedback, pinned to the run. */
export async function sendBack(i: SendBackInput): Promise<SendBackOutcome> {
  const why = list(reasons(i.result.conditions), 3)
  if (i.failures > i.budget) {
    const detail = `close gate failed ${i.failures} time(s), past the retry budget of ${i.budget}: ${why}`.slice(0, 1_000)
    return { run: await moveRun(i.tx, i.run.id, 'failed', { detail }, detail), relaunch: false }
  }
  const latest = (await listContextPackets(i.tx.db, i.run.issueId)).at(-1)
  const issue = await findIssue(i.tx.db, i.run.issueId)
  if (!latest || !issue) return { run: await moveRun(i.tx, i.run.id, 'failed', { detail: `close gate failed: ${why}` }), relaunch: false }
  const feedback = gateFeedback(i.result, i.failures, i.review, i.violations)
  const packet = await appendContextPacket(i.tx.db, issue.id, { ...latest.content, inputs: { ...latest.content.inputs, gateFeedback: feedback } })
  const briefing = renderBriefing(issue, packet, i.run.worktreePath ?? '')
  const briefingFile = runFilePath(i.home, i.run.id, 'briefing.md')
  const detail = `close gate failed (retry ${i.failures} of ${i.budget}): ${why}; the findings are in your briefing v${packet.version} (${briefingFile})`.slice(0, 1_500)
  const moved = await moveRun(i.tx, i.run.id, i.agentAlive ? 'running' : 'failed', { context_packet_id: packet.id, detail }, detail)
  await i.issues.followRun(i.tx, issue.id, 'in_progress')
  return { run: moved, relaunch: !i.agentAlive, afterCommit: async () => void (await writeRunFile(i.home, i.run.id, 'briefing.md', briefing)) }
}
