import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import picomatch from 'picomatch'
import { readFileInside, resolveInside } from '../fs-safety/inside'

const run = promisify(execFile)

/** Globs from the repository's `.worktreeinclude` (Claude Code's file: one glob per line, # comments). */
async function worktreeInclude(repo: string): Promise<string[]> {
  const text = await readFileInside(repo, '.worktreeinclude')
  return (text ?? '').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#') && !l.startsWith('/') && !l.split('/').includes('..'))
}

/**
 * Copies the main checkout's gitignored files that match the policy's globs (and `.worktreeinclude`) into a
 * new worktree: `.env`, local config. Only files git itself lists as ignored, read with no link on the way,
 * written inside the worktree. Returns the paths copied.
 */
export async function copyIgnoredFiles(repo: string, worktree: string, globs: readonly string[]): Promise<string[]> {
  const patterns = [...globs, ...(await worktreeInclude(repo))]
  if (patterns.length === 0) return []
  const { stdout } = await run('git', ['ls-files', '--others', '--ignored', '--exclude-standard', '-z'], { cwd: repo, maxBuffer: 64 * 1024 * 1024 })
  const wanted = picomatch(patterns, { dot: true })
  const copied: string[] = []
  for (const rel of stdout.split('\0').filter((f) => f && wanted(f))) {
    const from = await resolveInside(repo, rel)
    const to = await resolveInside(worktree, rel, false)
    if (!from || !to) continue
    await fs.mkdir(path.dirname(to), { recursive: true })
    await fs.copyFile(from, to)
    copied.push(rel)
  }
  return copied
}
