import { constants } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { forumPostMaxChars } from '../../../shared/domain'
import { inFolderInside } from '../fs-safety/inside'

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

/** Signal errors for the folder itself, as agents read them in signal-error.json. */
function folderError(error: string): string {
  return error.includes('symlink') ? `${signalDirName} is a symlink; signal files are only read from a real folder in the worktree` : error
}

/**
 * Reads and validates one signal file: size, no symlinks, JSON, schema. Never follows a link: the folder is
 * opened without following one and the file is reached through that open folder, so an agent swapping
 * `.flightdeck` for a link between the check and the read gains nothing.
 */
export async function readSignalFile<T>(worktree: string, name: string, schema: z.ZodType<T>): Promise<SignalRead<T>> {
  const file = path.join(worktree, signalDirName, name)
  const result = await inFolderInside(worktree, signalDirName, (dir) => readIn<T>(path.join(dir, name), name, file, schema))
  if (result === undefined) return { kind: 'absent' }
  if ('kind' in result) return result
  return { kind: 'invalid', error: folderError(result.error), file, stamp: result.error }
}

async function readIn<T>(bound: string, name: string, file: string, schema: z.ZodType<T>): Promise<SignalRead<T>> {
  const stat = await fs.lstat(bound).catch(() => undefined)
  if (!stat) return { kind: 'absent' }
  const stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`
  const invalid = (error: string): SignalRead<T> => ({ kind: 'invalid', error: `${name}: ${error}`, file, stamp })
  if (stat.isSymbolicLink()) return invalid('is a symlink; refused')
  if (!stat.isFile()) return invalid('is not a regular file')
  if (stat.size > signalMaxBytes) return invalid(`is ${stat.size} bytes; the limit is ${signalMaxBytes}`)
  const handle = await fs.open(bound, constants.O_RDONLY | constants.O_NOFOLLOW)
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

/** Writes a JSON file into `.flightdeck/` atomically (temp file + rename) through the opened folder, refusing a link. */
export async function writeSignalFile(worktree: string, name: string, value: object): Promise<void> {
  const write = async (dir: string) => {
    const temp = path.join(dir, `.${name}.${process.pid}.tmp`)
    await fs.writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx', mode: 0o644 })
    await fs.rename(temp, path.join(dir, name))
  }
  let result = await inFolderInside(worktree, signalDirName, write)
  if (result === undefined) {
    await fs.mkdir(path.join(worktree, signalDirName))
    result = await inFolderInside(worktree, signalDirName, write)
  }
  if (result && 'error' in result) throw new Error(folderError(result.error))
}

/** Removes a consumed signal file (unlink never follows a link). */
export async function removeSignalFile(file: string): Promise<void> {
  await fs.unlink(file).catch(() => undefined)
}
