import type { ContextPacket, Issue } from '../../../shared/domain'

/** The briefing an agent starts with: the issue's current ContextPacket as markdown. */
export function renderBriefing(issue: Issue, packet: ContextPacket, worktree: string): string {
  const c = packet.content
  const sections = [
    `# ${issue.title}`,
    `Issue ${issue.id} (${issue.type}, ${issue.priority} priority). Briefing version ${packet.version}.`,
    c.instructions ? `## What to do\n\n${c.instructions}` : '',
    c.acceptanceCriteria.length ? `## Acceptance criteria\n\n${c.acceptanceCriteria.map((a) => `- ${a}`).join('\n')}` : '',
    c.assumptions.length ? `## Assumptions\n\n${c.assumptions.map((a) => `- ${a}`).join('\n')}` : '',
    typeof c.inputs.landingFeedback === 'string' ? `## Bring your branch up to date with its base first\n\n${c.inputs.landingFeedback}` : '',
    typeof c.inputs.pullRequestFeedback === 'string' ? `## Your pull request needs changes first\n\n${c.inputs.pullRequestFeedback}` : '',
    typeof c.inputs.gateFeedback === 'string' ? `## Review feedback to address first\n\n${c.inputs.gateFeedback}` : '',
    typeof c.inputs.reviewComments === 'string' ? `## Review comments on your diff to address first\n\n${c.inputs.reviewComments}` : '',
    typeof c.inputs.rewound === 'string' ? `## Your worktree was rewound\n\n${c.inputs.rewound}` : '',
    c.qa.length ? `## Questions answered so far\n\n${c.qa.map((q) => `**Q:** ${q.question}\n**A:** ${q.answer}`).join('\n\n')}` : '',
    `## How to work\n\nYour working directory is the git worktree ${worktree} (its own branch). Commit your changes there with clear messages when the work is done.`
  ]
  return sections.filter(Boolean).join('\n\n') + '\n'
}
