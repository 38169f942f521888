import type { SystemInfo } from '../../shared/contract'
import { IssueService } from './issues/issue.service'
import { RepoService } from './repos/repo.service'
import type { Store } from './store'

export interface Services {
  store: Store
  system: { info(): SystemInfo }
  repos: RepoService
  issues: IssueService
}

export function createServices(store: Store, facts: Omit<SystemInfo, 'lastEventSeq'>): Services {
  return {
    store,
    system: { info: () => ({ ...facts, lastEventSeq: store.events.lastSeq() }) },
    repos: new RepoService(store),
    issues: new IssueService(store)
  }
}
