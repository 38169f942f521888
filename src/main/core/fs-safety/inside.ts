import { constants } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'

const within = (root: string, p: string) => p === root || p.startsWith(root + path.sep)

/**
 * `rel` resolved inside `root` with no symbolic link anywhere on the way (a linked folder inside a worktree
 * must not lead out of it), or null. The path need not exist when `mustExist` is false.
 */
export async function resolveInside(root: string, rel: string, mustExist = true): Promise<string | null> {
  const realRoot = await fs.realpath(root).catch(() => null)
  if (!realRoot) return null
  const full = path.resolve(realRoot, rel)
  if (!within(realRoot, full)) return null
  const real = await fs.realpath(full).catch(() => null)
  if (real === null) return mustExist ? null : full
  return real === full ? real : null
}

/** A regular file inside `root`, read without following a link (checked, then opened with O_NOFOLLOW). */
export async function readFileInside(root: string, rel: string, maxBytes = 8 * 1024 * 1024): Promise<string | null> {
  const file = await resolveInside(root, rel)
  if (!file) return null
  const handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null)
  if (!handle) return null
  try {
    const stat = await handle.stat()
    if (!stat.isFile() || stat.size > maxBytes) return null
    return await handle.readFile({ encoding: 'utf8' })
  } finally {
    await handle.close()
  }
}

/**
 * Runs `work` on a folder opened without following links, through a path bound to the opened folder itself
 * (/proc/self/fd on Linux), so swapping the folder for a link after the check changes nothing. Elsewhere the
 * folder's real path is checked instead. `undefined` when the folder does not exist.
 */
export async function inFolderInside<T>(root: string, rel: string, work: (dir: string) => Promise<T>): Promise<T | { error: string } | undefined> {
  const dir = path.join(root, rel)
  const handle = await fs.open(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW).catch((e: NodeJS.ErrnoException) => e)
  if (handle instanceof Error) {
    if (handle.code === 'ENOENT') return undefined
    // Linux answers a link opened with O_DIRECTORY | O_NOFOLLOW with ENOTDIR, others with ELOOP.
    const link = handle.code === 'ELOOP' || (await fs.lstat(dir).catch(() => null))?.isSymbolicLink()
    return { error: link ? `${rel} is a symlink; refused` : handle.code === 'ENOTDIR' ? `${rel} is not a folder` : `${rel}: ${handle.message}` }
  }
  try {
    const bound = process.platform === 'linux' ? `/proc/self/fd/${handle.fd}` : dir
    const [real, realRoot] = await Promise.all([fs.realpath(bound), fs.realpath(root)])
    if (!within(realRoot, real)) return { error: `${rel} resolves outside ${root}` }
    return await work(bound)
  } finally {
    await handle.close()
  }
}
