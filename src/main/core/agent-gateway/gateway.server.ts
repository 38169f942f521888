import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import type { Run } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { AgentChannel, AgentStatusState } from '../forum/agent-channel'
import { createLineDecoder } from '../sessions/pty-host.protocol'
import type { Store } from '../store'
import { drainSignals } from './signal-inbox'
import { type AgentOp, type GatewayRequest, type GatewayResponse, agentOps, agentSocketPath, gatewayRequestSchema } from './gateway.protocol'

/** A request is a question or a hook's JSON: 1 MiB is far more than either needs. */
const MAX_LINE_CHARS = 1024 * 1024

/** Runs whose agent may be calling in: Claude Code, for one, stays at its prompt after its turn ends. */
const servedStates = new Set<Run['state']>(['preparing', 'running', 'waiting', 'validating', 'ready_to_merge', 'queued_to_land'])

/**
 * Serves each active run's agent socket from the engine. A request is checked against the run's current
 * token, then handled by the same AgentChannel the local MCP path uses; an operator operation (or anything
 * unknown) is refused and recorded as an `agent.refused` event.
 */
export class AgentGateway {
  private readonly servers = new Map<string, net.Server>()
  private off?: () => void

  constructor(
    private readonly store: Store,
    private readonly home: string,
    private readonly channel: AgentChannel
  ) {}

  async start(): Promise<void> {
    this.off = this.store.feed.subscribe((event) => {
      if (event.topic !== 'run.created' && event.topic !== 'run.updated') return
      const run = (event.payload as { run: Run }).run
      if (servedStates.has(run.state)) this.serve(run.id)
      else this.stop(run.id)
    })
    const active = await this.store.db.selectFrom('runs').select('id').where('state', 'in', [...servedStates]).execute()
    for (const { id } of active) this.serve(id)
  }

  close(): void {
    this.off?.()
    for (const id of [...this.servers.keys()]) this.stop(id)
  }

  private serve(runId: string): void {
    if (this.servers.has(runId)) return
    const file = agentSocketPath(this.home, runId)
    const server = net.createServer((socket) => this.connection(runId, socket))
    server.on('error', (error) => console.error(`agent gateway: run ${runId}: ${error.message}`))
    this.servers.set(runId, server)
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
    fs.rmSync(file, { force: true })
    server.listen(file, () => {
      // Another engine serving the same run may have replaced the socket file in between: say so, never throw.
      try {
        fs.chmodSync(file, 0o600)
      } catch (error) {
        console.error(`agent gateway: run ${runId}: ${error instanceof Error ? error.message : error}`)
      }
    })
    // Signals its hooks left while no engine served the run, in order, before anything new.
    void drainSignals(this.store, this.home, runId).catch((error: unknown) => console.error(`agent gateway: run ${runId}: inbox: ${error instanceof Error ? error.message : error}`))
  }

  private stop(runId: string): void {
    const server = this.servers.get(runId)
    if (!server) return
    this.servers.delete(runId)
    server.close()
    fs.rmSync(agentSocketPath(this.home, runId), { force: true })
  }

  private connection(runId: string, socket: net.Socket): void {
    socket.setEncoding('utf8')
    socket.on('error', () => socket.destroy())
    const send = (response: GatewayResponse) => socket.writable && socket.write(`${JSON.stringify(response)}\n`)
    const decode = createLineDecoder((line) => {
      let request: GatewayRequest
      try {
        request = gatewayRequestSchema.parse(JSON.parse(line))
      } catch {
        return void socket.destroy()
      }
      this.handle(runId, request).then(
        (value) => send({ id: request.id, ok: true, value: value ?? null }),
        (error: unknown) => {
          const known = error instanceof ApiError
          if (!known) console.error(`agent gateway: run ${runId}: ${request.op} failed:`, error)
          send({ id: request.id, ok: false, error: { code: known ? error.code : 'internal', message: error instanceof Error ? error.message : String(error) } })
        }
      )
    })
    // An agent cannot make the engine hold an endless line: past the cap the connection is dropped.
    let pending = 0
    socket.on('data', (chunk: string) => {
      const nl = chunk.lastIndexOf('\n')
      pending = nl === -1 ? pending + chunk.length : chunk.length - nl - 1
      if (pending > MAX_LINE_CHARS) return void socket.destroy()
      decode(chunk)
    })
  }

  private async handle(runId: string, { op, token, args }: GatewayRequest): Promise<unknown> {
    const run = await this.channel.verify(runId, token)
    if (!(agentOps as readonly string[]).includes(op) || op === 'refused') {
      const what = op === 'refused' ? String(args.command ?? 'an operator command') : `the operation "${op}"`
      await this.store.write(async (tx) => void tx.emit('agent.refused', runId, { runId, what }))
      throw new ApiError('unauthorized', `${what} is an operator's action; an agent cannot do it (recorded)`)
    }
    const str = (k: string) => String(args[k] ?? '')
    switch (op as AgentOp) {
      case 'verify':
        return { runId: run.id, issueId: run.issueId }
      case 'signal':
        await this.store.write(async (tx) => void tx.emit('run.signal', run.id, { runId: run.id, hook: str('hook').slice(0, 64), payload: (args.payload ?? {}) as Record<string, unknown> }))
        return null
      case 'ask':
        return this.channel.ask(run, { question: str('question'), options: Array.isArray(args.options) ? args.options.map(String) : [], blocking: args.blocking !== false, channel: 'mcp' })
      case 'wait':
        return this.channel.waitForAnswer(str('threadId'))
      case 'status':
        await this.channel.reportStatus(run, str('state') as AgentStatusState, str('note'))
        return null
      case 'complete':
        await this.channel.markComplete(run, str('summary'), Array.isArray(args.doneCriteria) ? args.doneCriteria.map(String) : [])
        return null
      case 'briefing':
        return { markdown: (await this.channel.briefing(run)).markdown }
      default:
        throw new ApiError('unknown_command', `unknown agent operation ${op}`)
    }
  }
}
