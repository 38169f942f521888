import fs from 'node:fs/promises'
import path from 'node:path'

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/

/**
 * HEAD's commit read from the repository's files (`.git/HEAD`, a loose ref, `packed-refs`), with no git process:
 * the fleet checks every repository's HEAD before each query, and a spawn per repository was most of a scan's cost.
 * Returns undefined whenever the layout is anything but the plain one (reftable, a symbolic ref to a symbolic
 * ref, an unreadable file), so the caller asks git instead; null: the branch has no commit yet.
 */
export async function readHeadFile(repoPath: string): Promise<string | null | undefined> {
  try {
    let gitDir = path.join(repoPath, '.git')
    const stat = await fs.stat(gitDir)
    if (stat.isFile()) {
      const pointer = /^gitdir: (.+)$/m.exec(await fs.readFile(gitDir, 'utf8'))?.[1]?.trim()
      if (!pointer) return undefined
      gitDir = path.resolve(repoPath, pointer)
    }
    const commonPointer = await fs.readFile(path.join(gitDir, 'commondir'), 'utf8').catch(() => null)
    const commonDir = commonPointer ? path.resolve(gitDir, commonPointer.trim()) : gitDir
    if (await fs.stat(path.join(commonDir, 'reftable')).then(() => true, () => false)) return undefined
    const head = (await fs.readFile(path.join(gitDir, 'HEAD'), 'utf8')).trim()
    if (SHA.test(head)) return head
    const ref = /^ref: (refs\/\S+)$/.exec(head)?.[1]
    if (!ref || ref.includes('..')) return undefined
    const loose = await fs.readFile(path.join(commonDir, ref), 'utf8').catch(() => null)
    if (loose !== null) return SHA.test(loose.trim()) ? loose.trim() : undefined
    const packed = await fs.readFile(path.join(commonDir, 'packed-refs'), 'utf8').catch(() => '')
    for (const line of packed.split('\n')) {
      const [sha, name] = line.trim().split(' ')
      if (name === ref && sha && SHA.test(sha)) return sha
    }
    return null
  } catch {
    return undefined
  }
}
