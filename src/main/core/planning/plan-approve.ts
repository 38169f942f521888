import type { ArchitecturePack, Issue, IssuePriority, IssueType, Plan, PlanDecomposition, WorkItem } from '../../../shared/domain'
import { appendContextPacket } from '../issues/context-packet.repository'
import { insertIssue, toIssue } from '../issues/issue.repository'
import { newId, now } from '../ids'
import type { WriteTx } from '../store'
import { topologicalOrder } from './decomposition-validate'

const typeOf: Record<WorkItem['category'], IssueType> = { feature: 'feature', test: 'test', infra: 'chore', docs: 'docs', chore: 'chore', research: 'research' }

function priorityOf(item: WorkItem, pack: ArchitecturePack): IssuePriority {
  const priorities = new Set(pack.requirements.filter((r) => item.requirement_ids.includes(r.id)).map((r) => r.priority))
  return priorities.has('must') ? 'high' : priorities.has('should') ? 'medium' : 'low'
}

function issueBody(item: WorkItem, pack: ArchitecturePack): string {
  const reqs = pack.requirements.filter((r) => item.requirement_ids.includes(r.id))
  return [
    item.summary,
    `Component: ${item.component}`,
    reqs.length ? `Requirements:\n${reqs.map((r) => `- ${r.id} [${r.priority}] ${r.text}`).join('\n')}` : '',
    `Plan item ${item.key} (${item.category}, size ${item.size})`
  ].filter(Boolean).join('\n\n')
}

/**
 * Creates one approved issue per work item, dependencies first so `dependsOn` can point at them, each with
 * ContextPacket v1 built from the pack: its requirements, component, constraints and acceptance criteria.
 */
export async function createPlanIssues(tx: WriteTx, plan: Plan, pack: ArchitecturePack, decomposition: PlanDecomposition): Promise<{ issues: Issue[]; links: { itemKey: string; issueId: string }[] }> {
  const idOf = new Map<string, string>()
  const issues: Issue[] = []
  const components = new Map(pack.architecture.components.map((c) => [c.id, c]))
  for (const item of topologicalOrder(decomposition.items)) {
    const id = newId()
    idOf.set(item.key, id)
    const dependsOn = item.depends_on.map((k) => idOf.get(k) as string)
    const ts = now()
    const row = {
      id,
      repo_id: plan.repoId,
      title: item.title,
      body: issueBody(item, pack),
      acceptance_criteria: JSON.stringify(item.acceptance_criteria),
      priority: priorityOf(item, pack),
      type: typeOf[item.category],
      labels: JSON.stringify([...new Set([item.component, item.category, `plan:${plan.id}`])]),
      status: 'approved',
      scale_tier: item.scale_tier,
      created_at: ts,
      updated_at: ts
    }
    await insertIssue(tx.db, row, dependsOn)
    const component = components.get(item.component)
    await appendContextPacket(tx.db, id, {
      summary: item.title,
      instructions: item.summary,
      acceptanceCriteria: item.acceptance_criteria,
      assumptions: [...pack.assumptions, ...pack.clarifications.map((c) => `${c.question} -> ${c.answer ?? c.default_assumption}`)],
      qa: [],
      inputs: {
        plan: { id: plan.id, version: decomposition.packVersion, item: item.key },
        component: component ? { id: component.id, name: component.name, type: component.type, responsibility: component.responsibility } : { id: item.component },
        requirements: pack.requirements.filter((r) => item.requirement_ids.includes(r.id)),
        constraints: pack.org_constraints,
        nfrs: pack.nfrs,
        dependsOn: item.depends_on.map((k) => ({ item: k, issueId: idOf.get(k) })),
        size: item.size,
        category: item.category
      }
    })
    const issue = toIssue(row, dependsOn)
    tx.emit('issue.created', id, { issue })
    issues.push(issue)
  }
  return { issues, links: decomposition.items.map((i) => ({ itemKey: i.key, issueId: idOf.get(i.key) as string })) }
}
