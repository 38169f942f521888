import { ChevronDown, ChevronRight } from 'lucide-react'
import { memo, useState } from 'react'
import type { DiffFile, DiffLine } from '../../lib/unified-diff'
import { SyntaxLine } from './SyntaxLine'

/** Files longer than this start folded so a huge generated file does not stall the view. */
const FOLD_ABOVE = 1_500

const rowStyle: Record<DiffLine['kind'], string> = {
  add: 'bg-ok/12',
  del: 'bg-danger/12',
  context: '',
  note: 'text-muted italic'
}
const gutterStyle: Record<DiffLine['kind'], string> = {
  add: 'bg-ok/20 text-ok',
  del: 'bg-danger/20 text-danger',
  context: 'text-muted/70',
  note: 'text-muted/70'
}
const sign = { add: '+', del: '−', context: ' ', note: ' ' } as const
const statusText = { added: 'new', deleted: 'deleted', renamed: 'renamed', modified: 'modified' } as const

export const DiffFileSection = memo(function DiffFileSection({ file }: { file: DiffFile }) {
  const lineCount = file.hunks.reduce((n, h) => n + h.lines.length, 0)
  const [open, setOpen] = useState(lineCount <= FOLD_ABOVE)
  const extension = file.path.includes('.') ? (file.path.split('.').pop() ?? '') : ''
  return (
    <section id={`diff-${file.path}`} data-testid="diff-file" data-path={file.path} className="overflow-hidden rounded-lg border border-line bg-panel">
      <button type="button" onClick={() => setOpen(!open)} className="sticky top-0 z-10 flex w-full items-center gap-2 border-b border-line bg-raised px-3 py-2 text-left text-xs">
        {open ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
        <span className="min-w-0 truncate font-mono font-medium">
          {file.status === 'renamed' && file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
        </span>
        <span className="rounded bg-panel px-1.5 py-0.5 text-[10px] text-muted">{statusText[file.status]}</span>
        <span className="ml-auto font-mono text-[11px] tabular-nums">
          <span className="text-ok">+{file.additions}</span> <span className="text-danger">−{file.deletions}</span>
        </span>
      </button>
      {open && (
        <div className="overflow-x-auto">
          {file.binary && <p className="px-3 py-2 text-xs text-muted">Binary file; no text diff.</p>}
          {!file.binary && file.hunks.length === 0 && <p className="px-3 py-2 text-xs text-muted">No content change (mode or rename only).</p>}
          <table className="w-full border-collapse font-mono text-[12px] leading-[1.55]">
            {file.hunks.map((hunk, h) => (
              <tbody key={h}>
                <tr className="bg-accent/8 text-accent/90">
                  <td colSpan={3} className="px-3 py-1 text-[11px]">{hunk.header}</td>
                </tr>
                {hunk.lines.map((line, i) => (
                  <tr key={i} data-kind={line.kind} className={rowStyle[line.kind]}>
                    <td className={`w-[1%] px-2 text-right whitespace-nowrap select-none ${gutterStyle[line.kind]}`}>{line.oldNo ?? ''}</td>
                    <td className={`w-[1%] px-2 text-right whitespace-nowrap select-none ${gutterStyle[line.kind]}`}>{line.newNo ?? ''}</td>
                    <td className="pr-4 whitespace-pre-wrap break-all">
                      <span className="inline-block w-4 select-none text-center text-muted">{sign[line.kind]}</span>
                      {line.kind === 'note' ? line.text : <SyntaxLine text={line.text} extension={extension} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
      {!open && <p className="px-3 py-2 text-xs text-muted">{lineCount.toLocaleString()} lines folded; click the header to show them.</p>}
    </section>
  )
})
