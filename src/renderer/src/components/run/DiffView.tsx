import { useMemo } from 'react'
import { parseUnifiedDiff } from '../../lib/unified-diff'
import { DiffFileSection } from './DiffFileSection'

/** The run's unified diff, file by file, with line numbers and add/remove colors. */
export function DiffView({ diff }: { diff: string }) {
  const files = useMemo(() => parseUnifiedDiff(diff), [diff])
  if (files.length === 0) return <p className="p-6 text-center text-xs text-muted">The diff is empty.</p>
  return (
    <div data-testid="diff" className="space-y-3 p-4">
      {files.map((file) => (
        <DiffFileSection key={file.path} file={file} />
      ))}
    </div>
  )
}
