import { AlertTriangle, Loader2 } from 'lucide-react'
import type { ReactNode } from 'react'
import { EmptyState } from '../EmptyState'
import { Button } from '../ui/Button'
import type { QueryState } from '../use-query'

/** Loading and error states of a run pane's query; renders the pane once its data is there. */
export function QueryPane<T>({ query, what, children }: { query: QueryState<T>; what: string; children(data: T): ReactNode }) {
  if (query.data !== undefined) return <>{children(query.data)}</>
  if (query.error) {
    return (
      <EmptyState icon={AlertTriangle} title={`The ${what} could not be loaded`} action={<Button onClick={query.reload}>Try again</Button>}>
        {query.error}
      </EmptyState>
    )
  }
  return (
    <div className="flex h-full items-center justify-center gap-2 text-muted">
      <Loader2 size={16} className="animate-spin" /> Loading the {what}…
    </div>
  )
}
