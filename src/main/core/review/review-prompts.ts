import type { Issue, ReviewReport, Violation } from '../../../shared/domain'
import type { LoadedDoctrine } from '../governance/doctrine/doctrine-types'
import { tierFor } from '../governance/doctrine/load-doctrine'

const MAX_DIFF = 80_000
const MAX_LOG = 4_000

export const graderSystem = `You are Flightdeck's reviewer. You grade a coding agent's plan (before it starts) or its completed work (before it may merge) against the issue, its acceptance criteria, its scale tier and the repository's doctrine.
Grades: A (ready as is), B (good, minor remarks), C (works partly; real gaps), D (mostly wrong or untested), F (does not address the issue), OVER_ENGINEERED (far more machinery than the issue and its scale tier call for).
Judge five categories: scale (is the size right for the tier), correctness (against the acceptance criteria), tests, maintainability, security. Required fixes are concrete changes the agent must make; leave them empty only when nothing must change.
Submit your verdict by calling the tool you are given, exactly once.`

function issueSection(issue: Issue, doctrine: LoadedDoctrine): string {
  const tier = tierFor(doctrine, issue.scaleTier)
  return [
    `# Issue: ${issue.title}`,
    issue.body ? `\n${issue.body}` : '',
    `\n## Acceptance criteria\n${issue.acceptanceCriteria.length ? issue.acceptanceCriteria.map((c) => `- ${c}`).join('\n') : '(none given)'}`,
    `\n## Scale\n${tier ? `tier ${tier.tier}: at most ${tier.maxFiles} files and ${tier.maxLines} lines changed; new dependencies ${tier.newDependencies ? 'allowed' : 'not allowed'}` : 'no scale tier applies'}`,
    doctrine.imports.length || doctrine.components.length
      ? `\n## Doctrine\n${[...doctrine.components.map((c) => `- component ${c.name}: ${c.paths.join(', ')}`), ...doctrine.imports.map((r) => `- rule ${r.name}: ${r.from.join(', ')} must not import ${[...r.to, ...r.packages].join(', ')}`)].join('\n')}`
      : ''
  ].join('\n')
}

export function planPrompt(issue: Issue, doctrine: LoadedDoctrine, plan: string): string {
  return `${issueSection(issue, doctrine)}\n\n## The plan to review\n${plan}\n\nGrade this plan and estimate the change it implies (files, lines, new dependencies).`
}

export interface CheckSummary {
  name: string
  passed: boolean
  log: string
}

export function completionPrompt(input: { issue: Issue; doctrine: LoadedDoctrine; files: { path: string; kind: string; additions: number | null; deletions: number | null }[]; diff: string; checks: CheckSummary[]; violations: Violation[]; previous: ReviewReport | undefined }): string {
  const { issue, doctrine, files, diff, checks, violations, previous } = input
  const diffText = diff.length > MAX_DIFF ? `${diff.slice(0, MAX_DIFF)}\n[diff truncated: ${diff.length - MAX_DIFF} more characters]` : diff
  return [
    issueSection(issue, doctrine),
    `\n## Changed files (${files.length})\n${files.map((f) => `- ${f.kind} ${f.path} (+${f.additions ?? 'bin'} -${f.deletions ?? 'bin'})`).join('\n') || '(none)'}`,
    `\n## Validation checks\n${checks.length ? checks.map((c) => `- ${c.name}: ${c.passed ? 'passed' : 'FAILED'}${c.log ? `\n\`\`\`\n${c.log.slice(-MAX_LOG)}\n\`\`\`` : ''}`).join('\n') : '(the policy defines none)'}`,
    `\n## Governance violations\n${violations.length ? violations.map((v) => `- [${v.status}${v.blocking ? ', blocking' : ''}] ${v.message}${v.overrideReason ? ` (overridden: ${v.overrideReason})` : ''}`).join('\n') : '(none)'}`,
    previous ? `\n## Your previous review (grade ${previous.grade}) required\n${previous.requiredFixes.map((f) => `- ${f}`).join('\n') || '(nothing)'}\nCheck whether these were addressed.` : '',
    `\n## Diff\n\`\`\`diff\n${diffText}\n\`\`\``,
    `\nGrade this completed work. List every acceptance criterion with its exact text and whether it is met.`
  ].join('\n')
}
