import type { SystemInfo, SystemMetrics } from '../../shared/contract'
import { ProcessMetrics } from './runtime/process-metrics'
import { ApiError } from '../../shared/errors'
import { AgentCatalog } from './agents/agent-catalog'
import { AgentChannel } from './forum/agent-channel'
import { AgentGateway } from './agent-gateway/gateway.server'
import { EgressGateway } from './egress/egress.server'
import { runDoctor } from './sandbox/doctor'
import { ForumEngine } from './forum/forum-engine'
import { ForumService } from './forum/forum.service'
import { IssueService } from './issues/issue.service'
import type { SecretStore } from './secrets/secret-store'
import { Secrets } from './secrets/secrets'
import { resolveModelConfig } from './model/model-config'
import { PlanContext } from './planning/plan-context'
import { PlanService } from './planning/plan.service'
import { RepoService } from './repos/repo.service'
import type { RunDeps } from './runs/run-context'
import { RunEngine } from './runs/run-engine'
import { RunCommandService } from './environments/run-commands'
import { RunService } from './runs/run.service'
import type { PtyHostCommand } from './sessions/pty-host.client'
import type { NodeCommand } from './runtime/node-command'
import { SessionManager } from './sessions/session-manager'
import { SettingsService } from './settings/settings.service'
import type { Store } from './store'
import { StreamRegistry } from './streams'
import { createGitRunner, createWorkspaceService } from './workspaces'
import { GateService } from './gates/gate.service'
import { GovernanceService } from './governance/governance.service'
import { ReviewService } from './review/review.service'
import { LandingService } from './landing/landing.service'
import { LandingWorker, type LandingWorkerOptions } from './landing/landing-worker'
import { UsageEngine } from './usage/usage-engine'
import { UsageService } from './usage/usage.service'
import { CommentService } from './comments/comments.service'
import { NotificationService } from './notifications/notifications.service'
import { HostService } from './hosts/hosts.service'
import { FleetService } from './fleet/fleet.service'

export interface Services {
  store: Store
  system: { info(): SystemInfo; metrics(): SystemMetrics }
  repos: RepoService
  issues: IssueService
  runs: RunService
  settings: SettingsService
  /** Doctrine, governance checks, violations and overrides. */
  governance: GovernanceService
  /** The AI grader's plan and completion reviews. */
  reviews: ReviewService
  /** Start and close gates; the run engine consults them too. */
  gates: GateService
  /** API keys and tokens: presence only ever leaves the core. */
  secrets: Secrets
  /** The planning rail: PRD -> architecture pack -> decomposition -> issues. */
  planning: PlanService
  forum: ForumService
  /** The landing queue; its worker starts with the run engine. */
  landing: LandingService
  /** What agents reach through `flightdeck mcp` and signal files, on behalf of one run. */
  agentChannel: AgentChannel
  /** Signal-file pickup and SLA escalation; started with the run engine. */
  forumEngine: ForumEngine
  /** Each active run's socket for its sandboxed agent's hooks and MCP server; started with the run engine. */
  agentGateway: AgentGateway
  /** Network allow-list proxies and key relays of live sandboxed runs; started with the run engine. */
  egress: EgressGateway
  /** Token and cost usage, and budgets. */
  usage: UsageService
  /** Review comments on runs' diffs, for their agents. */
  comments: CommentService
  /** The notification center's records (written by the notification projector, see core.ts). */
  notifications: NotificationService
  /** Remote hosts over SSH. */
  hosts: HostService
  /** The OTLP receiver, transcript reading and budget checks; started with the run engine. */
  usageEngine: UsageEngine
  /** The fleet catalog and the dependency graph between repositories. */
  fleet: FleetService
  /** Checks of the machine (`flightdeck doctor`). */
  doctor: { run(): ReturnType<typeof runDoctor> }
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
  /** How agents' hooks and MCP server run Flightdeck's CLI; without it agents get neither. */
  cliCommand?: NodeCommand
  /** Where secrets live: the OS keychain, or the 0600 file (see openSecretStore). */
  secretStore: SecretStore
  /** Lease and polling of the landing queue's worker (tests shorten them). */
  landing?: LandingWorkerOptions
  /** How often running agents' health is checked (tests shorten it). */
  healthIntervalMs?: number
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
    cliCommand: options.cliCommand,
    settings: () => settings.get(),
    sessions() {
      if (!options.ptyHost) return Promise.reject(new ApiError('unavailable', 'this Flightdeck process was started without a pty host'))
      sessions ??= SessionManager.connect({ home: options.home, hostCommand: options.ptyHost })
      return sessions
    }
  }
  const engine = new RunEngine(deps, options.healthIntervalMs)
  const metrics = new ProcessMetrics(options.facts.dbPath)
  const runs = new RunService(deps, engine, new RunCommandService({ store, home: options.home, sessions: () => engine.terminals() }))
  const agentChannel = new AgentChannel(store, issues)
  const forumEngine = new ForumEngine(store, agentChannel)
  const agentGateway = new AgentGateway(store, options.home, agentChannel)
  const streams = new StreamRegistry()
  streams.register('terminal', (runId, listener) => runs.watchTerminal(runId, listener))
  const secrets = new Secrets(options.secretStore, store)
  const egress = new EgressGateway(store, options.home, secrets)
  deps.egress = egress
  deps.secrets = secrets
  const planning = new PlanService(new PlanContext(store, options.home, settings, secrets))
  const governance = new GovernanceService(store, workspaces, createGitRunner())
  const reviews = new ReviewService(store, governance, workspaces, async () => resolveModelConfig(await settings.get(), secrets, 'grading'))
  const gates = new GateService({ store, home: options.home, governance, reviews, workspaces, issues })
  deps.gates = gates
  streams.register('planChat', (key, listener) => planning.ctx.chat.watch(key, listener))
  const forum = new ForumService(store, issues)
  deps.escalate = async (t) => void (await forum.ask({ kind: 'blocker', ...t, priority: 'high', options: [], author: 'flightdeck' }))
  const landingDeps = { run: deps, git: createGitRunner(), forum, secrets }
  const landing = new LandingService(landingDeps, new LandingWorker(landingDeps, options.landing))
  const usage = new UsageService(store, (runId) => engine.resume(runId))
  const usageEngine = new UsageEngine({ store, home: options.home, issues, killSession: async (id) => (await engine.terminals()).kill(id, 'SIGTERM') })
  return {
    store,
    system: { info: () => ({ ...options.facts, lastEventSeq: store.events.lastSeq() }), metrics: () => metrics.read() },
    repos: new RepoService(store),
    issues,
    runs,
    settings,
    governance,
    reviews,
    gates,
    secrets,
    planning,
    forum,
    landing,
    agentChannel,
    forumEngine,
    agentGateway,
    egress,
    usage,
    usageEngine,
    comments: new CommentService(deps),
    notifications: new NotificationService(store),
    hosts: new HostService(store),
    fleet: new FleetService(store, createGitRunner()),
    doctor: { run: () => runDoctor({ store, home: options.home, secrets }) },
    streams,
    async close(quitting) {
      metrics.close()
      forumEngine.stop()
      agentGateway.close()
      egress.close()
      await usageEngine.close()
      await landing.worker.stop()
      await engine.close(quitting)
      workspaces.dispose()
      if (sessions) (await sessions.catch(() => undefined))?.close()
    }
  }
}
