/** What the layout needs of a graph, and what it returns: top-left positions by node id. */
export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[]
  edges: { id: string; source: string; target: string }[]
}
export type LayoutResult = Record<string, { x: number; y: number }>

interface ElkLike {
  layout(graph: object): Promise<{ children?: { id: string; x?: number; y?: number }[] }>
}

/**
 * The elk graph and options of the wireframe's layered left-to-right layout (the benchmark lays out the
 * same); the caller decides where it runs (a worker, off the UI thread).
 */
export function elkGraph(input: LayoutInput) {
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '30',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
      // Large wireframes: one sweep of crossing minimisation. Each other option was measured on the bench's
      // 2,000-node DAG (2026-11-21): none cut the time beyond noise, and most made the picture worse
      // (CM off: 38x the crossings; SIMPLE placement / POLYLINE routing: 4.5x / 7x wider). Orthogonal routing
      // stays although the renderer draws its own edges: it sizes the layer gaps. The real cost is the cold
      // JIT: the same layout is 2-3x faster in an engine that has run it before.
      'elk.layered.thoroughness': '1'
    },
    children: input.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: input.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }))
  }
}

export async function elkLayout(elk: ElkLike, input: LayoutInput): Promise<LayoutResult> {
  const laid = await elk.layout(elkGraph(input))
  return Object.fromEntries((laid.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]))
}
