import type { SecretName } from '../../../shared/contract'
import { findIssue } from '../issues/issue.repository'
import type { AgentCatalog } from '../agents/agent-catalog'
import type { RunGates } from '../gates/run-gates'
import type { IssueService } from '../issues/issue.service'
import { type Policy, policySchema } from '../policy/policy.schema'
import { findRepo } from '../repos/repo.repository'
import type { NodeCommand } from '../runtime/node-command'
import type { SessionManager } from '../sessions/session-manager'
import type { Store } from '../store'
import type { WorkspaceService } from '../workspaces'
import type { Issue, Repo, Settings } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'

/** Everything the run engine's parts share. */
export interface RunDeps {
  store: Store
  home: string
  issues: IssueService
  workspaces: WorkspaceService
  agents: AgentCatalog
  /** Connects to (or starts) the pty host on first use. */
  sessions(): Promise<SessionManager>
  /** The user's settings (the global concurrency cap, agent overrides). */
  settings(): Promise<Settings>
  /** How agents' hooks and MCP server run this Flightdeck's CLI; undefined: agents get neither. */
  cliCommand: NodeCommand | undefined
  /** Start and close gates (governance, grading); without them runs move on validation alone. */
  gates?: RunGates
  /** Opens an inbox thread for the operator (a stalled agent, a spent restart budget); without it, none. */
  escalate?: (thread: { title: string; body: string; issueId: string; runId: string }) => Promise<void>
  /** Serves a run's network allow-list proxy and key relay (the engine's); without it another engine picks the run up. */
  egress?: { serve(runId: string): Promise<void> }
  /** Where relayed provider keys come from when the session's environment has none. */
  secrets?: { resolve(name: SecretName): Promise<string | undefined> }
}

/** The policy a run started under (its snapshot), so later edits of the file do not change running work. */
export async function runPolicy(store: Store, runId: string): Promise<Policy> {
  const row = await store.db.selectFrom('runs').select('policy_snapshot').where('id', '=', runId).executeTakeFirst()
  return policySchema.parse(row?.policy_snapshot ? JSON.parse(row.policy_snapshot) : {})
}

export async function runRepoAndIssue(store: Store, repoId: string, issueId: string): Promise<{ repo: Repo; issue: Issue }> {
  const repo = await findRepo(store.db, repoId)
  const issue = await findIssue(store.db, issueId)
  if (!repo || !issue) throw new ApiError('not_found', `the run's repository or issue no longer exists`)
  return { repo, issue }
}
