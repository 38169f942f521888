import dagre from '@dagrejs/dagre'
import type { LayoutInput, LayoutResult } from '../../../../shared/elk-layout'

/** Up to this many nodes dagre lays out on the main thread in a few ms; beyond it, elk runs in a worker. */
export const DAGRE_LIMIT = 150

function dagreLayout(input: LayoutInput): LayoutResult {
  const g = new dagre.graphlib.Graph()
  g.setGraph({ rankdir: 'LR', nodesep: 30, ranksep: 70 })
  g.setDefaultEdgeLabel(() => ({}))
  for (const n of input.nodes) g.setNode(n.id, { width: n.width, height: n.height })
  for (const e of input.edges) g.setEdge(e.source, e.target)
  dagre.layout(g)
  return Object.fromEntries(input.nodes.map((n) => {
    const p = g.node(n.id) as { x: number; y: number }
    return [n.id, { x: p.x - n.width / 2, y: p.y - n.height / 2 }]
  }))
}

let worker: Worker | undefined
let nextId = 0
const pending = new Map<number, { resolve(r: LayoutResult): void; reject(e: Error): void }>()

function elkInWorker(input: LayoutInput): Promise<LayoutResult> {
  if (!worker) {
    worker = new Worker(new URL('../../workers/elk.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (event: MessageEvent<{ id: number; positions?: LayoutResult; error?: string }>) => {
      const waiter = pending.get(event.data.id)
      pending.delete(event.data.id)
      if (event.data.positions) waiter?.resolve(event.data.positions)
      else waiter?.reject(new Error(event.data.error ?? 'layout failed'))
    }
  }
  const id = ++nextId
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject })
    worker?.postMessage({ id, input })
  })
}

export function layoutGraph(input: LayoutInput): Promise<LayoutResult> {
  return input.nodes.length <= DAGRE_LIMIT ? Promise.resolve(dagreLayout(input)) : elkInWorker(input)
}
