import type { StateCreator } from 'zustand/vanilla'
import type { AppState } from './app-state'

export type Dialog = 'new-issue' | 'add-repo' | null

export interface UiSlice {
  /** null shows every repository. */
  repoFilter: string | null
  textFilter: string
  selectedIssueId: string | null
  dialog: Dialog
  setRepoFilter(repoId: string | null): void
  setTextFilter(text: string): void
  /** Opens an issue in the board's drawer (going to the board), or closes the drawer; it has a URL (?issue=). */
  selectIssue(id: string | null): void
  openDialog(dialog: Dialog): void
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  repoFilter: null,
  textFilter: '',
  selectedIssueId: null,
  dialog: null,
  setRepoFilter: (repoFilter) => set({ repoFilter }),
  setTextFilter: (textFilter) => set({ textFilter }),
  selectIssue: (issueId) => get().goTo(issueId ? { view: 'board', runId: null, runTab: null, issueId } : { issueId: null }),
  openDialog: (dialog) => set({ dialog })
})
