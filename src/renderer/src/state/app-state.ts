import type { ConnectionSlice } from './connection.slice'
import type { DataSlice } from './data.slice'
import type { RunsSlice } from './runs.slice'
import type { UiSlice } from './ui.slice'
import type { ViewSlice } from './view.slice'

export type AppState = DataSlice & RunsSlice & UiSlice & ViewSlice & ConnectionSlice
