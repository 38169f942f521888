/** What the layout needs of a graph, and what it returns: top-left positions by node id. */
export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[]
  edges: { id: string; source: string; target: string }[]
}
export type LayoutResult = Record<string, { x: number; y: number }>

interface ElkLike {
  layout(graph: object): Promise<{ children?: { id: string; x?: number; y?: number }[] }>
}

/** Layered left-to-right layout with elkjs; the caller decides where it runs (a worker, off the UI thread). */
/** The elk graph and options the wireframe uses (the benchmark lays out the same). */
export function elkGraph(input: LayoutInput) {
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '30',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
      // Large wireframes: one sweep of crossing minimisation keeps 2,000 nodes to seconds, not minutes.
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
