import type { Host } from '../../../../shared/host'
import type { Client } from '../../../../shared/transport'
import type { AppStore } from '../../state/app.store'
import { runNavigationOrder } from '../../state/run-board.selectors'
import { applyTheme, storedTheme } from '../../theme'
import { railViews } from '../nav/views'

export interface ActionContext {
  store: AppStore
  client: Client
  host: Host
}

/** A frequent action: in the palette, and on a key when it has one. */
export interface AppAction {
  id: string
  label: string
  group: 'Go to' | 'Runs' | 'Issues' | 'App'
  /** Keys as shown in the sheet; `mod` is Ctrl (⌘ on macOS). */
  keys?: string[]
  run(ctx: ActionContext): void
}

const say = (ctx: ActionContext, title: string, body = '') =>
  ctx.store.getState().pushNotification({ id: `say:${title}:${Date.now()}`, title, body, severity: 'info', target: { kind: 'view', view: ctx.store.getState().view } })

function stepRun(ctx: ActionContext, delta: 1 | -1): void {
  const s = ctx.store.getState()
  const order = runNavigationOrder(s.runs, s.issues, s)
  if (order.length === 0) return say(ctx, 'No runs to move through')
  const at = order.findIndex((r) => r.id === s.openRunId)
  const next = order[at === -1 ? (delta === 1 ? 0 : order.length - 1) : (at + delta + order.length) % order.length]
  if (next) s.openRun(next.id)
}

/** Every action of the palette and the shortcuts, in the order the sheet lists them. */
export function appActions(): AppAction[] {
  const go: AppAction[] = railViews().map((v, i) => ({
    id: `go-${v.id}`,
    label: `Go to ${v.label}`,
    group: 'Go to',
    keys: [String(i + 1)],
    run: ({ store }) => store.getState().showView(v.id)
  }))
  return [
    ...go,
    { id: 'go-settings', label: 'Open settings', group: 'Go to', keys: [','], run: ({ store }) => store.getState().showView('settings') },
    {
      id: 'new-issue',
      label: 'New issue',
      group: 'Issues',
      keys: ['c'],
      run: (ctx) => (ctx.store.getState().repos.length ? ctx.store.getState().openDialog('new-issue') : say(ctx, 'Register a repository first'))
    },
    {
      id: 'start-run',
      label: 'Start a run on the selected issue',
      group: 'Runs',
      keys: ['s'],
      run(ctx) {
        const s = ctx.store.getState()
        if (!s.selectedIssueId) return say(ctx, 'Select an issue first', 'Click an issue on the board, then press s.')
        s.showView('board')
        requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid=start-run] input:not(:disabled), [data-testid=start-run] button[type=submit]')?.focus())
      }
    },
    {
      id: 'jump-waiting',
      label: 'Jump to a run that waits on you',
      group: 'Runs',
      keys: ['w'],
      run(ctx) {
        const s = ctx.store.getState()
        const item = s.blocked.find((b) => b.target.kind === 'run' && b.target.runId !== s.openRunId) ?? s.blocked[0]
        if (!item || item.target.kind !== 'run') return say(ctx, 'Nothing is waiting on you')
        s.openRun(item.target.runId)
      }
    },
    {
      id: 'merge',
      label: 'Land the open run (queue it to merge)',
      group: 'Runs',
      keys: ['m'],
      run(ctx) {
        const s = ctx.store.getState()
        const run = s.view === 'run' && s.openRunId ? s.runs[s.openRunId] : undefined
        if (!run) return say(ctx, 'Open a run to land it')
        if (run.state !== 'ready_to_merge') return say(ctx, 'This run cannot merge yet', `It is ${run.state.replaceAll('_', ' ')}, not ready to merge.`)
        // The run view's Land button takes it: the same confirmation and the same refusal in words as a click.
        s.requestRunAction({ runId: run.id, action: 'merge' })
      }
    },
    { id: 'next-run', label: 'Next run', group: 'Runs', keys: ['j'], run: (ctx) => stepRun(ctx, 1) },
    { id: 'prev-run', label: 'Previous run', group: 'Runs', keys: ['k'], run: (ctx) => stepRun(ctx, -1) },
    { id: 'palette', label: 'Command palette', group: 'App', keys: ['mod+k'], run: ({ store }) => store.getState().setOverlay('palette') },
    { id: 'notifications', label: 'Notifications', group: 'App', keys: ['n'], run: ({ store }) => store.getState().toggleCenter() },
    {
      id: 'theme',
      label: 'Switch light / dark',
      group: 'App',
      keys: ['t'],
      run({ client }) {
        const dark = document.documentElement.classList.contains('dark')
        const theme = dark ? 'light' : 'dark'
        applyTheme(theme)
        void client.invoke('settings.update', { patch: { theme } }).catch(() => applyTheme(storedTheme()))
      }
    },
    { id: 'shortcuts', label: 'Keyboard shortcuts', group: 'App', keys: ['?'], run: ({ store }) => store.getState().setOverlay('shortcuts') }
  ]
}
