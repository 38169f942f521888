import { FolderGit2, ListTodo } from 'lucide-react'
import { useApp } from '../../app/context'
import { sizeOf } from '../../state/selectors'
import { Board } from '../Board'
import { EmptyState } from '../EmptyState'
import { IssueDrawer } from '../IssueDrawer'
import { Button } from '../ui/Button'

/** The issue board, or what to do first when there is nothing to show yet. */
export function IssuesView() {
  const repoCount = useApp((s) => s.repos.length)
  const issueCount = useApp((s) => sizeOf(s.issues))
  const openDialog = useApp((s) => s.openDialog)
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
        An issue is one small unit of work with acceptance criteria. Create one here (press <kbd className="font-mono text-fg">c</kbd>) or with{' '}
        <code className="font-mono text-fg">flightdeck issue create</code>.
      </EmptyState>
    )
  }
  return (
    <>
      <Board />
      <IssueDrawer />
    </>
  )
}
