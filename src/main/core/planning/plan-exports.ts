import fs from 'node:fs'
import path from 'node:path'
import type { ArchitecturePack, PlanDecomposition } from '../../../shared/domain'
import { topologicalOrder } from './decomposition-validate'

const list = (items: string[]) => (items.length ? items.map((i) => `- ${i}`).join('\n') : '- none')

export function packSummaryMarkdown(pack: ArchitecturePack, version: number): string {
  const a = pack.architecture
  const byPriority = (p: string) => pack.requirements.filter((r) => r.priority === p).length
  return [
    `# ${pack.prd.title} (architecture pack v${version})`,
    pack.prd.summary,
    `## Clarifications\n${list(pack.clarifications.map((c) => `**${c.question}** ${c.answer ? `Answer: ${c.answer}` : `Default: ${c.default_assumption}`} (${c.why_it_matters})`))}`,
    `## Actors\n${list(pack.actors.map((x) => `${x.name}: ${x.description}`))}`,
    `## Requirements (${pack.requirements.length}: ${byPriority('must')} must, ${byPriority('should')} should, ${byPriority('could')} could)\n` +
      list(pack.requirements.map((r) => `${r.id} [${r.priority}] ${r.text} (${r.source})`)),
    `## Components\n| id | type | name | responsibility | requirements |\n| --- | --- | --- | --- | --- |\n` +
      a.components.map((c) => `| ${c.id} | ${c.type} | ${c.name} | ${c.responsibility.replace(/\|/g, '/')} | ${c.requirement_ids.length} |`).join('\n'),
    `## Relationships\n${list(a.relationships.map((r) => `${r.from} ${r.kind} ${r.to}${r.description ? `: ${r.description}` : ''}`))}`,
    `## Data stores\n${list(a.data_stores.map((d) => `${d.name} (${d.kind}), owned by ${d.owner_component}`))}`,
    `## Rationale\n${a.rationale}`,
    `## Tradeoffs\n${list(a.tradeoffs.map((t) => `${t.decision}. Pros: ${t.pros.join('; ')}. Cons: ${t.cons.join('; ')}`))}`,
    `## Assumptions\n${list(pack.assumptions)}`,
    `## Open questions\n${list(pack.open_questions)}`,
    `## Coverage\n${pack.coverage.covered_total} of ${pack.coverage.requirements_total} requirements are owned by a component.` +
      (pack.coverage.uncovered.length ? ` Uncovered: ${pack.coverage.uncovered.join(', ')}` : '')
  ].join('\n\n') + '\n'
}

/** A text diagram: each component, then its outgoing relationships and data flows. */
export function packDiagramText(pack: ArchitecturePack): string {
  const a = pack.architecture
  const lines: string[] = []
  for (const c of a.components) {
    lines.push(`[${c.type}] ${c.id} "${c.name}"`)
    for (const r of a.relationships.filter((x) => x.from === c.id)) lines.push(`    --${r.kind}--> ${r.to}`)
    for (const f of a.data_flows.filter((x) => x.from === c.id)) lines.push(`    ==${f.data}==> ${f.to}`)
  }
  for (const d of a.data_stores) lines.push(`(${d.kind}) ${d.id} "${d.name}" <- ${d.owner_component}`)
  return `${lines.join('\n')}\n`
}

export function decompositionMarkdown(d: PlanDecomposition): string {
  const s = d.report.stats
  const rows = topologicalOrder(d.items).map((i) => `| ${i.key} | ${i.title.replace(/\|/g, '/')} | ${i.category} | ${i.size} | ${i.component} | ${i.requirement_ids.join(', ')} | ${i.depends_on.join(', ')} |`)
  const problems = [...d.report.errors, ...d.report.warnings].map((p) => `${p.severity}: ${p.message}`)
  return [
    `# Decomposition plan (pack v${d.packVersion})`,
    `${s.items} items, ${s.points} points, critical path ${s.criticalPath}, complexity ${s.complexity}.`,
    `| key | title | category | size | component | requirements | depends on |\n| --- | --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}`,
    `## Validation\n${list(problems)}`
  ].join('\n\n') + '\n'
}

/** Writes the plan's files (WSPass names) and returns each one's path, name and content. */
export function writeExports(dir: string, planId: string, version: number, pack: ArchitecturePack, decomposition: PlanDecomposition | null): { path: string; name: string; content: string }[] {
  fs.mkdirSync(dir, { recursive: true })
  const files: [string, string][] = [
    ['architecture_pack.json', `${JSON.stringify({ plan_id: planId, version, ...pack }, null, 2)}\n`],
    ['architecture_pack_summary.md', packSummaryMarkdown(pack, version)],
    ['architecture_pack_diagram.txt', packDiagramText(pack)]
  ]
  if (decomposition) {
    files.push(['decomposition_plan.json', `${JSON.stringify({ plan_id: planId, pack_version: decomposition.packVersion, items: decomposition.items, report: decomposition.report }, null, 2)}\n`])
    files.push(['decomposition_plan.md', decompositionMarkdown(decomposition)])
  }
  return files.map(([name, content]) => {
    const file = path.join(dir, name)
    fs.writeFileSync(`${file}.tmp`, content)
    fs.renameSync(`${file}.tmp`, file)
    return { path: file, name, content }
  })
}
