import type { Doctrine, GateResult, ReviewReport, Violation } from '../../../shared/domain'
import { table, truncate } from '../format'

const where = (v: Violation) => v.evidence.map((e) => (e.file ? `${e.file}${e.line ? `:${e.line}` : ''}` : '')).filter(Boolean).slice(0, 3).join(', ')

export function violationTable(list: Violation[]): string {
  if (list.length === 0) return 'no violations\n'
  return table(['ID', 'STATUS', 'SEVERITY', 'KIND', 'WHERE', 'MESSAGE'], list.map((v) => [v.id, v.status, `${v.severity}${v.blocking ? ' (blocking)' : ''}`, v.rule, where(v) || '—', truncate(v.message, 90)]))
}

export function describeDoctrine(d: Doctrine): string {
  const lines = [table(['DOCTRINE', 'VERSION', 'PRIORITY', 'STATUS', 'RULES', 'TITLE'], d.entries.map((e) => [`${e.namespace}/${e.name}`, e.version, e.priority, e.status, `${e.rules.components}c ${e.rules.imports}i ${e.rules.tiers}t`, truncate(e.title, 60)]))]
  if (d.components.length) lines.push(`components:\n${d.components.map((c) => `  ${c.name}: ${c.paths.join(', ')}`).join('\n')}\n`)
  if (d.imports.length) lines.push(`import rules:\n${d.imports.map((r) => `  ${r.name}${r.blocking ? '' : ' (warning)'}: ${r.from.join(', ')} must not import ${[...r.to, ...r.packages].join(', ')}`).join('\n')}\n`)
  if (d.tiers.length) lines.push(`scale tiers:\n${d.tiers.map((t) => `  ${t.tier}: ≤ ${t.maxFiles} files, ≤ ${t.maxLines} lines, new dependencies ${t.newDependencies ? 'allowed' : 'not allowed'}`).join('\n')}\n`)
  if (d.problems.length) lines.push(`problems:\n${d.problems.map((p) => `  ${p}`).join('\n')}\n`)
  return lines.join('\n')
}

export function describeReview(r: ReviewReport): string {
  return [
    `${r.stage} review ${r.id}: grade ${r.grade} (${r.model}, ${r.attempts} call${r.attempts === 1 ? '' : 's'}, ${r.createdAt})`,
    r.summary,
    ...r.findings.map((f) => `  ${f.category.padEnd(16)} ${f.verdict.padEnd(8)} ${truncate(f.notes, 100)}`),
    r.criteria.length ? `criteria:\n${r.criteria.map((c) => `  [${c.met ? 'x' : ' '}] ${c.criterion}`).join('\n')}` : '',
    r.estimate ? `estimate: ${r.estimate.files} files, ${r.estimate.lines} lines, new dependencies: ${r.estimate.newDependencies.join(', ') || 'none'}` : '',
    r.requiredFixes.length ? `required fixes:\n${r.requiredFixes.map((f) => `  - ${f}`).join('\n')}` : ''
  ]
    .filter(Boolean)
    .join('\n')
}

const mark = { passed: '✓', failed: '✗', skipped: '–' } as const

export function describeGate(g: GateResult): string {
  return [`${g.gate} gate: ${g.passed ? 'PASSED' : 'FAILED'} (${g.phase}, ${g.createdAt})`, ...g.conditions.map((c) => `  ${mark[c.status]} ${c.label}: ${c.detail}`)].join('\n') + '\n'
}
