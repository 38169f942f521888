import { Worker } from 'node:worker_threads'

export interface GitProcessResult {
  stdout: string
  stderr: string
  /** The exit code; 128 + n for a git killed by signal n. */
  exitCode: number
}

/**
 * The worker's whole program, inline so it needs no file of its own in the bundle (Node built-ins only).
 * Each request runs one git and answers with its output; a git that could not start answers with the error.
 */
// process.getBuiltinModule, not require: an eval'd worker inherits --input-type=module (scripts/bench.js runs
// with it), and there require is not defined.
const program = `
const { parentPort } = process.getBuiltinModule('node:worker_threads')
const { spawn } = process.getBuiltinModule('node:child_process')
const { constants } = process.getBuiltinModule('node:os')
parentPort.on('message', ({ id, cwd, args, env }) => {
  let child
  try {
    child = spawn('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    return parentPort.postMessage({ id, error: String(error && error.message || error) })
  }
  const out = [], err = []
  child.stdout.on('data', (d) => out.push(d))
  child.stderr.on('data', (d) => err.push(d))
  child.stdout.on('error', () => {})
  child.stderr.on('error', () => {})
  child.on('error', (error) => parentPort.postMessage({ id, error: error.message }))
  child.on('close', (code, signal) => parentPort.postMessage({
    id,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    exitCode: code ?? 128 + (constants.signals[signal] || 0)
  }))
})
`

type Reply = { id: number; error: string } | ({ id: number } & GitProcessResult)

/**
 * Runs git processes from a worker thread. Starting a process blocks the calling thread until the child has
 * exec'd (a few milliseconds on a loaded machine); the core starts thousands of gits an hour, and from its
 * main thread that stalled its event loop (a soak of 8 agents: 2,410 spawns, 9 s of a 40 s run). One worker,
 * started on first use, unref'd, and started again if it ever dies (its pending calls fail with the reason).
 */
export class GitThread {
  private worker: Worker | undefined
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (r: GitProcessResult) => void; reject: (e: Error) => void }>()

  run(cwd: string, args: readonly string[], env: Record<string, string>): Promise<GitProcessResult> {
    const worker = this.started()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      if (this.pending.size === 1) worker.ref()
      worker.postMessage({ id, cwd, args: [...args], env })
    })
  }

  private started(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(program, { eval: true })
    worker.unref()
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id)
      if (!waiting) return
      this.pending.delete(reply.id)
      if (this.pending.size === 0) worker.unref()
      if ('error' in reply) waiting.reject(new Error(reply.error))
      else waiting.resolve(reply)
    })
    const lost = (why: string) => {
      if (this.worker !== worker) return
      this.worker = undefined
      for (const { reject } of this.pending.values()) reject(new Error(`the git thread stopped: ${why}`))
      this.pending.clear()
    }
    worker.on('error', (error) => lost(error.message))
    worker.on('exit', (code) => lost(`exit code ${code}`))
    this.worker = worker
    return worker
  }
}
