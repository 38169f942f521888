import { type FSWatcher, watch } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'

interface Tracked {
  watcher: FSWatcher | null
  /** Set by any file event; cleared just before a recompute so events during it are not lost. */
  changed: boolean
  indexPath: string | null
  /** The inputs the cached answer was computed from. */
  head: string | null
  indexStamp: string
  dirty: boolean | null
}

/**
 * Remembers each worktree's dirty state and says when it must be recomputed: after any file event under
 * the worktree, a change of HEAD, or a change of its index file (staging, commits, resets).
 * fs.watch delivers events asynchronously, so an edit made a moment before a refresh may show on the next one.
 * Where watching is impossible (inotify limits, unsupported fs) the worktree is simply recomputed every time.
 */
export class DirtyTracker {
  private readonly tracked = new Map<string, Tracked>()

  constructor(private readonly useWatch = true) {}

  /** Returns the cached answer, or null when it must be recomputed (and then arms tracking for that recompute). */
  async cached(path: string, head: string | null): Promise<boolean | null> {
    let t = this.tracked.get(path)
    if (!t) {
      t = { watcher: null, changed: true, indexPath: await indexPathOf(path), head: null, indexStamp: '', dirty: null }
      this.tracked.set(path, t)
      this.startWatching(path, t)
    }
    const indexStamp = await stampOf(t.indexPath)
    const fresh = t.watcher !== null && !t.changed && t.dirty !== null && t.head === head && t.indexStamp === indexStamp
    if (fresh) return t.dirty
    t.changed = false
    t.head = head
    t.indexStamp = indexStamp
    return null
  }

  record(path: string, dirty: boolean): void {
    const t = this.tracked.get(path)
    if (t) t.dirty = dirty
  }

  /** Stops tracking worktrees that are no longer asked about. */
  retain(keep: (path: string) => boolean): void {
    for (const path of [...this.tracked.keys()]) if (!keep(path)) this.forget(path)
  }

  get watcherCount(): number {
    return [...this.tracked.values()].filter((t) => t.watcher !== null).length
  }

  dispose(): void {
    for (const path of [...this.tracked.keys()]) this.forget(path)
  }

  private forget(path: string): void {
    this.tracked.get(path)?.watcher?.close()
    this.tracked.delete(path)
  }

  private startWatching(path: string, t: Tracked): void {
    if (!this.useWatch) return
    try {
      t.watcher = watch(path, { recursive: true, persistent: false }, () => {
        t.changed = true
      })
      t.watcher.on('error', () => {
        t.watcher?.close()
        t.watcher = null
      })
    } catch {
      t.watcher = null
    }
  }
}

/** A linked worktree's `.git` is a file pointing at its admin dir; the main worktree's is the dir itself. */
async function indexPathOf(worktree: string): Promise<string | null> {
  const dotGit = join(worktree, '.git')
  const info = await stat(dotGit).catch(() => null)
  if (!info) return null
  if (info.isDirectory()) return join(dotGit, 'index')
  const match = /^gitdir:\s*(.+)$/m.exec(await readFile(dotGit, 'utf8').catch(() => ''))
  return match?.[1] ? join(resolve(worktree, match[1].trim()), 'index') : null
}

/** Git rewrites the index via rename, so mtime, ctime, size and inode together catch every change. */
async function stampOf(path: string | null): Promise<string> {
  if (!path) return 'none'
  const info = await stat(path).catch(() => null)
  return info ? `${info.mtimeMs}:${info.ctimeMs}:${info.size}:${info.ino}` : 'none'
}
