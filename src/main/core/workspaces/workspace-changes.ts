import type { GitRunner } from './git-runner'
import { withSnapshot } from './snapshot-index'
import type { ChangeKind, FileChange, WorkspaceRef } from './workspace-types'

// Flags every diff here shares: no pager colours, no user-configured external diff or textconv programs.
const DIFF_FLAGS = ['--cached', '--find-renames', '--no-color', '--no-ext-diff', '--no-textconv']

/** Files created, modified, deleted or renamed since the merge-base, committed or not, with line counts. */
export async function listChanges(git: GitRunner, ws: WorkspaceRef): Promise<FileChange[]> {
  return withSnapshot(git, ws, async ({ mergeBase, env }) => {
    const { stdout } = await git(ws.path, ['diff', ...DIFF_FLAGS, '--raw', '--numstat', '-z', mergeBase, '--'], { env })
    return parseRawNumstat(stdout)
  })
}

/** The unified diff of the same change set. */
export async function diff(git: GitRunner, ws: WorkspaceRef): Promise<string> {
  return withSnapshot(git, ws, async ({ mergeBase, env }) => {
    const { stdout } = await git(ws.path, ['diff', ...DIFF_FLAGS, mergeBase, '--'], { env })
    return stdout
  })
}

const KINDS: Record<string, ChangeKind> = { A: 'created', C: 'created', D: 'deleted', R: 'renamed' }

/** `--raw --numstat -z`: all raw records first, then all numstat records, NUL-separated. */
export function parseRawNumstat(output: string): FileChange[] {
  const tokens = output.split('\0')
  const changes: FileChange[] = []
  let i = 0
  while (i < tokens.length && tokens[i]?.startsWith(':')) {
    const letter = (tokens[i]?.split(' ')[4] ?? 'M').charAt(0)
    const kind = KINDS[letter] ?? 'modified'
    if (letter === 'R' || letter === 'C') {
      changes.push({ path: tokens[i + 2] ?? '', oldPath: tokens[i + 1] ?? '', kind, additions: null, deletions: null, binary: false })
      i += 3
    } else {
      changes.push({ path: tokens[i + 1] ?? '', kind, additions: null, deletions: null, binary: false })
      i += 2
    }
  }
  const counts = new Map<string, [string, string]>()
  while (i < tokens.length && tokens[i] !== '') {
    const [added = '', deleted = '', ...rest] = (tokens[i] ?? '').split('\t')
    const inlinePath = rest.join('\t')
    // A rename's numstat record leaves the path empty and puts old and new in the next two tokens.
    const path = inlinePath === '' ? (tokens[i + 2] ?? '') : inlinePath
    counts.set(path, [added, deleted])
    i += inlinePath === '' ? 3 : 1
  }
  for (const change of changes) {
    const [added, deleted] = counts.get(change.path) ?? ['0', '0']
    change.binary = added === '-'
    change.additions = change.binary ? null : Number(added)
    change.deletions = change.binary ? null : Number(deleted)
  }
  return changes
}
