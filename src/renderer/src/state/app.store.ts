import { createStore } from 'zustand/vanilla'
import type { Client } from '../../../shared/transport'
import type { AppState } from './app-state'
import { createCommandCenterSlices } from './command-center.slices'
import { createConnectionSlice } from './connection.slice'
import { createDataSlice } from './data.slice'
import { createForumSlice } from './forum.slice'
import { createNotificationsSlice } from './notifications.slice'
import { createRunsSlice } from './runs.slice'
import { createUiSlice } from './ui.slice'
import { createViewSlice } from './view.slice'

export type { AppState } from './app-state'

/** The renderer's state, built from slices on a vanilla store so its logic runs in Node tests too. */
export function createAppStore(client: Client) {
  return createStore<AppState>()((...a) => ({
    ...createDataSlice(client)(...a),
    ...createForumSlice(client)(...a),
    ...createNotificationsSlice(client)(...a),
    ...createRunsSlice(...a),
    ...createUiSlice(...a),
    ...createViewSlice(...a),
    ...createConnectionSlice(...a),
    ...createCommandCenterSlices(...a)
  }))
}

export type AppStore = ReturnType<typeof createAppStore>
