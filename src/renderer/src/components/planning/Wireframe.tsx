import { Background, Controls, type Edge, MiniMap, ReactFlow, type Connection } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useEffect, useMemo, useState } from 'react'
import type { Architecture, RelationshipKind } from '../../../../shared/domain'
import { relationshipKinds } from '../../../../shared/domain'
import { layoutGraph } from './graph-layout'
import { type ComponentFlowNode, NODE_HEIGHT, NODE_WIDTH, edgeStyle, nodeTypes } from './wireframe-nodes'

export interface WireframeProps {
  architecture: Architecture
  marks?: Record<string, 'added' | 'changed'>
  editable?: boolean
  onConnect?(from: string, to: string): void
  onSelect?(selection: { node?: string; edge?: { from: string; to: string; kind: RelationshipKind } } | null): void
  /** What is selected (drawn with the accent ring or a thicker edge). */
  selection?: { node?: string; edge?: { from: string; to: string } } | null
  testId?: string
}

/** The architecture as a graph: cards by component type, edges by relationship kind, laid out automatically. */
const LIVELY_EDGE_LIMIT = 60

export function Wireframe({ architecture, marks, editable, onConnect, onSelect, selection, testId = 'wireframe' }: WireframeProps) {
  // Positions with the shape they were computed for: the flow remounts (and fits the view) per new layout.
  const [laid, setLaid] = useState<{ key: string; positions: Record<string, { x: number; y: number }> } | null>(null)
  const positions = laid?.positions ?? {}
  const layoutKey = useMemo(() => JSON.stringify([architecture.components.map((c) => c.id), architecture.relationships.map((r) => `${r.from}>${r.to}`)]), [architecture])
  useEffect(() => {
    let live = true
    void layoutGraph({
      nodes: architecture.components.map((c) => ({ id: c.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
      edges: architecture.relationships.map((r) => ({ id: `${r.from}>${r.to}`, source: r.from, target: r.to }))
    }).then((p) => live && setLaid({ key: layoutKey, positions: p }))
    return () => {
      live = false
    }
    // Layout only when the shape changes, not on renames.
  }, [layoutKey]) // eslint-disable-line react-hooks/exhaustive-deps
  const base: ComponentFlowNode[] = useMemo(
    () => architecture.components.map((c) => ({ id: c.id, type: c.type, position: positions[c.id] ?? { x: 0, y: 0 }, data: { component: c, mark: marks?.[c.id] } })),
    [architecture, positions, marks]
  )
  // Only the selected card is a new object: React Flow measures again (and hides for a frame) nodes handed anew.
  const chosenNode = selection?.node
  const nodes = useMemo(() => (chosenNode ? base.map((n) => (n.id === chosenNode ? { ...n, selected: true } : n)) : base), [base, chosenNode])
  const edges: Edge[] = useMemo(() => {
    // Animated dashes and labels repaint every frame per edge: fine for a sketch, ruinous for pan/zoom of
    // hundreds of components (measured: p50 frame 17 ms -> 283 ms at 500 nodes). Big graphs stay static.
    const detailed = architecture.relationships.length <= LIVELY_EDGE_LIMIT
    const chosen = selection?.edge ? `${selection.edge.from}>${selection.edge.to}` : null
    return architecture.relationships.map((r) => {
      const style = edgeStyle[r.kind]
      const id = `${r.from}>${r.to}`
      return {
        id,
        source: r.from,
        target: r.to,
        selected: id === chosen,
        label: detailed ? r.kind : undefined,
        // The theme's colours, not React Flow's white label box (unreadable in dark mode).
        labelStyle: { fill: 'var(--color-fg)', fontSize: 11 },
        labelBgStyle: { fill: 'var(--color-panel)' },
        animated: detailed && style.animated,
        style: { stroke: style.stroke, strokeDasharray: style.dash, strokeWidth: id === chosen ? 3 : 1.5 },
        data: { kind: r.kind }
      }
    })
  }, [architecture, selection?.edge?.from, selection?.edge?.to]) // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="h-full w-full" data-testid={testId} data-nodes={nodes.length}>
      {laid && <ReactFlow
        key={laid.key}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        minZoom={0.05}
        nodesConnectable={editable}
        onConnect={(c: Connection) => c.source && c.target && onConnect?.(c.source, c.target)}
        // Controlled nodes without onNodesChange never become "selected", so selection is tracked by clicks.
        onNodeClick={(_, node) => onSelect?.({ node: node.id })}
        onEdgeClick={(_, edge) => onSelect?.({ edge: { from: edge.source, to: edge.target, kind: (edge.data as { kind: RelationshipKind }).kind } })}
        onPaneClick={() => onSelect?.(null)}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
        {nodes.length > 40 && <MiniMap pannable zoomable />}
      </ReactFlow>}
    </div>
  )
}

export { relationshipKinds }
