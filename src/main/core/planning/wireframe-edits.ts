import type { Architecture, ArchitecturePack, WireframeEdit } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { checkArchitecture } from './architecture-check'
import { reviseArchitecture } from './pack-assemble'

function apply(arch: Architecture, edit: WireframeEdit, index: number): Architecture {
  const at = `edits.${index}`
  const has = (id: string) => arch.components.some((c) => c.id === id)
  const need = (id: string) => {
    if (!has(id)) throw new ApiError('not_found', `${at}: no component "${id}"`, at)
  }
  const edge = (from: string, to: string) => arch.relationships.findIndex((r) => r.from === from && r.to === to)
  switch (edit.op) {
    case 'addComponent':
      if (has(edit.id)) throw new ApiError('already_exists', `${at}: component "${edit.id}" already exists`, at)
      return { ...arch, components: [...arch.components, { id: edit.id, name: edit.name, type: edit.type, responsibility: edit.responsibility ?? '', requirement_ids: [] }] }
    case 'removeComponent':
      need(edit.id)
      return {
        ...arch,
        components: arch.components.filter((c) => c.id !== edit.id),
        relationships: arch.relationships.filter((r) => r.from !== edit.id && r.to !== edit.id),
        data_flows: arch.data_flows.filter((f) => f.from !== edit.id && f.to !== edit.id)
      }
    case 'renameComponent':
      need(edit.id)
      return { ...arch, components: arch.components.map((c) => (c.id === edit.id ? { ...c, name: edit.name } : c)) }
    case 'setComponentType':
      need(edit.id)
      return { ...arch, components: arch.components.map((c) => (c.id === edit.id ? { ...c, type: edit.type } : c)) }
    case 'connect':
      need(edit.from)
      need(edit.to)
      if (edit.from === edit.to) throw new ApiError('invalid_input', `${at}: a component cannot relate to itself`, at)
      if (edge(edit.from, edit.to) >= 0) throw new ApiError('already_exists', `${at}: ${edit.from} -> ${edit.to} already exists`, at)
      return { ...arch, relationships: [...arch.relationships, { from: edit.from, to: edit.to, kind: edit.kind, description: '' }] }
    case 'disconnect':
    case 'setRelationshipKind': {
      const i = edge(edit.from, edit.to)
      if (i < 0) throw new ApiError('not_found', `${at}: no relationship ${edit.from} -> ${edit.to}`, at)
      const relationships = edit.op === 'disconnect' ? arch.relationships.filter((_, j) => j !== i) : arch.relationships.map((r, j) => (j === i ? { ...r, kind: edit.kind } : r))
      return { ...arch, relationships }
    }
  }
}

/**
 * Applies wireframe edits in order and returns the revised pack. Removing a component that alone covers a
 * must requirement is refused, naming the requirements, so the architecture never silently loses scope.
 */
export function applyEdits(pack: ArchitecturePack, edits: WireframeEdit[]): ArchitecturePack {
  const arch = edits.reduce(apply, pack.architecture)
  const problems = checkArchitecture(arch, pack.requirements)
  if (problems.length) throw new ApiError('refused', `the edited architecture is invalid: ${problems.join('; ')}`, 'edits')
  return reviseArchitecture(pack, { architecture: arch, assumptions: pack.assumptions, open_questions: pack.open_questions })
}

/** One line per edit, kept as the version's note. */
export function describeEdits(edits: WireframeEdit[]): string {
  return edits
    .map((e) => {
      switch (e.op) {
        case 'addComponent': return `add ${e.type} ${e.id}`
        case 'removeComponent': return `remove ${e.id}`
        case 'renameComponent': return `rename ${e.id} to "${e.name}"`
        case 'setComponentType': return `${e.id} is now a ${e.type}`
        case 'connect': return `connect ${e.from} -${e.kind}-> ${e.to}`
        case 'disconnect': return `disconnect ${e.from} -> ${e.to}`
        case 'setRelationshipKind': return `${e.from} -> ${e.to} is now ${e.kind}`
      }
    })
    .join('; ')
}
