import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { AppRouter } from './routing/AppRouter'
import { AppContext } from './app/context'
import { HostContext, pickHost } from './host/host-context'
import { wireHost } from './host/wire-host'
import { createAppStore } from './state/app.store'
import { applyTheme } from './theme'
import { connect } from './transport/connect'
import './styles.css'

applyTheme()
const connection = connect()
const store = createAppStore(connection.client)
const host = pickHost()
connection.client.subscribe((event) => store.getState().applyEvent(event))
connection.client.subscribe((event) => store.getState().applyForumEvent(event))
const hostWiring = wireHost(store, connection.client, host)
connection.onConnection((state) => {
  store.getState().setConnection(state)
  // After a (re)connect, fetch everything again: events missed while away are folded into the snapshot.
  if (state === 'open') void store.getState().refresh().then(() => hostWiring.afterRefresh())
  if (state === 'open') void store.getState().refreshForum()
})

const root = document.getElementById('root')
if (!root) throw new Error('#root is missing from index.html')
createRoot(root).render(
  <StrictMode>
    <AppContext.Provider value={{ store, client: connection.client }}>
      <HostContext.Provider value={host}>
        <AppRouter>
          <App />
        </AppRouter>
      </HostContext.Provider>
    </AppContext.Provider>
  </StrictMode>
)
