import type { StateCreator } from 'zustand/vanilla'
import type { EventEnvelope } from '../../../shared/contract'
import type { Issue, Repo } from '../../../shared/domain'
import type { Client } from '../../../shared/transport'
import type { AppState } from './app-state'

export type LoadState = 'idle' | 'loading' | 'ready' | 'error'

export interface DataSlice {
  repos: Repo[]
  issues: Record<string, Issue>
  load: LoadState
  /** The runs come apart from the rest (they are the largest part): the board shows before they arrive. */
  runsLoad: LoadState
  loadError: string | null
  /** Fetches everything the board shows; called at boot and after every reconnect. */
  refresh(): Promise<void>
  /** Folds one committed event into the state; events arrive in commit order. */
  applyEvent(event: EventEnvelope): void
}

export const createDataSlice =
  (client: Client): StateCreator<AppState, [], [], DataSlice> =>
  (set, get) => ({
    repos: [],
    issues: {},
    load: 'idle',
    runsLoad: 'idle',
    loadError: null,
    async refresh() {
      if (get().load !== 'ready') set({ load: 'loading' })
      try {
        const [repos, issues] = await Promise.all([client.invoke('repo.list', {}), client.invoke('issue.list', { limit: 50_000 })])
        set({ repos, issues: Object.fromEntries(issues.map((i) => [i.id, i])), load: 'ready', loadError: null })
        // Asked for after: the core answers one request at a time, and the board should not wait behind the runs.
        get().setRuns(await client.invoke('run.list', {}))
        set({ runsLoad: 'ready' })
      } catch (error) {
        set({ load: 'error', loadError: error instanceof Error ? error.message : String(error) })
      }
    },
    applyEvent(event) {
      switch (event.topic) {
        case 'repo.added': {
          const { repo } = event.payload as EventEnvelope<'repo.added'>['payload']
          if (!get().repos.some((r) => r.id === repo.id)) set({ repos: [...get().repos, repo] })
          break
        }
        case 'issue.created':
        case 'issue.updated': {
          const { issue } = event.payload as EventEnvelope<'issue.created'>['payload']
          set({ issues: { ...get().issues, [issue.id]: issue } })
          break
        }
        case 'run.created':
        case 'run.updated': {
          const { run } = event.payload as EventEnvelope<'run.created'>['payload']
          get().applyRun(run)
          break
        }
      }
    }
  })
