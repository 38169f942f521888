import { ChevronDown, ChevronRight } from 'lucide-react'
import { Fragment, memo, useState } from 'react'
import type { ReviewComment } from '../../../../shared/contract'
import type { DiffFile, DiffLine } from '../../lib/unified-diff'
import { CommentCard, CommentForm } from './ReviewCommentViews'
import { SyntaxLine } from './SyntaxLine'
import type { LineRange, ReviewComments } from './use-review-comments'

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

interface ReviewProps {
  review?: ReviewComments
  comments?: ReviewComment[]
  selection?: LineRange | null
}

export const DiffFileSection = memo(function DiffFileSection({ file, review, comments = [], selection = null }: { file: DiffFile } & ReviewProps) {
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
                {hunk.lines.map((line, i) => {
                  const n = line.newNo
                  const selected = n != null && selection != null && n >= selection.start && n <= selection.end
                  const here = n == null ? [] : comments.filter((c) => c.endLine === n)
                  return (
                    <Fragment key={i}>
                      <tr data-kind={line.kind} data-line={n ?? undefined} aria-selected={selected || undefined} className={selected ? 'bg-accent/20' : rowStyle[line.kind]}>
                        <td className={`w-[1%] px-2 text-right whitespace-nowrap select-none ${gutterStyle[line.kind]}`}>{line.oldNo ?? ''}</td>
                        <td className={`w-[1%] px-2 text-right whitespace-nowrap select-none ${gutterStyle[line.kind]}`}>
                          {review && n != null ? (
                            <button type="button" aria-label={`Comment on line ${n} of ${file.path}`} onClick={(e) => review.pick(file.path, n, e.shiftKey)} className="w-full text-right hover:text-accent hover:underline">
                              {n}
                            </button>
                          ) : (n ?? '')}
                        </td>
                        <td className="pr-4 whitespace-pre-wrap break-all">
                          <span className="inline-block w-4 select-none text-center text-muted">{sign[line.kind]}</span>
                          {line.kind === 'note' ? line.text : <SyntaxLine text={line.text} extension={extension} />}
                        </td>
                      </tr>
                      {review && here.map((c) => (
                        <tr key={c.id}><td colSpan={3}><CommentCard comment={c} review={review} /></td></tr>
                      ))}
                      {review && selection && n === selection.end && (
                        <tr><td colSpan={3}><CommentForm range={selection} review={review} /></td></tr>
                      )}
                    </Fragment>
                  )
                })}
              </tbody>
            ))}
          </table>
        </div>
      )}
      {!open && <p className="px-3 py-2 text-xs text-muted">{lineCount.toLocaleString()} lines folded; click the header to show them.</p>}
    </section>
  )
})
