import type { GitRunner } from '../workspaces/git-runner'
import { readHeadFile } from './head-file'
import { type DetectedFacts, detectFacts, MANIFEST_PATHS } from './detect'

/**
 * The committed contents of the manifest files, from one `git grep` over HEAD (`-z`: `HEAD:path\0line\0text`
 * per line), so a repository's state on disk (uncommitted edits, untracked files) never counts.
 */
export function splitGrepOutput(stdout: string): Map<string, string> {
  const lines = new Map<string, string[]>()
  let at = 0
  while (at < stdout.length) {
    const end = stdout.indexOf('\n', at)
    const record = stdout.slice(at, end === -1 ? stdout.length : end)
    at = end === -1 ? stdout.length : end + 1
    const first = record.indexOf('\0')
    const second = record.indexOf('\0', first + 1)
    if (first === -1 || second === -1) continue
    const file = record.slice(record.indexOf(':') + 1, first)
    const n = Number(record.slice(first + 1, second))
    const list = lines.get(file) ?? []
    list[n - 1] = record.slice(second + 1).replace(/\r$/, '')
    lines.set(file, list)
  }
  // Lines a grep does not print are none here (the pattern matches every line), but keep the array dense.
  return new Map([...lines].map(([file, list]) => [file, Array.from(list, (l) => l ?? '').join('\n')]))
}

/** The tracked files of HEAD's tree. */
export async function trackedFiles(git: GitRunner, repoPath: string): Promise<string[]> {
  const out = await git(repoPath, ['ls-files', '-z'])
  return out.stdout.split('\0').filter(Boolean)
}

/** HEAD's commit id, or null for a repository without commits: from the files when plain, else from git. */
export async function headOf(git: GitRunner, repoPath: string): Promise<string | null> {
  const fromFiles = await readHeadFile(repoPath)
  if (fromFiles) return fromFiles
  const out = await git(repoPath, ['rev-parse', '--verify', '--quiet', 'HEAD'], { okExitCodes: [0, 1] })
  return out.exitCode === 0 ? out.stdout.trim() : null
}

/** Reads one repository: its file list and the manifests in it, at `head`. Two git calls. */
export async function scanRepo(git: GitRunner, repoPath: string, head: string): Promise<DetectedFacts> {
  const [files, grep] = await Promise.all([
    trackedFiles(git, repoPath),
    // Exit 1: none of the manifests exists. -I skips binary files.
    git(repoPath, ['grep', '-z', '-n', '-I', '--no-color', '-e', '^', head, '--', ...MANIFEST_PATHS], { okExitCodes: [0, 1] })
  ])
  return detectFacts(files, splitGrepOutput(grep.stdout))
}
