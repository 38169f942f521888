/** A slice of the PRD small enough for one extraction call; ids are S1, S2, ... in document order. */
export interface PrdSection {
  id: string
  title: string
  text: string
}

interface Block {
  title: string
  text: string
}

const HEADING = /^(#{1,4})\s+(.+?)\s*#*\s*$/

function headingBlocks(prd: string): Block[] {
  const blocks: Block[] = []
  let current: Block = { title: '(preamble)', text: '' }
  for (const line of prd.split(/\r?\n/)) {
    const heading = HEADING.exec(line)
    if (heading) {
      if (current.text.trim()) blocks.push(current)
      current = { title: heading[2] ?? '', text: '' }
    }
    current.text += `${line}\n`
  }
  if (current.text.trim()) blocks.push(current)
  return blocks
}

/**
 * A piece of a paragraph that fits the budget. A long list is one paragraph (no blank lines), so it is cut
 * between its lines: a requirement line is never split in two (the model would read two half-sentences).
 * Only a single line longer than the budget is cut hard.
 */
function pieces(paragraph: string, budget: number): string[] {
  if (paragraph.length <= budget) return [paragraph]
  return paragraph.split(/(?<=\n)/).flatMap((line) => {
    const out: string[] = []
    for (let i = 0; i < line.length; i += budget) out.push(line.slice(i, i + budget))
    return out
  })
}

/** A block larger than the budget is cut at paragraph breaks, then between lines, then hard. */
function fitBlock(block: Block, budget: number): Block[] {
  if (block.text.length <= budget) return [block]
  const parts: Block[] = []
  let text = ''
  const flush = () => {
    if (text.trim()) parts.push({ title: `${block.title} (part ${parts.length + 1})`, text })
    text = ''
  }
  // Split before each blank line, keeping every character, so the parts join back to the block.
  for (const paragraph of block.text.split(/(?<=\n)(?=[^\S\n]*\n)/)) {
    for (const piece of pieces(paragraph, budget)) {
      if (text.length + piece.length > budget) flush()
      text += piece
    }
  }
  flush()
  return parts
}

/**
 * Splits a PRD into sections at its headings, cutting oversize sections and merging small neighbours, so
 * that a large PRD is read whole, section by section, instead of being truncated to fit one request.
 */
export function splitPrd(prd: string, budget = 12_000): PrdSection[] {
  const blocks = headingBlocks(prd).flatMap((b) => fitBlock(b, budget))
  const merged: Block[] = []
  for (const block of blocks) {
    const last = merged.at(-1)
    if (last && last.text.length + block.text.length <= budget) {
      last.title = `${last.title} / ${block.title}`
      last.text += block.text
    } else merged.push({ ...block })
  }
  return merged.map((b, i) => ({ id: `S${i + 1}`, title: b.title.length > 200 ? `${b.title.slice(0, 197)}...` : b.title, text: b.text }))
}
