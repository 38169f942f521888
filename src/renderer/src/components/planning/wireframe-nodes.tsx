import { Handle, type Node, type NodeProps, Position } from '@xyflow/react'
import { memo } from 'react'
import type { ArchComponent, ComponentType, RelationshipKind } from '../../../../shared/domain'
import { componentTypes } from '../../../../shared/domain'

export type ComponentNodeData = { component: ArchComponent; mark?: 'added' | 'changed' }
export type ComponentFlowNode = Node<ComponentNodeData>

const tone: Record<ComponentType, string> = {
  ui: '#6366f1', service: '#0ea5e9', api: '#0891b2', worker: '#8b5cf6', database: '#f59e0b', queue: '#ec4899',
  cache: '#f97316', storage: '#a16207', gateway: '#14b8a6', external: '#64748b', library: '#84cc16'
}

export const edgeStyle: Record<RelationshipKind, { stroke: string; dash?: string; animated?: boolean }> = {
  calls: { stroke: '#0ea5e9' },
  reads: { stroke: '#22c55e' },
  writes: { stroke: '#f59e0b' },
  publishes: { stroke: '#ec4899', animated: true },
  subscribes: { stroke: '#8b5cf6', animated: true },
  depends_on: { stroke: '#64748b', dash: '6 4' }
}

export const NODE_WIDTH = 190
export const NODE_HEIGHT = 64

/** One card per component; memoized so panning and selecting elsewhere never re-render it. */
const ComponentCard = memo(function ComponentCard({ data, selected }: NodeProps<ComponentFlowNode>) {
  const c = data.component
  const ring = data.mark === 'added' ? 'ring-2 ring-ok' : data.mark === 'changed' ? 'ring-2 ring-warn' : selected ? 'ring-2 ring-accent' : ''
  return (
    <div data-testid={`node-${c.id}`} data-selected={selected ? 'true' : undefined} className={`rounded-md border border-line bg-panel px-2.5 py-1.5 text-left shadow-sm ${ring}`} style={{ width: NODE_WIDTH, borderLeft: `4px solid ${tone[c.type]}` }}>
      <Handle type="target" position={Position.Left} />
      <div className="truncate text-[12px] font-semibold text-fg">{c.name}</div>
      <div className="truncate text-[11px] text-muted">{c.type} · {c.id}</div>
      <div className="text-[10px] text-muted">{c.requirement_ids.length} req</div>
      <Handle type="source" position={Position.Right} />
    </div>
  )
})

/** Node types by component type: same card, registered once at module level as React Flow requires. */
export const nodeTypes = Object.fromEntries(componentTypes.map((t) => [t, ComponentCard]))
