import { type ReactNode, useEffect, useState } from 'react'
import { RouterProvider, createHashRouter, useLocation, useNavigate } from 'react-router'
import { pathToRoute, routeToPath } from '../../../shared/routes'
import { useAppStore } from '../app/context'
import { viewIds } from '../components/nav/views'
import { currentRoute } from '../state/view.slice'

/**
 * Keeps the store on the router's location: every location change (a click, Back/Forward, a reload, a deep
 * link) is applied to the store, and filter changes made in the store are written back to the query string
 * (replacing the entry, so typing a filter does not fill the history).
 */
function RouteSync({ children }: { children: ReactNode }) {
  const store = useAppStore()
  const location = useLocation()
  const navigate = useNavigate()
  // Paths this component wrote from the store (a filter being typed), oldest first. Their locations arrive a
  // moment later: applying one would take the store back to an older keystroke, so they are passed over.
  const [written] = useState<string[]>(() => [])

  useEffect(() => {
    store.getState().setNavigate((path, options) => void navigate(path, options))
    return () => store.getState().setNavigate(null)
  }, [store, navigate])

  useEffect(() => {
    const here = `${location.pathname}${location.search}`
    const mine = written.indexOf(here)
    if (mine !== -1) return void written.splice(0, mine + 1)
    written.length = 0
    const route = pathToRoute(location.pathname, location.search)
    if (route.view !== 'run' && !viewIds().includes(route.view)) route.view = 'board'
    store.getState().applyRoute(route)
    const canonical = routeToPath(route)
    if (canonical !== `${location.pathname}${location.search}`) void navigate(canonical, { replace: true })
  }, [store, location.pathname, location.search, navigate, written])

  useEffect(
    () =>
      store.subscribe((s, prev) => {
        const path = routeToPath(currentRoute(s))
        if (path === routeToPath(currentRoute(prev))) return
        const here = `${window.location.hash.slice(1) || '/'}`
        if (path === here) return
        written.push(path)
        void navigate(path, { replace: true })
      }),
    [store, navigate, written]
  )
  return <>{children}</>
}

/**
 * The router. A hash history (`#/runs?repo=R1`) works the same in the browser (`flightdeck serve`) and in
 * Electron, whose page is loaded from a file or the app's own origin where a path history cannot reload.
 */
export function AppRouter({ children }: { children: ReactNode }) {
  const [router] = useState(() => createHashRouter([{ path: '*', element: <RouteSync>{children}</RouteSync> }]))
  return <RouterProvider router={router} />
}
