import { useEffect, useState } from 'react'
import { useClient } from '../../app/context'
import { Button } from '../ui/Button'
import { inputClass } from '../ui/Field'
import { useQuery } from '../use-query'
import { usePlanning } from './planning-context'
import { DiffList } from './VersionDiff'

/** What accepting a proposal would change against the current version. */
function ProposalPreview({ planId, messageId }: { planId: string; messageId: string }) {
  const client = useClient()
  const version = usePlanning((s) => s.detail?.plan.currentVersion)
  const diff = useQuery(() => client.invoke('plan.proposalDiff', { id: planId, messageId }), [client, planId, messageId, version])
  if (diff.error) return <p role="alert" className="mt-2 text-xs text-danger">{diff.error}</p>
  if (!diff.data) return <p className="mt-2 text-xs text-muted">Comparing with v{version}…</p>
  return (
    <div className="mt-2 rounded-md border border-line bg-bg p-2">
      <p className="mb-1 text-[11px] text-muted">Against v{diff.data.from}, the current version:</p>
      <DiffList diff={diff.data} testId="proposal-diff" />
    </div>
  )
}

/** The refinement chat: replies stream in; a proposed revision can be previewed, dismissed, or accepted as a new version. */
export function ChatPanel() {
  const client = useClient()
  const detail = usePlanning((s) => s.detail)
  const run = usePlanning((s) => s.run)
  const busy = usePlanning((s) => s.busy)
  const [draft, setDraft] = useState('')
  const [streaming, setStreaming] = useState('')
  const [previewing, setPreviewing] = useState<string | null>(null)
  const planId = detail?.plan.id
  useEffect(() => {
    if (!planId) return
    return client.watch('planChat', planId, (m) => {
      if ('delta' in m) setStreaming((s) => s + m.delta)
      else setStreaming('')
    })
  }, [client, planId])
  if (!detail) return null
  const send = () => {
    const message = draft.trim()
    if (!message) return
    setDraft('')
    void run('chat', () => client.invoke('plan.chat', { id: detail.plan.id, message }))
  }
  return (
    <div className="flex h-full flex-col">
      <div className="min-h-0 flex-1 space-y-3 overflow-auto p-4" data-testid="chat-messages">
        {detail.messages.length === 0 && !streaming && <p className="text-muted">Ask for a change ("split the API", "add a cache") or a question about the architecture.</p>}
        {detail.messages.map((m) => (
          <div key={m.id} className={`max-w-3xl rounded-md border border-line p-3 text-[13px] ${m.role === 'user' ? 'ml-auto bg-raised' : 'bg-panel'}`}>
            <div className="whitespace-pre-wrap">{m.content}</div>
            {m.proposal && (
              <div className="mt-2 flex items-center gap-2 border-t border-line pt-2 text-[12px]">
                <span className="font-semibold">Proposed: {m.proposal.summary}</span>
                {m.proposal.status === 'pending' ? (
                  <>
                    <Button variant="ghost" aria-expanded={previewing === m.id} onClick={() => setPreviewing(previewing === m.id ? null : m.id)}>{previewing === m.id ? 'Hide changes' : 'Preview changes'}</Button>
                    <Button variant="ghost" disabled={Boolean(busy)} onClick={() => void run('dismiss', () => client.invoke('plan.dismissProposal', { id: detail.plan.id, messageId: m.id }))}>Dismiss</Button>
                    <Button variant="primary" disabled={Boolean(busy)} onClick={() => void run('accept', () => client.invoke('plan.acceptProposal', { id: detail.plan.id, messageId: m.id }))}>Accept as new version</Button>
                  </>
                ) : <span data-testid="proposal-status" className="text-muted">{m.proposal.status}{m.proposal.version ? ` as v${m.proposal.version}` : ''}</span>}
              </div>
            )}
            {m.proposal?.status === 'pending' && previewing === m.id && <ProposalPreview planId={detail.plan.id} messageId={m.id} />}
          </div>
        ))}
        {streaming && <div className="max-w-3xl whitespace-pre-wrap rounded-md border border-line bg-panel p-3 text-[13px]" data-testid="chat-streaming">{streaming}</div>}
      </div>
      <div className="flex gap-2 border-t border-line p-3">
        <input aria-label="Message" className={inputClass} placeholder="What should change?" value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && send()} />
        <Button variant="primary" disabled={Boolean(busy) || !draft.trim()} onClick={send}>{busy === 'chat' ? 'Thinking…' : 'Send'}</Button>
      </div>
    </div>
  )
}
