import type { FileChange } from '../../workspaces'

/** What a completion check looks at: the changed files, a way to read them, and package.json before and after. */
export interface ChangeSet {
  files: FileChange[]
  /** The file's content after the change (null when it cannot be read). */
  read(file: string): Promise<string | null>
  manifests: { base: string | null; head: string | null }
}

/** Files that exist after the change. */
export function presentFiles(changes: ChangeSet): FileChange[] {
  return changes.files.filter((f) => f.kind !== 'deleted')
}
