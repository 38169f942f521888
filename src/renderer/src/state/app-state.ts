import type { FiltersSlice } from './filters.slice'
import type { ForumSlice } from './forum.slice'
import type { GridSlice } from './grid.slice'
import type { NotificationsSlice } from './notifications.slice'
import type { OverlaySlice } from './overlay.slice'
import type { SettingsSlice } from './settings.slice'
import type { ConnectionSlice } from './connection.slice'
import type { DataSlice } from './data.slice'
import type { RunsSlice } from './runs.slice'
import type { UiSlice } from './ui.slice'
import type { ViewSlice } from './view.slice'

export type AppState = DataSlice & RunsSlice & UiSlice & ViewSlice & ConnectionSlice &
  FiltersSlice & NotificationsSlice & GridSlice & SettingsSlice & OverlaySlice & ForumSlice
