import type { ConnectionSlice } from './connection.slice'
import type { DataSlice } from './data.slice'
import type { UiSlice } from './ui.slice'

export type AppState = DataSlice & UiSlice & ConnectionSlice
