import { AlertTriangle, Loader2 } from 'lucide-react'
import { Suspense } from 'react'
import { AddRepoDialog } from '../components/AddRepoDialog'
import { ConnectionBanner } from '../components/ConnectionBanner'
import { EmptyState } from '../components/EmptyState'
import { NewIssueDialog } from '../components/NewIssueDialog'
import { CommandCenterOverlays } from '../components/nav/CommandCenterOverlays'
import { NavRail } from '../components/nav/NavRail'
import { viewById } from '../components/nav/views'
import { StatusBar } from '../components/StatusBar'
import { TopBar } from '../components/TopBar'
import { Button } from '../components/ui/Button'
import { useApp } from './context'

function MainView() {
  const load = useApp((s) => s.load)
  const loadError = useApp((s) => s.loadError)
  const refresh = useApp((s) => s.refresh)
  const view = useApp((s) => s.view)
  const runsLoad = useApp((s) => s.runsLoad)
  const entry = viewById(view)

  if (load === 'idle' || load === 'loading' || (entry.needsRuns && runsLoad !== 'ready' && load !== 'error')) {
    return (
      <div className="flex h-full items-center justify-center gap-2 text-muted">
        <Loader2 size={16} className="animate-spin" /> {load === 'ready' ? 'Loading the runs…' : 'Loading the board…'}
      </div>
    )
  }
  if (load === 'error') {
    return (
      <EmptyState icon={AlertTriangle} title="The board could not be loaded" action={<Button onClick={() => void refresh()}>Try again</Button>}>
        {loadError}
      </EmptyState>
    )
  }
  return <Suspense fallback={<div className="flex h-full items-center justify-center gap-2 text-muted"><Loader2 size={16} className="animate-spin" /> Opening {entry.label}…</div>}>{entry.render()}</Suspense>
}

export function App() {
  const dialog = useApp((s) => s.dialog)
  return (
    <div className="flex h-full flex-col">
      <TopBar />
      <ConnectionBanner />
      <div className="flex min-h-0 flex-1">
        <NavRail />
        <main className="relative min-w-0 flex-1">
          <MainView />
        </main>
      </div>
      <StatusBar />
      <CommandCenterOverlays />
      {dialog === 'add-repo' && <AddRepoDialog />}
      {dialog === 'new-issue' && <NewIssueDialog />}
    </div>
  )
}
