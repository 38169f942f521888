import type { GitRunner } from './git-runner'

export interface AheadBehind {
  aheadBy: number
  behindBy: number
}

/**
 * Ahead/behind of many heads against one base in two git calls, whatever the number of heads (git 2.39 has no
 * `%(ahead-behind)`). Commits below the heads' common merge-base are reachable from every head and from the
 * base, so they cancel out of both counts; fetching only the graph above it keeps the walk small.
 */
export async function aheadBehindMany(git: GitRunner, repoPath: string, baseSha: string, heads: readonly string[]): Promise<Map<string, AheadBehind>> {
  const tips = [...new Set([baseSha, ...heads])]
  const result = new Map<string, AheadBehind>()
  if (tips.length === 1) {
    result.set(baseSha, { aheadBy: 0, behindBy: 0 })
    return result
  }
  // Exit 1: no common ancestor (unrelated histories); then the whole history is walked, which is still correct.
  const bases = await git(repoPath, ['merge-base', '--octopus', '--end-of-options', ...tips], { okExitCodes: [0, 1] })
  const exclude = bases.stdout.split('\n').filter((sha) => sha !== '').map((sha) => `^${sha}`)
  const { stdout } = await git(repoPath, ['rev-list', '--parents', '--end-of-options', ...tips, ...exclude])
  const parents = new Map<string, string[]>()
  for (const line of stdout.split('\n')) {
    const [sha, ...rest] = line.split(' ')
    if (sha) parents.set(sha, rest)
  }
  const baseReach = reachable(parents, baseSha)
  for (const head of heads) {
    const headReach = reachable(parents, head)
    result.set(head, { aheadBy: countMissing(headReach, baseReach), behindBy: countMissing(baseReach, headReach) })
  }
  return result
}

function reachable(parents: Map<string, string[]>, tip: string): Set<string> {
  const seen = new Set<string>()
  const stack = [tip]
  while (stack.length > 0) {
    const sha = stack.pop() as string
    if (seen.has(sha) || !parents.has(sha)) continue // outside the fetched graph: common to everyone
    seen.add(sha)
    stack.push(...(parents.get(sha) ?? []))
  }
  return seen
}

function countMissing(from: Set<string>, other: Set<string>): number {
  let count = 0
  for (const sha of from) if (!other.has(sha)) count++
  return count
}
