import type { ArchitecturePack, Clarification, Plan } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { type ModelClient, TruncatedOutputError } from '../model/model-client'
import { checkArchitecture } from './architecture-check'
import { type ClarificationsOutput, type ExtractionOutput, architectureOutput, clarificationsOutput, extractionOutput } from './model-outputs'
import { assemblePack, mergeExtractions } from './pack-assemble'
import { type PrdSection, splitPrd } from './prd-sections'
import { architecturePrompt, clarifyPrompt, extractPrompt, systemPrompt } from './prompts'

/** Runs `work` over items with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await work(items[i] as T, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

export async function clarify(model: ModelClient, plan: Plan): Promise<{ output: ClarificationsOutput; clarifications: Clarification[] }> {
  const output = await model.structured({
    step: 'clarify',
    system: systemPrompt,
    prompt: clarifyPrompt(plan.prdText, splitPrd(plan.prdText), plan.orgConstraints),
    tool: { name: 'submit_clarifications', description: 'Submit the PRD title, summary and 3-5 architecture-shaping questions.', schema: clarificationsOutput }
  })
  const clarifications = output.questions.map((q, i) => ({ id: `Q${i + 1}`, ...q, answer: null }))
  return { output, clarifications }
}

/** Extracts one section; a section whose extraction is cut off at max_tokens is halved and retried. */
async function extractSection(model: ModelClient, plan: Plan, title: string, section: PrdSection, total: number, depth = 0): Promise<{ section: PrdSection; output: ExtractionOutput }[]> {
  try {
    const output = await model.structured({
      step: `extract:${section.id}`,
      system: systemPrompt,
      prompt: extractPrompt(section, total, title, plan.orgConstraints, plan.clarifications),
      tool: { name: 'submit_requirements', description: 'Submit every requirement of this PRD section and the actors, workflows, entities, integrations and NFRs it mentions.', schema: extractionOutput }
    })
    return [{ section, output }]
  } catch (error) {
    if (!(error instanceof TruncatedOutputError) || depth >= 3 || section.text.length < 400) throw error
    const halves = splitPrd(section.text, Math.ceil(section.text.length / 2) + 1)
    const parts = halves.map((h, i) => ({ id: `${section.id}.${i + 1}`, title: `${section.title} (${h.title})`, text: h.text }))
    const results = await mapLimit(parts, 1, (part) => extractSection(model, plan, title, part, total, depth + 1))
    return results.flat().map((r) => ({ ...r, section: { ...r.section, id: section.id } }))
  }
}

/**
 * The architecture pack: requirements are extracted section by section (so a 300-requirement PRD is read
 * whole), merged with our own ids, then one architecture is designed over all of them.
 */
export async function generatePack(model: ModelClient, plan: Plan, summary: { title: string; summary: string }): Promise<ArchitecturePack> {
  const sections = splitPrd(plan.prdText)
  const parts = (await mapLimit(sections, 3, (s) => extractSection(model, plan, summary.title, s, sections.length))).flat()
  const extracted = mergeExtractions(parts)
  if (extracted.requirements.length === 0) throw new ApiError('invalid_model_output', 'no requirements were found in the PRD; check that it states what the product must do')
  const header = { title: summary.title, summary: summary.summary, sections, sourceChars: plan.prdText.length, orgConstraints: plan.orgConstraints, clarifications: plan.clarifications }
  const draft = { schema_version: 1 as const, prd: { title: summary.title, summary: summary.summary, sections: [], source_chars: plan.prdText.length }, org_constraints: plan.orgConstraints, clarifications: plan.clarifications, ...extracted }
  const arch = await model.structured({
    step: 'architecture',
    system: systemPrompt,
    prompt: architecturePrompt(draft),
    tool: { name: 'submit_architecture', description: 'Submit the one recommended architecture, with assumptions and open questions.', schema: architectureOutput },
    check: (o) => checkArchitecture(o.architecture, extracted.requirements),
    maxTokens: Math.max(model.config.maxTokens, Math.min(64_000, 2_000 + extracted.requirements.length * 40))
  })
  return assemblePack(header, extracted, arch)
}
