import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { snapshotPrefix } from '../../src/main/core/landing/landing-git'
import { createWorkspaceService, type WorkspaceService } from '../../src/main/core/workspaces/workspace.service'
import type { Workspace } from '../../src/main/core/workspaces/workspace-types'
import { makeGitRepo, tempDir } from '../fixtures/temp'

/**
 * Random sequences of what happens to a run's worktree: the agent writes (tracked edits, new untracked files,
 * deletions, its own commits), Flightdeck checkpoints a turn, rewinds to one, restarts (a fresh service on the
 * same repo), force-cleans up (branch kept or deleted) and restores. The property: every file content the
 * worktree held when Flightdeck took a checkpoint or did something destructive (rewind, forced cleanup, restore),
 * and everything it holds at the end, is reachable from a ref or present in the worktree at the end. (What the
 * agent overwrote itself between two of Flightdeck's actions was never seen by Flightdeck: not part of it.)
 */
export type Step =
  | { kind: 'write'; file: number; untracked: boolean }
  | { kind: 'delete'; file: number }
  | { kind: 'commit' }
  | { kind: 'checkpoint' }
  | { kind: 'rewind'; pick: number }
  | { kind: 'restart' }
  | { kind: 'cleanup'; keepBranch: boolean }
  | { kind: 'restore'; pick: number }

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('write' as const), file: fc.nat(5), untracked: fc.boolean() }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), file: fc.nat(5) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'commit' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'checkpoint' as const }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('rewind' as const), pick: fc.nat(20) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'restart' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('cleanup' as const), keepBranch: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('restore' as const), pick: fc.nat(20) }), weight: 1 }
)

export interface SequenceOutcome {
  steps: number
  checkpoints: number
  rewinds: number
  cleanups: number
  restores: number
  contents: number
  lost: string[]
}

const blobId = (content: string): string => createHash('sha1').update(`blob ${Buffer.byteLength(content)}\0`).update(content).digest('hex')
const tracked = (i: number) => `src/tracked${i}.txt`
const untracked = (i: number) => `notes/new${i}.txt`

function worktreeContents(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.isFile()) out.push(fs.readFileSync(p, 'utf8'))
    }
  }
  if (fs.existsSync(dir)) walk(dir)
  return out
}

export async function runSequence(steps: Step[], label: string): Promise<SequenceOutcome> {
  const tmp = tempDir('fd-ws-chaos-')
  const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [tracked(i), `base ${i}\n`]))
  const repo = makeGitRepo(path.join(tmp.dir, 'repo'), files)
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  let svc: WorkspaceService = createWorkspaceService({ watch: false })
  const runId = `chaos-${label}`
  const outcome: SequenceOutcome = { steps: steps.length, checkpoints: 0, rewinds: 0, cleanups: 0, restores: 0, contents: 0, lost: [] }
  const seen = new Map<string, string>() // blob id -> where it was seen
  let counter = 0
  try {
    const ws: Workspace = await svc.createWorkspace({ repoPath: repo, runId, title: 'chaos' })
    const ref = { repoPath: ws.repoPath, path: ws.path, branch: ws.branch, baseBranch: ws.baseBranch }
    const present = () => fs.existsSync(ref.path)
    // Before Flightdeck acts, note every content the worktree holds: it must survive to the end.
    const note = (step: number) => {
      for (const c of worktreeContents(ref.path)) if (!seen.has(blobId(c))) seen.set(blobId(c), `step ${step}: ${JSON.stringify(c.slice(0, 40))}`)
    }
    for (const [i, step] of steps.entries()) {
      if (step.kind === 'write' || step.kind === 'delete' || step.kind === 'commit') {
        if (!present()) continue
        if (step.kind === 'write') {
          const file = path.join(ref.path, step.untracked ? untracked(step.file) : tracked(step.file))
          fs.mkdirSync(path.dirname(file), { recursive: true })
          fs.writeFileSync(file, `${label} write ${++counter} at step ${i}\n`)
        } else if (step.kind === 'delete') {
          fs.rmSync(path.join(ref.path, tracked(step.file)), { force: true })
        } else {
          git(ref.path, 'add', '--all')
          git(ref.path, 'commit', '--quiet', '--allow-empty', '--no-verify', '-m', `agent commit at step ${i}`)
        }
        continue
      }
      if (step.kind === 'checkpoint') {
        const before = worktreeContents(ref.path)
        if (present() && (await svc.checkpointTurn(ref, runId, `turn at step ${i}`))) {
          outcome.checkpoints++
          for (const c of before) if (!seen.has(blobId(c))) seen.set(blobId(c), `checkpoint at step ${i}: ${JSON.stringify(c.slice(0, 40))}`)
        }
      } else if (step.kind === 'rewind') {
        const all = await svc.checkpoints(repo, runId)
        const target = all[step.pick % Math.max(1, all.length)]
        if (present() && target) {
          note(i)
          await svc.rewind(ref, runId, target.n, snapshotPrefix(runId))
          outcome.rewinds++
        }
      } else if (step.kind === 'restart') {
        svc.dispose()
        svc = createWorkspaceService({ watch: false })
      } else if (step.kind === 'cleanup') {
        if (present()) {
          note(i)
          await svc.cleanup(ref, { force: true, keepBranch: step.keepBranch, snapshotPrefix: snapshotPrefix(runId) })
          outcome.cleanups++
        }
      } else if (step.kind === 'restore') {
        const snaps = git(repo, 'for-each-ref', '--format=%(refname)', snapshotPrefix(runId)).split('\n').filter(Boolean)
        if (snaps.length > 0) {
          const n = Number(snaps[step.pick % snaps.length]?.split('/').at(-1))
          note(i)
          await svc.restore(ref, snapshotPrefix(runId), n)
          outcome.restores++
        }
      }
    }
    note(steps.length)
    // Everything reachable from any ref (branches, snapshots, checkpoints), plus what the worktree holds now.
    const reachable = new Set(git(repo, 'rev-list', '--objects', '--all').split('\n').map((l) => l.split(' ')[0]))
    for (const c of worktreeContents(ref.path)) reachable.add(blobId(c))
    outcome.contents = seen.size
    for (const [id, where] of seen) if (!reachable.has(id)) outcome.lost.push(where)
    return outcome
  } finally {
    svc.dispose()
    tmp.cleanup()
  }
}

/** `count` sequences from `seed`: each a fast-check-generated list of 5..30 steps. */
export async function workspaceChaos(count: number, seed: number, onEach?: (i: number, o: SequenceOutcome, steps: Step[]) => void): Promise<{ outcomes: SequenceOutcome[]; failure: string | null }> {
  const outcomes: SequenceOutcome[] = []
  let i = 0
  const result = await fc.check(
    fc.asyncProperty(fc.array(stepArb, { minLength: 5, maxLength: 30 }), async (steps) => {
      const o = await runSequence(steps, `${seed}-${i}`)
      outcomes.push(o)
      onEach?.(i++, o, steps)
      return o.lost.length === 0
    }),
    { numRuns: count, seed, endOnFailure: true }
  )
  return { outcomes, failure: result.failed ? fc.defaultReportMessage(result) ?? 'failed' : null }
}
