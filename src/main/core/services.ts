import type { SystemInfo } from '../../shared/contract'
import { ApiError } from '../../shared/errors'
import { AgentCatalog } from './agents/agent-catalog'
import { IssueService } from './issues/issue.service'
import { RepoService } from './repos/repo.service'
import type { RunDeps } from './runs/run-context'
import { RunEngine } from './runs/run-engine'
import { RunService } from './runs/run.service'
import type { PtyHostCommand } from './sessions/pty-host.client'
import { SessionManager } from './sessions/session-manager'
import { SettingsService } from './settings/settings.service'
import type { Store } from './store'
import { StreamRegistry } from './streams'
import { createWorkspaceService } from './workspaces'

export interface Services {
  store: Store
  system: { info(): SystemInfo }
  repos: RepoService
  issues: IssueService
  runs: RunService
  settings: SettingsService
  /** Sources of the ephemeral streams the transports carry. */
  streams: StreamRegistry
  /** Closes what the services hold open (the pty host connection stays optional). */
  close(quitting: boolean): Promise<void>
}

export interface ServiceOptions {
  home: string
  facts: Omit<SystemInfo, 'lastEventSeq'>
  /** How to start the pty host when none is running. */
  ptyHost?: PtyHostCommand
  /** How agent hooks call back into Flightdeck's CLI. */
  cliCommand?: readonly string[]
}

export function createServices(store: Store, options: ServiceOptions): Services {
  const issues = new IssueService(store)
  const settings = new SettingsService(store)
  const workspaces = createWorkspaceService()
  let sessions: Promise<SessionManager> | undefined
  const deps: RunDeps = {
    store,
    home: options.home,
    issues,
    workspaces,
    agents: new AgentCatalog(),
    cliCommand: options.cliCommand ?? [],
    settings: () => settings.get(),
    sessions() {
      if (!options.ptyHost) return Promise.reject(new ApiError('unavailable', 'this Flightdeck process was started without a pty host'))
      sessions ??= SessionManager.connect({ home: options.home, hostCommand: options.ptyHost })
      return sessions
    }
  }
  const engine = new RunEngine(deps)
  const streams = new StreamRegistry()
  streams.register('terminal', async (key, listener) => (await engine.hubFor()).watch(key, listener))
  return {
    store,
    system: { info: () => ({ ...options.facts, lastEventSeq: store.events.lastSeq() }) },
    repos: new RepoService(store),
    issues,
    runs: new RunService(deps, engine),
    settings,
    streams,
    async close(quitting) {
      await engine.close(quitting)
      workspaces.dispose()
      if (sessions) (await sessions.catch(() => undefined))?.close()
    }
  }
}
