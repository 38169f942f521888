import type { Run } from '../../../shared/domain'
import { typeToAgent } from '../runs/agent-input'
import { appendContextPacket, listContextPackets } from '../issues/context-packet.repository'
import { findIssue } from '../issues/issue.repository'
import { renderBriefing } from '../runs/briefing'
import { runPolicy } from '../runs/run-context'
import { launchRun } from '../runs/run-launcher'
import { writeRunFile } from '../runs/run-files'
import { findRun } from '../runs/run.repository'
import { moveRun, patchRun } from '../runs/run-transition'
import { asHolder, type Landing } from './landing-context'
import { otherSide } from './landing-git'

/** Why a landing goes back to the agent: the base conflicts with the branch, or the checks fail on the result. */
export type Trouble =
  | { kind: 'conflict'; files: string[]; snapshot: string }
  | { kind: 'checks'; failures: string[]; snapshot: string }
  /** Red checks or a changes-requested review on the run's pull request: `what` in one line, `lines` the details. */
  | { kind: 'pull_request'; number: number; what: string; lines: string[]; snapshot: string | null }

/**
 * Within the policy's budget: a new briefing version naming the trouble (for a conflict, the files and what the
 * other side did there), the run back to `running`, its agent told or relaunched. Past the budget: blocked,
 * waiting for the operator in the inbox.
 */
export async function sendBack(l: Landing, trouble: Trouble): Promise<void> {
  const { store } = l.deps.run
  const policy = await runPolicy(store, l.run.id)
  const attempt = l.row.attempts + 1
  const budget = trouble.kind === 'pull_request' ? policy.landing.pullRequest.fixBudget : policy.landing.attemptBudget
  const what = trouble.kind === 'conflict' ? `conflict in ${trouble.files.join(', ')}` : trouble.kind === 'checks' ? `checks failed on the updated branch: ${trouble.failures.join(', ')}` : trouble.what
  if (attempt > budget) return block(l, `${what} (${budget} attempt(s) went back to the agent already)`, trouble.kind === 'conflict' ? trouble.files : [])

  const feedback = await briefingText(l, trouble, attempt, budget)
  const issue = await findIssue(store.db, l.run.issueId)
  const latest = (await listContextPackets(store.db, l.run.issueId)).at(-1)
  if (!issue || !latest) return block(l, `${what}; the run's issue or briefing is gone`, [])
  const sessions = await l.deps.run.sessions()
  const alive = l.run.sessionId !== null && l.run.activity !== 'exited' && (await sessions.list()).some((s) => s.id === l.run.sessionId && s.exit === null)
  let detail = ''
  await asHolder(
    l,
    async (tx) => {
      const packet = await appendContextPacket(tx.db, issue.id, { ...latest.content, inputs: { ...latest.content.inputs, [trouble.kind === 'pull_request' ? 'pullRequestFeedback' : 'landingFeedback']: feedback } })
      const file = await writeRunFile(l.deps.run.home, l.run.id, 'briefing.md', renderBriefing(issue, packet, l.ws.path))
      const todo = trouble.kind === 'pull_request' ? `fix it and commit` : `rebase onto ${l.ws.baseBranch} and resolve`
      detail = `${trouble.kind === 'pull_request' ? `pull request #${trouble.number} needs changes` : 'landing stopped'} (${attempt} of ${budget}): ${what}; ${todo}; see briefing v${packet.version} (${file})`.slice(0, 1_500)
      if (alive) await moveRun(tx, l.run.id, 'running', { context_packet_id: packet.id, detail }, detail)
      else await patchRun(tx, l.run, { context_packet_id: packet.id, detail })
      await l.deps.run.issues.followRun(tx, issue.id, 'in_progress')
    },
    { status: 'returned', step: null, attempts: attempt, reason: what, conflict_files: JSON.stringify(trouble.kind === 'conflict' ? trouble.files : []), claimed_by: null, claimed_at: null }
  )
  if (alive && l.run.sessionId) {
    await typeToAgent(sessions, l.run.sessionId, `Flightdeck: ${detail}`)
  }
  if (!alive) await launchRun(l.deps.run, (await findRun(store.db, l.run.id)) as Run, { resume: true })
}

/** The queue moves on without it; the operator gets an inbox thread and can queue it again with `merge`. */
export async function block(l: Landing, reason: string, files: string[]): Promise<void> {
  await asHolder(l, (tx) => patchRun(tx, l.run, { detail: `blocked: ${reason}`.slice(0, 1_500) }).then(() => undefined), {
    status: 'blocked',
    step: null,
    reason,
    conflict_files: JSON.stringify(files),
    claimed_by: null,
    claimed_at: null
  })
  const issue = await findIssue(l.deps.run.store.db, l.run.issueId)
  await l.deps.forum.ask({
    kind: 'blocker',
    title: `Landing blocked: ${issue?.title ?? l.run.id}`.slice(0, 300),
    body: `Run ${l.run.id} could not land on ${l.ws.baseBranch}: ${reason}.\n\nResolve it by hand in ${l.ws.path} (commit there), then queue it again with \`flightdeck merge ${l.run.id}\`, or take it out with \`flightdeck queue remove ${l.run.id}\`.`,
    issueId: l.run.issueId,
    runId: l.run.id,
    priority: 'high',
    options: [],
    author: 'flightdeck'
  })
}

async function briefingText(l: Landing, trouble: Trouble, attempt: number, budget: number): Promise<string> {
  const base = l.ws.baseBranch
  if (trouble.kind === 'pull_request') {
    const saved = trouble.snapshot ? ` Your branch tip as pushed is saved at ${trouble.snapshot}.` : ''
    return [...trouble.lines, '', `Fix this in your worktree and commit on top (do not rewrite the commits already pushed); Flightdeck pushes your branch and follows pull request #${trouble.number} again.${saved} Attempt ${attempt} of ${budget}.`].join('\n')
  }
  const steps = `In your worktree, rebase onto the base (\`git rebase ${base}\`), resolve keeping both intents, continue the rebase, and finish again; Flightdeck lands it when the checks pass. Your branch tip before this landing is saved at ${trouble.snapshot}. Attempt ${attempt} of ${budget}.`
  if (trouble.kind === 'checks') return [`The validation checks fail once your branch is brought up to date with \`${base}\`:`, ...trouble.failures.map((f) => `- ${f}`), '', steps].join('\n')
  const other = await otherSide(l.deps.git, l.ws, trouble.files)
  const runs = await Promise.all(other.landings.map(async (c) => {
    const run = c.runId ? await findRun(l.deps.run.store.db, c.runId) : undefined
    const issue = run ? await findIssue(l.deps.run.store.db, run.issueId) : undefined
    return `- ${issue ? `"${issue.title}" (issue ${issue.id}, run ${run?.id})` : c.subject} landed as ${c.sha.slice(0, 10)}`
  }))
  return [
    `Rebasing your branch onto the current \`${base}\` conflicts in:`,
    ...trouble.files.map((f) => `- ${f}`),
    '',
    `The other side: what \`${base}\` took in those files since your branch started:`,
    ...(runs.length ? runs : ['- (commits made directly on the base)']),
    '',
    '```diff',
    other.summary,
    '```',
    '',
    steps
  ].join('\n')
}
