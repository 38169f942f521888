import { execFile } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { promisify } from 'node:util'
import { bwrapArgv } from '../src/main/core/sandbox/bwrap'
import type { SandboxPlan } from '../src/main/core/sandbox/sandbox-plan'
import { parseRules } from '../src/main/core/egress/allow-list'
import { forwardPort, proxyUrl } from '../src/main/core/egress/egress-config'
import { createEgressProxy } from '../src/main/core/egress/egress-proxy'
import { egressPrefix } from '../src/main/core/egress/forwarder'
import type { BenchResult } from './bench-result'

const run = promisify(execFile)
const MB = 50
const TRIES = 5
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number
const round = (x: number) => Math.round(x * 100) / 100

/**
 * The network allow-list's cost: a 50 MB download by curl inside the sandbox through the forwarder and
 * Flightdeck's proxy (plain HTTP, and a CONNECT tunnel), against the same download with the host's network
 * (sandbox.network "on"), in the same run and interleaved; and the start-up the forwarder adds to a session.
 * The proxy runs in this process, as it runs in the engine.
 */
export async function egressBench(plan: SandboxPlan, bwrap: string, perl: string | null, runDir: string): Promise<BenchResult[]> {
  const curl = ['/usr/bin/curl'].find((p) => fs.existsSync(p))
  if (!perl || !curl) return [{ name: 'sandbox.egress.unavailable', value: 0, unit: !perl ? 'perl is missing' : 'curl is missing' }]
  const blob = Buffer.alloc(MB * 1024 * 1024, 120)
  const origin = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-length': blob.length })
    res.end(blob)
  })
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(origin.address() as AddressInfo).port}/blob`
  const socketPath = path.join(runDir, 'egress.sock')
  const proxy = createEgressProxy({ port: forwardPort, rules: parseRules([new URL(url).host]), allowText: [new URL(url).host], token: 'bench', relays: [], keyOf: async () => undefined, refused: () => {} })
  await new Promise<void>((resolve) => proxy.listen(socketPath, resolve))
  try {
    const listed = (argv: string[]) => bwrapArgv({ ...plan, network: 'allow-list' }, argv, bwrap, egressPrefix(perl, forwardPort, socketPath))
    const shared = (argv: string[]) => bwrapArgv({ ...plan, network: 'on' }, argv, bwrap)
    const timed = async (argv: string[]) => {
      const { stdout } = await run(argv[0]!, argv.slice(1), { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', http_proxy: proxyUrl, https_proxy: proxyUrl } })
      const [size, seconds] = stdout.trim().split(' ').map(Number)
      if (size !== blob.length) throw new Error(`the download brought ${size} bytes, not ${blob.length}`)
      return MB / (seconds as number)
    }
    const get = (...extra: string[]) => [curl, '-s', '-o', '/dev/null', '-w', '%{size_download} %{time_total}', ...extra, url]
    const direct: number[] = []
    const proxied: number[] = []
    const tunnelled: number[] = []
    for (let i = -1; i < TRIES; i++) {
      const a = await timed(shared(get('--noproxy', '*')))
      const b = await timed(listed(get()))
      const c = await timed(listed(get('--proxytunnel')))
      if (i < 0) continue
      direct.push(a)
      proxied.push(b)
      tunnelled.push(c)
    }
    // Start-up: to the exit of /bin/true, with and without the forwarder started first.
    const startup = async (argv: string[]) => {
      const start = performance.now()
      await run(argv[0]!, argv.slice(1))
      return performance.now() - start
    }
    const plain: number[] = []
    const withForwarder: number[] = []
    for (let i = -2; i < 20; i++) {
      const a = await startup(bwrapArgv({ ...plan, network: 'off' }, ['/bin/true'], bwrap))
      const b = await startup(listed(['/bin/true']))
      if (i < 0) continue
      plain.push(a)
      withForwarder.push(b)
    }
    const ratio = (x: number) => round(median(x === 0 ? proxied : tunnelled) / median(direct))
    return [
      { name: 'sandbox.egress.direct', value: round(median(direct)), unit: `MB/s (${MB} MB, network on, median of ${TRIES})` },
      { name: 'sandbox.egress.proxy-http', value: round(median(proxied)), unit: 'MB/s through forwarder + proxy', baseline: round(median(direct)), ratio: ratio(0) },
      { name: 'sandbox.egress.proxy-connect', value: round(median(tunnelled)), unit: 'MB/s through a CONNECT tunnel', baseline: round(median(direct)), ratio: ratio(1) },
      { name: 'sandbox.egress.added-per-download', value: round((MB / median(proxied) - MB / median(direct)) * 1000), unit: `ms the proxy adds to a ${MB} MB download` },
      { name: 'sandbox.egress.startup-added', value: round(median(withForwarder) - median(plain)), unit: 'ms the forwarder adds to a session start (median of 20)', baseline: round(median(plain)), target: '< 50 ms added', pass: median(withForwarder) - median(plain) < 50 }
    ]
  } finally {
    proxy.close()
    origin.close()
  }
}
