import type { LandingStatus, LandingStep, SecretName } from '../../../shared/contract'
import type { Run } from '../../../shared/domain'
import type { LandingRow } from '../db/tables/landing.table'
import type { ForumService } from '../forum/forum.service'
import type { RunDeps } from '../runs/run-context'
import type { WriteTx } from '../store'
import type { GitRunner, WorkspaceRef } from '../workspaces'
import { now } from '../ids'
import { updateLandingIf } from './landing.repository'

/** What the landing parts share. */
export interface LandingDeps {
  run: RunDeps
  git: GitRunner
  forum: ForumService
  /** Where the GitHub token of the pull-request path comes from (without it, that path reports no token). */
  secrets?: { resolve(name: SecretName): Promise<string | undefined> }
}

/** One landing in progress: the entry this engine holds, its run and worktree. */
export interface Landing {
  deps: LandingDeps
  /** This engine's id, the holder of the claim. */
  holder: string
  row: LandingRow
  run: Run
  ws: WorkspaceRef
  /** The status the entry has while this engine holds it: landing, or pull_request while its PR is looked at. */
  status?: LandingStatus
}

/** The claim went to another engine (its lease expired here, or the entry was removed): stop touching it. */
export class LostClaim extends Error {}

/** A write that only happens while this engine still holds the entry. */
export async function asHolder(l: Landing, work: (tx: WriteTx) => Promise<void>, update: Parameters<typeof updateLandingIf>[3] = {}): Promise<void> {
  await l.deps.run.store.write(async (tx) => {
    if (!(await updateLandingIf(tx, l.run.id, { status: l.status ?? 'landing', claimedBy: l.holder }, update))) throw new LostClaim(`run ${l.run.id} is no longer landed by this engine`)
    await work(tx)
  })
}

export const setStep = (l: Landing, step: LandingStep): Promise<void> => asHolder(l, async () => undefined, { step, claimed_at: now() })
