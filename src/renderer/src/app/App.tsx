import { AlertTriangle, FolderGit2, ListTodo, Loader2 } from 'lucide-react'
import { AddRepoDialog } from '../components/AddRepoDialog'
import { Board } from '../components/Board'
import { EmptyState } from '../components/EmptyState'
import { IssueDrawer } from '../components/IssueDrawer'
import { NewIssueDialog } from '../components/NewIssueDialog'
import { StatusBar } from '../components/StatusBar'
import { RunView } from '../components/run/RunView'
import { TopBar } from '../components/TopBar'
import { Button } from '../components/ui/Button'
import { useApp } from './context'

function MainView() {
  const load = useApp((s) => s.load)
  const loadError = useApp((s) => s.loadError)
  const refresh = useApp((s) => s.refresh)
  const repoCount = useApp((s) => s.repos.length)
  const issueCount = useApp((s) => Object.keys(s.issues).length)
  const openDialog = useApp((s) => s.openDialog)
  const view = useApp((s) => s.view)

  if (load === 'idle' || load === 'loading') {
    return (
      <div className="flex h-full items-center justify-center gap-2 text-muted">
        <Loader2 size={16} className="animate-spin" /> Loading the board…
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
  if (view === 'run') return <RunView />
  if (repoCount === 0) {
    return (
      <EmptyState icon={FolderGit2} title="Register a repository to start" action={<Button variant="primary" onClick={() => openDialog('add-repo')}>Add a repository</Button>}>
        Flightdeck runs agents on issues of a git repository, each in its own worktree. Point it at a local clone;
        or from a terminal: <code className="font-mono text-fg">flightdeck repo add PATH</code>.
      </EmptyState>
    )
  }
  if (issueCount === 0) {
    return (
      <EmptyState icon={ListTodo} title="No issues yet" action={<Button variant="primary" onClick={() => openDialog('new-issue')}>Create an issue</Button>}>
        An issue is one small unit of work with acceptance criteria. Create one here or with{' '}
        <code className="font-mono text-fg">flightdeck issue create</code>.
      </EmptyState>
    )
  }
  return <Board />
}

export function App() {
  const dialog = useApp((s) => s.dialog)
  const view = useApp((s) => s.view)
  return (
    <div className="flex h-full flex-col">
      <TopBar />
      <main className="relative min-h-0 flex-1">
        <MainView />
        {view === 'board' && <IssueDrawer />}
      </main>
      <StatusBar />
      {dialog === 'add-repo' && <AddRepoDialog />}
      {dialog === 'new-issue' && <NewIssueDialog />}
    </div>
  )
}
