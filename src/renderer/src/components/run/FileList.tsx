import { FileMinus2, FilePen, FilePlus2, FileSymlink } from 'lucide-react'
import type { LucideIcon } from 'lucide-react'
import type { RunFileChange } from '../../../../shared/contract'

const kindIcon: Record<RunFileChange['kind'], { icon: LucideIcon; color: string }> = {
  created: { icon: FilePlus2, color: 'text-ok' },
  modified: { icon: FilePen, color: 'text-warn' },
  deleted: { icon: FileMinus2, color: 'text-danger' },
  renamed: { icon: FileSymlink, color: 'text-accent' }
}

/** The run's changed files with their kind and line counts; a click jumps to the file in the diff. */
export function FileList({ files, onPick }: { files: RunFileChange[]; onPick(path: string): void }) {
  return (
    <ul data-testid="changed-files" className="py-1">
      {files.map((file) => {
        const { icon: Icon, color } = kindIcon[file.kind]
        return (
          <li key={file.path}>
            <button type="button" title={file.oldPath ? `${file.oldPath} → ${file.path}` : file.path} onClick={() => onPick(file.path)} className="flex w-full items-center gap-2 px-3 py-1.5 text-left text-xs hover:bg-raised/70">
              <Icon size={14} className={`shrink-0 ${color}`} aria-label={file.kind} />
              <span className="min-w-0 flex-1 truncate font-mono" dir="rtl">
                {/* rtl keeps the file name visible when a long path is truncated */}
                <bdi>{file.path}</bdi>
              </span>
              {file.binary ? (
                <span className="text-[10px] text-muted">binary</span>
              ) : (
                <span className="shrink-0 font-mono text-[11px] tabular-nums">
                  <span className="text-ok">+{file.additions ?? 0}</span> <span className="text-danger">−{file.deletions ?? 0}</span>
                </span>
              )}
            </button>
          </li>
        )
      })}
    </ul>
  )
}
