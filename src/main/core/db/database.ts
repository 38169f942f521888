import type { Kysely, Transaction } from 'kysely'
import type { ConstraintSnapshotTable, ContextPacketTable, DoctrineRefTable } from './tables/context.table'
import type { PortLeaseTable, RunCommandSessionTable } from './tables/environment.table'
import type { WorktreeLeaseTable } from './tables/worktree-lease.table'
import type { EventTable } from './tables/event.table'
import type { GateResultTable, ViolationTable } from './tables/governance.table'
import type { ForumPostTable, ForumThreadTable, RunAgentTokenTable } from './tables/forum.table'
import type { LandingPauseTable, LandingQueueTable } from './tables/landing.table'
import type { PullRequestTable } from './tables/pull-request.table'
import type { ReviewCommentTable } from './tables/comment.table'
import type { HostTable } from './tables/host.table'
import type { RunLaunchTable } from './tables/run-launch.table'
import type { NotificationTable } from './tables/notification.table'
import type { IssueDependencyTable, IssueTable } from './tables/issue.table'
import type { PlanDecompositionTable, PlanIssueLinkTable, PlanLockTable, PlanMessageTable, PlanModelCallTable, PlanTable, PlanVersionTable } from './tables/plan.table'
import type { RepoTable } from './tables/repo.table'
import type { SettingTable } from './tables/setting.table'
import type { ArtifactTable, RunTable } from './tables/run.table'
import type { BudgetAlertTable, UsageRecordTable } from './tables/usage.table'
import type { FleetEntryTable } from './tables/fleet.table'

export interface Database {
  repos: RepoTable
  issues: IssueTable
  issue_dependencies: IssueDependencyTable
  context_packets: ContextPacketTable
  constraint_snapshots: ConstraintSnapshotTable
  doctrine_refs: DoctrineRefTable
  runs: RunTable
  artifacts: ArtifactTable
  events: EventTable
  forum_threads: ForumThreadTable
  forum_posts: ForumPostTable
  run_agent_tokens: RunAgentTokenTable
  settings: SettingTable
  plans: PlanTable
  plan_versions: PlanVersionTable
  plan_messages: PlanMessageTable
  plan_decompositions: PlanDecompositionTable
  plan_issue_links: PlanIssueLinkTable
  plan_model_calls: PlanModelCallTable
  plan_locks: PlanLockTable
  violations: ViolationTable
  gate_results: GateResultTable
  landing_queue: LandingQueueTable
  landing_pauses: LandingPauseTable
  pull_requests: PullRequestTable
  review_comments: ReviewCommentTable
  hosts: HostTable
  run_launches: RunLaunchTable
  notifications: NotificationTable
  port_leases: PortLeaseTable
  run_command_sessions: RunCommandSessionTable
  worktree_leases: WorktreeLeaseTable
  usage_records: UsageRecordTable
  budget_alerts: BudgetAlertTable
  fleet_entries: FleetEntryTable
}

/** What repositories take: the database or an open transaction. */
export type Db = Kysely<Database> | Transaction<Database>
