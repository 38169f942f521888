import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { AppContext } from './app/context'
import { createAppStore } from './state/app.store'
import { applyTheme } from './theme'
import { connect } from './transport/connect'
import './styles.css'

applyTheme()
const connection = connect()
const store = createAppStore(connection.client)
connection.client.subscribe((event) => store.getState().applyEvent(event))
connection.onConnection((state) => {
  store.getState().setConnection(state)
  // After a (re)connect, fetch everything again: events missed while away are folded into the snapshot.
  if (state === 'open') void store.getState().refresh()
})

const root = document.getElementById('root')
if (!root) throw new Error('#root is missing from index.html')
createRoot(root).render(
  <StrictMode>
    <AppContext.Provider value={{ store, client: connection.client }}>
      <App />
    </AppContext.Provider>
  </StrictMode>
)
