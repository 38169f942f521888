import { Loader2, RotateCcw } from 'lucide-react'
import type { ReviewReport, ReviewStage } from '../../../../shared/domain'
import { Button } from '../ui/Button'
import { gradeLabel, gradeTone } from './grade-style'

const verdictTone = { ok: 'text-ok', concern: 'text-warn', problem: 'text-danger' } as const

/** The latest review of a stage: the grade, findings per category, criteria and required fixes, and earlier grades. */
export function GradeCard({ stage, reviews, busy, canReview, onReview }: { stage: ReviewStage; reviews: ReviewReport[]; busy: boolean; canReview: boolean; onReview(): void }) {
  const mine = reviews.filter((r) => r.stage === stage)
  const latest = mine.at(-1)
  return (
    <section data-testid={`grade-card-${stage}`} className="rounded-lg border border-line bg-panel p-3">
      <header className="mb-2 flex items-center gap-2">
        <h3 className="text-[13px] font-semibold capitalize">{stage} review</h3>
        {mine.length > 1 && (
          <span data-testid="grade-history" className="flex items-center gap-1 text-[11px] text-muted">
            history: {mine.map((r) => <span key={r.id} className={`rounded border px-1 font-mono ${gradeTone[r.grade]}`}>{gradeLabel(r.grade)}</span>)}
          </span>
        )}
        <Button variant="ghost" className="ml-auto h-7 px-2" disabled={busy || !canReview} onClick={onReview} title={canReview ? '' : 'the run has no worktree yet'}>
          {busy ? <Loader2 size={13} className="animate-spin" /> : <RotateCcw size={13} />} {latest ? 'Re-review' : 'Review'}
        </Button>
      </header>
      {!latest ? (
        <p className="text-xs text-muted">Not graded yet. The policy’s minimum grade turns grading on; “Review” asks the grader now.</p>
      ) : (
        <div className="flex gap-3">
          <div data-testid="grade" className={`flex size-14 shrink-0 items-center justify-center rounded-lg border text-center font-semibold ${gradeTone[latest.grade]} ${latest.grade === 'OVER_ENGINEERED' ? 'text-[10px] leading-tight' : 'text-3xl'}`}>
            {gradeLabel(latest.grade)}
          </div>
          <div className="min-w-0 flex-1 space-y-2">
            <p className="text-[13px]">{latest.summary}</p>
            <ul className="space-y-0.5 text-xs" data-testid="findings">
              {latest.findings.map((f) => (
                <li key={f.category} className="flex gap-2">
                  <span className="w-28 shrink-0 capitalize text-muted">{f.category}</span>
                  <span className={`w-14 shrink-0 font-medium ${verdictTone[f.verdict]}`}>{f.verdict}</span>
                  <span className="min-w-0">{f.notes}</span>
                </li>
              ))}
            </ul>
            {latest.criteria.length > 0 && (
              <ul className="text-xs" data-testid="criteria">
                {latest.criteria.map((c) => <li key={c.criterion}>{c.met ? '☑' : '☐'} {c.criterion}</li>)}
              </ul>
            )}
            {latest.requiredFixes.length > 0 && (
              <div data-testid="required-fixes" className="rounded border border-warn/40 bg-warn/10 p-2 text-xs">
                <div className="mb-1 font-semibold text-warn">Required fixes</div>
                <ul className="list-disc pl-4">{latest.requiredFixes.map((f) => <li key={f}>{f}</li>)}</ul>
              </div>
            )}
            <div className="text-[11px] text-muted">{latest.model} · {latest.attempts} call{latest.attempts === 1 ? '' : 's'} · {new Date(latest.createdAt).toLocaleString()}</div>
          </div>
        </div>
      )}
    </section>
  )
}
