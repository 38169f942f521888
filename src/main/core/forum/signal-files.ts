import { constants } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { forumPostMaxChars } from '../../../shared/domain'

/** The file-signal contract for agents without MCP: files in `.flightdeck/` of the run's worktree. */
export const signalFiles = {
  request: 'guidance-request.json',
  response: 'guidance-response.json',
  complete: 'implementation-complete.json',
  error: 'signal-error.json'
} as const
export const signalDirName = '.flightdeck'
export const signalMaxBytes = 64 * 1024

const line = (field: string, max: number) => z.string().trim().min(1, `${field} is required`).max(max, `${field} is at most ${max} characters`)
/** Relative paths that stay inside the worktree; checked lexically, the files need not exist. */
const insidePath = line('a path', 1_000).refine((p) => !path.isAbsolute(p) && !path.normalize(p).split(path.sep).includes('..'), 'paths must be relative and stay inside the worktree')

export const guidanceRequestSchema = z.strictObject({
  question: line('question', forumPostMaxChars),
  options: z.array(line('an option', 500)).max(10, 'at most 10 options').default([]),
  blocking: z.boolean().default(true),
  files: z.array(insidePath).max(50).default([])
})
export const implementationCompleteSchema = z.strictObject({
  summary: line('summary', forumPostMaxChars),
  doneCriteria: z.array(line('a done criterion', 2_000)).max(100).default([]),
  files: z.array(insidePath).max(500).default([])
})

export type SignalRead<T> = { kind: 'absent' } | { kind: 'ok'; value: T; file: string } | { kind: 'invalid'; error: string; file: string; stamp: string }

/** `.flightdeck` of the worktree, refused when it is a symlink or resolves outside the worktree. */
async function signalDir(worktree: string): Promise<string | { error: string } | undefined> {
  const dir = path.join(worktree, signalDirName)
  const stat = await fs.lstat(dir).catch(() => undefined)
  if (!stat) return undefined
  if (stat.isSymbolicLink()) return { error: `${signalDirName} is a symlink; signal files are only read from a real folder in the worktree` }
  if (!stat.isDirectory()) return { error: `${signalDirName} is not a folder` }
  const [real, root] = await Promise.all([fs.realpath(dir), fs.realpath(worktree)])
  if (!real.startsWith(root + path.sep)) return { error: `${signalDirName} resolves outside the worktree` }
  return dir
}

/** Reads and validates one signal file: size, no symlinks, JSON, schema. Never follows a link. */
export async function readSignalFile<T>(worktree: string, name: string, schema: z.ZodType<T>): Promise<SignalRead<T>> {
  const dir = await signalDir(worktree)
  if (dir === undefined) return { kind: 'absent' }
  const file = path.join(worktree, signalDirName, name)
  if (typeof dir !== 'string') return { kind: 'invalid', error: dir.error, file, stamp: dir.error }
  const stat = await fs.lstat(file).catch(() => undefined)
  if (!stat) return { kind: 'absent' }
  const stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`
  const invalid = (error: string): SignalRead<T> => ({ kind: 'invalid', error: `${name}: ${error}`, file, stamp })
  if (stat.isSymbolicLink()) return invalid('is a symlink; refused')
  if (!stat.isFile()) return invalid('is not a regular file')
  if (stat.size > signalMaxBytes) return invalid(`is ${stat.size} bytes; the limit is ${signalMaxBytes}`)
  const handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW)
  let text: string
  try {
    text = (await handle.readFile({ encoding: 'utf8' })).slice(0, signalMaxBytes + 1)
  } finally {
    await handle.close()
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return invalid(`is not valid JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return invalid(issue ? `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}` : 'does not match the schema')
  }
  return { kind: 'ok', value: parsed.data, file }
}

/** Writes a JSON file into `.flightdeck/` atomically (temp file + rename), refusing a symlinked folder. */
export async function writeSignalFile(worktree: string, name: string, value: object): Promise<void> {
  let dir = await signalDir(worktree)
  if (dir === undefined) {
    await fs.mkdir(path.join(worktree, signalDirName))
    dir = path.join(worktree, signalDirName)
  }
  if (typeof dir !== 'string') throw new Error(dir.error)
  const temp = path.join(dir, `.${name}.${process.pid}.tmp`)
  await fs.writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx', mode: 0o644 })
  await fs.rename(temp, path.join(dir, name))
}

/** Removes a consumed signal file (unlink never follows a link). */
export async function removeSignalFile(file: string): Promise<void> {
  await fs.unlink(file).catch(() => undefined)
}
