import { now } from '../ids'
import type { ContextPacket, Doctrine, Issue, Repo, ReviewReport, Run, Violation } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { listContextPackets } from '../issues/context-packet.repository'
import { findIssue } from '../issues/issue.repository'
import { loadPolicy } from '../policy/load-policy'
import { findRepo, listRepos } from '../repos/repo.repository'
import { runPolicy } from '../runs/run-context'
import { findRun } from '../runs/run.repository'
import type { Store } from '../store'
import type { GitRunner, WorkspaceRef, WorkspaceService } from '../workspaces'
import { rangeChangeSet, runChangeSet } from './change-sets'
import { checkCompletion } from './checks/check-completion'
import { checkIssuePlacement, checkPlan, issueComponent } from './checks/issue-checks'
import { syncDoctrineRefs, toDoctrineView } from './doctrine/doctrine-refs'
import type { LoadedDoctrine } from './doctrine/doctrine-types'
import { loadDoctrine, tierFor } from './doctrine/load-doctrine'
import { type ViolationFilter, listViolations, syncViolations, toViolation } from './violation.repository'
import { type ViolationDraft } from './violation-draft'

/** A run with everything the governance checks read. */
export interface RunScope {
  run: Run
  repo: Repo
  issue: Issue
  packet: ContextPacket | undefined
  doctrine: LoadedDoctrine
  ws: WorkspaceRef | null
}

/** Governance: loads the doctrine, checks placement, plans and completions, records violations and overrides. */
export class GovernanceService {
  constructor(
    private readonly store: Store,
    private readonly workspaces: WorkspaceService,
    private readonly git: GitRunner
  ) {}

  private async repo(repoId: string): Promise<Repo> {
    const repo = await findRepo(this.store.db, repoId)
    if (!repo) throw new ApiError('not_found', `no repository with id ${repoId}`, 'repoId')
    return repo
  }

  /** The repository's doctrine from its checkout and current policy file. */
  async doctrine(repoId: string): Promise<Doctrine> {
    const repo = await this.repo(repoId)
    const doctrine = await loadDoctrine(repo.path, (await loadPolicy(repo.path)).policy.governance)
    await this.store.write((tx) => syncDoctrineRefs(tx.db, repo.id, doctrine))
    return toDoctrineView(repo.id, doctrine)
  }

  /** The run, its issue and briefing, and the doctrine under the policy the run started with. */
  async scope(runId: string): Promise<RunScope> {
    const run = await findRun(this.store.db, runId)
    if (!run) throw new ApiError('not_found', `no run with id ${runId}`, 'runId')
    const repo = await this.repo(run.repoId)
    const issue = await findIssue(this.store.db, run.issueId)
    if (!issue) throw new ApiError('not_found', `the run's issue ${run.issueId} no longer exists`, 'runId')
    const packet = (await listContextPackets(this.store.db, issue.id)).find((p) => p.id === run.contextPacketId)
    const doctrine = await loadDoctrine(repo.path, (await runPolicy(this.store, run.id)).governance)
    await this.store.write((tx) => syncDoctrineRefs(tx.db, repo.id, doctrine))
    const ws = run.worktreePath && run.branch && run.baseBranch ? { repoPath: repo.path, path: run.worktreePath, branch: run.branch, baseBranch: run.baseBranch } : null
    return { run, repo, issue, packet, doctrine, ws }
  }

  private record(s: RunScope, stage: Violation['stage'], drafts: ViolationDraft[]): Promise<Violation[]> {
    return this.store.write((tx) => syncViolations(tx, { repoId: s.repo.id, issueId: s.issue.id, runId: s.run.id, stage }, drafts))
  }

  /** Is this the right repository and component for the issue? */
  async checkPlacement(s: RunScope): Promise<Violation[]> {
    const component = issueComponent(s.issue, s.packet)
    const elsewhere = new Map<string, string[]>()
    if (component) {
      for (const other of (await listRepos(this.store.db)).filter((r) => r.id !== s.repo.id)) {
        const policy = await loadPolicy(other.path).catch(() => null)
        if (!policy) continue
        const theirs = await loadDoctrine(other.path, policy.policy.governance)
        if (theirs.components.some((c) => c.name === component)) elsewhere.set(component, [...(elsewhere.get(component) ?? []), other.name])
      }
    }
    return this.record(s, 'placement', checkIssuePlacement(s.doctrine, component, elsewhere))
  }

  /** The plan against its scale tier (with the grader's estimate when there is one). */
  checkPlan(s: RunScope, estimate: ReviewReport['estimate']): Promise<Violation[]> {
    return this.record(s, 'plan', checkPlan(s.doctrine, s.issue, tierFor(s.doctrine, s.issue.scaleTier), estimate))
  }

  /** The run's diff: forbidden imports, placement, size, new dependencies. */
  async checkCompletion(s: RunScope): Promise<Violation[]> {
    if (!s.ws) throw new ApiError('refused', `run ${s.run.id} has no worktree yet (it is ${s.run.state})`, 'runId')
    const changes = await runChangeSet(this.git, this.workspaces, s.ws)
    const drafts = await checkCompletion(s.doctrine, changes, { scaleTier: s.issue.scaleTier, component: issueComponent(s.issue, s.packet) })
    return this.record(s, 'completion', drafts)
  }

  /** Changes in a repository checked against its doctrine, without a run; nothing is stored. */
  async checkRange(repoId: string, range?: string): Promise<Violation[]> {
    const repo = await this.repo(repoId)
    const doctrine = await loadDoctrine(repo.path, (await loadPolicy(repo.path)).policy.governance)
    const drafts = await checkCompletion(doctrine, await rangeChangeSet(this.git, repo.path, range), { scaleTier: doctrine.governance.defaultTier, component: null })
    const ts = now()
    return drafts.map((d, i) => ({ id: `check-${i + 1}`, repoId, issueId: null, runId: null, stage: d.stage, rule: d.rule, doctrine: d.doctrine, severity: d.severity, blocking: d.blocking, message: d.message, evidence: d.evidence, status: 'open', overrideReason: null, createdAt: ts, updatedAt: ts }))
  }

  list(filter: ViolationFilter): Promise<Violation[]> {
    return listViolations(this.store.db, filter)
  }

  /** Lets an open violation through; the reason goes into the row and the event log. */
  async override(id: string, reason: string): Promise<Violation> {
    return this.store.write(async (tx) => {
      const row = await tx.db.selectFrom('violations').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) throw new ApiError('not_found', `no violation with id ${id}`, 'id')
      if (row.status !== 'open') throw new ApiError('refused', `violation ${id} is ${row.status}; only an open violation can be overridden`, 'id')
      await tx.db.updateTable('violations').set({ status: 'overridden', override_reason: reason, updated_at: now() }).where('id', '=', id).execute()
      const violation = toViolation(await tx.db.selectFrom('violations').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
      tx.emit('violation.overridden', id, { violation, reason })
      return violation
    })
  }
}
