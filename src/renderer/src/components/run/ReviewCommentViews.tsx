import { Check, Clock, MessageSquarePlus, Send, Trash2 } from 'lucide-react'
import { useState } from 'react'
import type { ReviewComment } from '../../../../shared/contract'
import { Button } from '../ui/Button'
import type { LineRange, ReviewComments } from './use-review-comments'

const lines = (r: { start: number; end: number }) => (r.start === r.end ? `line ${r.start}` : `lines ${r.start}–${r.end}`)

/** The comment being written on the selected lines. */
export function CommentForm({ range, review }: { range: LineRange; review: ReviewComments }) {
  const [body, setBody] = useState('')
  return (
    <form
      data-testid="comment-form"
      className="m-2 space-y-2 rounded-md border border-accent/50 bg-panel p-2 font-sans"
      onSubmit={(e) => {
        e.preventDefault()
        if (body.trim()) void review.add(body)
      }}
    >
      <label className="block text-xs text-muted" htmlFor="review-comment-body">Comment on {range.path}, {lines(range)}</label>
      <textarea
        id="review-comment-body"
        autoFocus
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && review.clear()}
        rows={3}
        placeholder="What should the agent change here?"
        className="w-full resize-y rounded border border-line bg-bg p-2 text-[13px] text-fg"
      />
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" disabled={!body.trim() || review.busy}><MessageSquarePlus size={14} /> Add comment</Button>
        <Button variant="ghost" onClick={review.clear}>Cancel</Button>
        {review.error && <span role="alert" className="text-xs text-danger">{review.error}</span>}
      </div>
    </form>
  )
}

/** A comment under the last line it is on: its text, whether it was sent, and whether the agent changed those lines since. */
export function CommentCard({ comment, review }: { comment: ReviewComment; review: ReviewComments }) {
  const state = comment.status === 'pending'
    ? { icon: Clock, text: 'pending — not sent yet', style: 'text-warn' }
    : comment.addressed
      ? { icon: Check, text: `addressed — the agent changed ${lines({ start: comment.startLine, end: comment.endLine })} since`, style: 'text-ok' }
      : { icon: Send, text: `sent in briefing v${comment.packetVersion} — not addressed yet`, style: 'text-accent' }
  return (
    <div data-testid="review-comment" data-status={comment.status} data-addressed={String(comment.addressed)} className="m-2 rounded-md border border-line bg-panel p-2 font-sans text-[13px]">
      <p className="whitespace-pre-wrap text-fg">{comment.body}</p>
      <div className="mt-1 flex items-center gap-2 text-[11px]">
        <span className="font-mono text-muted">{lines({ start: comment.startLine, end: comment.endLine })}</span>
        <state.icon size={12} className={state.style} />
        <span className={state.style}>{state.text}</span>
        {comment.status === 'pending' && (
          <button type="button" onClick={() => void review.remove(comment.id)} className="ml-auto inline-flex items-center gap-1 rounded px-1 text-muted hover:text-danger" aria-label="Remove this comment">
            <Trash2 size={12} /> Remove
          </button>
        )}
      </div>
    </div>
  )
}

/** Above the diff: how many comments wait, and Send to agent. */
export function CommentBar({ review }: { review: ReviewComments }) {
  const pending = review.comments.filter((c) => c.status === 'pending').length
  const sent = review.comments.length - pending
  const addressed = review.comments.filter((c) => c.addressed).length
  return (
    <div data-testid="comment-bar" className="sticky top-0 z-20 flex items-center gap-3 border-b border-line bg-raised px-4 py-2 text-xs">
      <span className="text-muted">
        {review.comments.length === 0 ? 'Click a line number to comment on it; shift-click to take several lines.' : `${pending} pending, ${sent} sent, ${addressed} addressed`}
      </span>
      {review.notice && <span className="text-ok">{review.notice}</span>}
      {review.error && !review.selection && <span role="alert" className="text-danger">{review.error}</span>}
      <Button className="ml-auto" variant="primary" disabled={pending === 0 || review.busy} title={pending === 0 ? 'No pending comment to send' : 'Deliver every pending comment to the agent as one message'} onClick={() => void review.send()}>
        <Send size={14} /> Send {pending || ''} to agent
      </Button>
    </div>
  )
}
