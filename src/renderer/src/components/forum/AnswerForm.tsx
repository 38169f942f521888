import { Send } from 'lucide-react'
import { useState } from 'react'
import type { ForumThread, Run } from '../../../../shared/domain'
import { forumPostMaxChars } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { Button } from '../ui/Button'
import { inputClass } from '../ui/Field'
import { useSubmit } from '../use-submit'

/** Answer (and resume the paused run), post a follow-up, or close; the options the asker offered fill the text. */
export function AnswerForm({ thread, run }: { thread: ForumThread; run: Run | undefined }) {
  const client = useClient()
  const [text, setText] = useState('')
  const { pending, submit, error } = useSubmit()
  const resumes = thread.blocking && run?.state === 'waiting'
  const tooLong = text.length > forumPostMaxChars
  const send = (kind: 'forum.answer' | 'forum.post') =>
    void submit(async () => {
      await client.invoke(kind, { threadId: thread.id, text })
      setText('')
    })
  if (thread.state === 'closed') {
    return (
      <div className="flex items-center gap-3 border-t border-line px-4 py-3 text-[13px] text-muted">
        This thread is closed.
        <Button onClick={() => void submit(() => client.invoke('forum.state', { threadId: thread.id, state: 'open' }))}>Reopen</Button>
      </div>
    )
  }
  return (
    <form className="space-y-2 border-t border-line bg-panel px-4 py-3" onSubmit={(e) => (e.preventDefault(), send('forum.answer'))}>
      {thread.options.length > 0 && (
        <div className="flex flex-wrap gap-1.5">
          {thread.options.map((o) => (
            <button key={o} type="button" onClick={() => setText(o)} className="rounded-full border border-line px-2.5 py-0.5 text-xs hover:border-accent hover:text-accent">
              {o}
            </button>
          ))}
        </div>
      )}
      <textarea aria-label="Answer" aria-invalid={tooLong} rows={3} className={inputClass} placeholder={resumes ? 'Your answer goes back to the agent as its tool result' : 'Write an answer'} value={text} onChange={(e) => setText(e.target.value)} />
      {tooLong && <p className="text-xs text-danger">At most {forumPostMaxChars.toLocaleString()} characters ({text.length.toLocaleString()} now).</p>}
      {error && <p role="alert" className="text-xs text-danger">{error.message}</p>}
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" disabled={pending || !text.trim() || tooLong}>
          <Send size={14} /> {resumes ? 'Answer and resume' : 'Answer'}
        </Button>
        <Button disabled={pending || !text.trim() || tooLong} onClick={() => send('forum.post')}>Post follow-up</Button>
        <Button variant="ghost" className="ml-auto" disabled={pending} onClick={() => void submit(() => client.invoke('forum.close', { threadId: thread.id }))}>
          Close thread
        </Button>
      </div>
    </form>
  )
}
