import { useEffect, useState } from 'react'
import { useClient } from '../../app/context'
import { Button } from '../ui/Button'
import { inputClass } from '../ui/Field'
import { usePlanning } from './planning-context'

/** The architecture-shaping questions: answer any, keep the defaults for the rest, then generate. */
export function ClarifyPanel() {
  const client = useClient()
  const detail = usePlanning((s) => s.detail)
  const run = usePlanning((s) => s.run)
  const busy = usePlanning((s) => s.busy)
  const setTab = usePlanning((s) => s.setTab)
  const [answers, setAnswers] = useState<Record<string, string>>({})
  useEffect(() => setAnswers(Object.fromEntries((detail?.plan.clarifications ?? []).map((q) => [q.id, q.answer ?? '']))), [detail?.plan.clarifications])
  if (!detail) return null
  const { plan } = detail
  if (plan.clarifications.length === 0) {
    return (
      <div className="p-6">
        <p className="mb-3 text-muted">First, a few questions that shape the architecture.</p>
        <Button variant="primary" disabled={Boolean(busy)} onClick={() => void run('clarify', () => client.invoke('plan.clarify', { id: plan.id }))}>{busy === 'clarify' ? 'Asking…' : 'Ask clarifying questions'}</Button>
      </div>
    )
  }
  const generate = async () => {
    await run('generate', async () => {
      await client.invoke('plan.answer', { id: plan.id, answers: plan.clarifications.map((q) => ({ questionId: q.id, answer: answers[q.id]?.trim() || null })) })
      return client.invoke('plan.generate', { id: plan.id })
    })
    setTab('architecture')
  }
  return (
    <div className="mx-auto max-w-3xl space-y-4 overflow-auto p-6">
      {plan.summary && <p className="text-[13px] text-muted">{plan.summary}</p>}
      {plan.clarifications.map((q) => (
        <div key={q.id} className="rounded-md border border-line bg-panel p-3" data-testid={`question-${q.id}`}>
          <div className="text-[13px] font-semibold">{q.id}. {q.question}</div>
          <div className="mt-1 text-[12px] text-muted">Default: {q.default_assumption} — {q.why_it_matters}</div>
          <input aria-label={`Answer ${q.id}`} className={`${inputClass} mt-2`} placeholder="Leave empty to keep the default" value={answers[q.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })} />
        </div>
      ))}
      <Button variant="primary" disabled={Boolean(busy)} onClick={() => void generate()}>{busy === 'generate' ? 'Generating the architecture…' : plan.currentVersion ? 'Regenerate architecture' : 'Generate architecture'}</Button>
    </div>
  )
}
