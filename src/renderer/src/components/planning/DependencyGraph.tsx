import { Background, Controls, type Edge, type Node, Position, ReactFlow } from '@xyflow/react'
import { useEffect, useMemo, useState } from 'react'
import type { WorkItem } from '../../../../shared/domain'
import { layoutGraph } from './graph-layout'

/** Work items and their dependencies, dependencies on the left; cycle members are outlined in red. */
export function DependencyGraph({ items, cycle }: { items: WorkItem[]; cycle: string[] }) {
  const [laid, setLaid] = useState<{ key: string; positions: Record<string, { x: number; y: number }> } | null>(null)
  const positions = laid?.positions ?? {}
  const keys = useMemo(() => new Set(items.map((i) => i.key)), [items])
  const edgesIn = useMemo(() => items.flatMap((i) => i.depends_on.filter((d) => keys.has(d)).map((d) => ({ id: `${d}>${i.key}`, source: d, target: i.key }))), [items, keys])
  useEffect(() => {
    let live = true
    const key = edgesIn.map((e) => e.id).join() + items.map((i) => i.key).join()
    void layoutGraph({ nodes: items.map((i) => ({ id: i.key, width: 170, height: 44 })), edges: edgesIn }).then((p) => live && setLaid({ key, positions: p }))
    return () => {
      live = false
    }
  }, [items, edgesIn])
  const inCycle = new Set(cycle)
  const nodes: Node[] = items.map((i) => ({
    id: i.key,
    position: positions[i.key] ?? { x: 0, y: 0 },
    data: { label: `${i.key} · ${i.title}` },
    sourcePosition: Position.Right,
    targetPosition: Position.Left,
    style: { width: 170, fontSize: 11, padding: 4, border: inCycle.has(i.key) ? '2px solid var(--fd-danger)' : i.category === 'test' ? '1px dashed var(--fd-ok)' : undefined }
  }))
  const edges: Edge[] = edgesIn.map((e) => ({ ...e, style: { stroke: 'var(--fd-muted)' } }))
  return (
    <div className="h-full w-full" data-testid="dependency-graph">
      {laid && <ReactFlow key={laid.key} nodes={nodes} edges={edges} fitView minZoom={0.05} nodesConnectable={false} proOptions={{ hideAttribution: true }}>
        <Background gap={16} />
        <Controls showInteractive={false} />
      </ReactFlow>}
    </div>
  )
}
