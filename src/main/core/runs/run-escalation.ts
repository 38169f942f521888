import { stripVTControlCharacters } from 'node:util'
import type { Run } from '../../../shared/domain'
import { findIssue } from '../issues/issue.repository'
import type { RunDeps } from './run-context'

const TAIL_LINES = 40
const TAIL_CHARS = 4_000

/** The last lines the agent printed, as plain text (no escape sequences), for a person reading the inbox. */
export async function lastOutput(deps: RunDeps, run: Run): Promise<string> {
  if (!run.sessionId) return ''
  const snapshot = await (await deps.sessions()).snapshot(run.sessionId).catch(() => undefined)
  if (!snapshot) return ''
  const lines = stripVTControlCharacters(snapshot.scrollback).split(/\r?\n/).map((l) => l.trimEnd()).filter(Boolean)
  return lines.slice(-TAIL_LINES).join('\n').slice(-TAIL_CHARS)
}

/**
 * Tells the operator through the inbox: a thread on the run's issue with what happened and the agent's last
 * output. Without an inbox (a core opened without the forum) the run's detail is all there is.
 */
export async function escalate(deps: RunDeps, run: Run, title: string, what: string): Promise<void> {
  if (!deps.escalate) return
  const issue = await findIssue(deps.store.db, run.issueId)
  const tail = await lastOutput(deps, run)
  const body = [
    `Run ${run.id} (${run.agentProfile}) on "${issue?.title ?? run.issueId}": ${what}.`,
    '',
    tail ? `Its last output:\n\n\`\`\`text\n${tail}\n\`\`\`` : 'It printed nothing Flightdeck still holds.',
    '',
    `Open the run to look (\`flightdeck attach ${run.id}\`), then resume, restart or stop it (\`flightdeck run resume ${run.id}\`).`
  ].join('\n')
  await deps.escalate({ title: `${title}: ${issue?.title ?? run.id}`.slice(0, 300), body, issueId: run.issueId, runId: run.id })
}
