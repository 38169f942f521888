import type { StateCreator } from 'zustand/vanilla'
import type { EventEnvelope } from '../../../shared/contract'
import type { ForumStats, ForumThread } from '../../../shared/domain'
import type { Client } from '../../../shared/transport'
import type { AppState } from './app-state'

export interface ForumSlice {
  /** Open threads, the ones waiting for the operator first (the core's inbox order). */
  forumInbox: ForumThread[]
  forumStats: ForumStats | null
  forumError: string | null
  /** The thread open in the forum view. */
  openThreadId: string | null
  /** Bumped on every forum event: views showing a thread reload when it changes. */
  forumVersion: number
  refreshForum(): Promise<void>
  /** Folds a committed event: forum events refresh the inbox; an SLA breach raises a notification. */
  applyForumEvent(event: EventEnvelope): void
  /** Opens a thread in the inbox (going there); it has a URL (?thread=). `replace`: no new history entry. */
  openThread(threadId: string | null, replace?: boolean): void
}

export const createForumSlice =
  (client: Client): StateCreator<AppState, [], [], ForumSlice> =>
  (set, get) => {
    let pending: ReturnType<typeof setTimeout> | undefined
    // A burst of events (an answer is a post, a state move and a run move) costs one refetch.
    const scheduleRefresh = () => {
      clearTimeout(pending)
      pending = setTimeout(() => void get().refreshForum(), 50)
    }
    return {
      forumInbox: [],
      forumStats: null,
      forumError: null,
      openThreadId: null,
      forumVersion: 0,
      async refreshForum() {
        try {
          const [forumInbox, forumStats] = await Promise.all([client.invoke('forum.inbox', { limit: 500 }), client.invoke('forum.stats', {})])
          set({ forumInbox, forumStats, forumError: null })
        } catch (error) {
          set({ forumError: error instanceof Error ? error.message : String(error) })
        }
      },
      applyForumEvent(event) {
        if (!event.topic.startsWith('forum.')) return
        set({ forumVersion: get().forumVersion + 1 })
        scheduleRefresh()
      },
      openThread: (threadId, replace) => get().goTo(threadId ? { view: 'inbox', runId: null, runTab: null, threadId } : { threadId: null }, replace)
    }
  }

/** The blocked-work count of the forum: questions and blockers waiting for the operator. */
export const selectOpenQuestions = (s: AppState): number => s.forumStats?.openQuestions ?? 0
