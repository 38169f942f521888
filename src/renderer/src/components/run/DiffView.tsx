import { useMemo } from 'react'
import { parseUnifiedDiff } from '../../lib/unified-diff'
import { DiffFileSection } from './DiffFileSection'
import { CommentBar } from './ReviewCommentViews'
import type { ReviewComments } from './use-review-comments'

/** The run's unified diff, file by file, with line numbers and add/remove colors; with `review`, lines take comments. */
export function DiffView({ diff, review }: { diff: string; review?: ReviewComments }) {
  const files = useMemo(() => parseUnifiedDiff(diff), [diff])
  if (files.length === 0) return <p className="p-6 text-center text-xs text-muted">The diff is empty.</p>
  return (
    <div data-testid="diff">
      {review && <CommentBar review={review} />}
      <div className="space-y-3 p-4">
        {files.map((file) => (
          <DiffFileSection
            key={file.path}
            file={file}
            review={review}
            comments={review?.comments.filter((c) => c.path === file.path)}
            selection={review?.selection?.path === file.path ? review.selection : null}
          />
        ))}
      </div>
    </div>
  )
}
