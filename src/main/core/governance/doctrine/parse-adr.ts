import YAML from 'yaml'
import { z } from 'zod'
import { doctrinePriorities } from '../../../../shared/domain'
import { describePolicyIssues } from '../../policy/load-policy'
import { ruleSet } from '../rules.schema'
import type { DoctrineSource } from './doctrine-types'

const header = z.strictObject({
  priority: z.enum(doctrinePriorities).default('must'),
  version: z.union([z.string().min(1), z.number()]).transform(String).default('1')
})

const activeStatuses = ['accepted', 'active', 'approved', '']

interface Block {
  info: string
  body: string
  line: number
}

/** Splits markdown into `## Heading` sections and fenced code blocks (CommonMark fences: ``` or ~~~). */
function scan(markdown: string): { title: string; sections: Map<string, string>; blocks: Block[] } {
  const lines = markdown.split(/\r?\n/)
  const sections = new Map<string, string>()
  const blocks: Block[] = []
  let title = ''
  let section = ''
  let fence: { marker: string; block: Block } | null = null
  lines.forEach((line, i) => {
    if (fence) {
      if (line.trim().startsWith(fence.marker) && line.trim().replace(/[`~]/g, '') === '') {
        blocks.push(fence.block)
        fence = null
      } else fence.block.body += `${line}\n`
      return
    }
    const open = /^\s{0,3}(`{3,}|~{3,})\s*(.*)$/.exec(line)
    if (open) {
      fence = { marker: open[1] as string, block: { info: (open[2] ?? '').trim(), body: '', line: i + 1 } }
      return
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line)
    if (heading?.[1] === '#' && !title) title = heading[2] ?? ''
    else if (heading) section = (heading[2] ?? '').toLowerCase()
    else if (section) sections.set(section, `${sections.get(section) ?? ''}${line}\n`)
  })
  return { title, sections, blocks }
}

/**
 * Reads one ADR: `# Title`, `## Status`, `## Decision`, and the machine-checkable rules in a fenced block
 * whose info string starts with `flightdeck-rules` (YAML). Throws an Error naming the file and the field.
 */
export function parseAdr(markdown: string, file: string, namespace: string, name: string): DoctrineSource {
  const { title, sections, blocks } = scan(markdown)
  const inline = /^[*-]?\s*status:\s*(.+)$/im.exec(markdown)?.[1]
  const status = ((sections.get('status') ?? '').trim().split('\n')[0] ?? inline ?? '').trim() || (inline ?? '').trim()
  const ruleBlocks = blocks.filter((b) => b.info.split(/\s+/)[0] === 'flightdeck-rules')
  if (ruleBlocks.length > 1) throw new Error(`${file}: more than one flightdeck-rules block (lines ${ruleBlocks.map((b) => b.line).join(', ')})`)
  let raw: unknown = {}
  if (ruleBlocks[0]) {
    const doc = YAML.parseDocument(ruleBlocks[0].body)
    if (doc.errors.length) throw new Error(`${file}: flightdeck-rules block at line ${ruleBlocks[0].line}: ${doc.errors[0]?.message ?? 'invalid YAML'}`)
    raw = doc.toJS() ?? {}
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${file}: the flightdeck-rules block must be a mapping`)
  const { priority: p, version: v, ...rest } = raw as Record<string, unknown>
  const head = header.safeParse({ priority: p, version: v })
  if (!head.success) throw new Error(`${file}: ${describePolicyIssues(head.error)}`)
  // The ADR's priority is the default for its rules; a rule may still say otherwise.
  const withPriority = Object.fromEntries(
    Object.entries(rest).map(([k, list]) => [k, Array.isArray(list) ? list.map((r) => (r && typeof r === 'object' && !('priority' in r) ? { ...r, priority: head.data.priority } : r)) : list])
  )
  const rules = ruleSet.safeParse(withPriority)
  if (!rules.success) throw new Error(`${file}: ${describePolicyIssues(rules.error)}`)
  return {
    namespace,
    name,
    version: head.data.version,
    priority: head.data.priority,
    kind: 'adr',
    title: title || name,
    status: status || 'unspecified',
    decision: (sections.get('decision') ?? '').trim(),
    source: file,
    active: activeStatuses.includes(status.toLowerCase().split(/\W+/)[0] ?? ''),
    rules: rules.data
  }
}
