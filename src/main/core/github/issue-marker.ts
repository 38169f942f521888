/** The hidden line that ties a GitHub issue to a plan's work item, so a re-sync finds it instead of duplicating it. */
export function issueMarker(planId: string, itemKey: string): string {
  return `<!-- flightdeck:plan=${planId} item=${itemKey} -->`
}

const MARKER = /<!-- flightdeck:plan=([0-9A-Z]{26}) item=([A-Z0-9-]+) -->/

export function parseMarker(body: string | null | undefined): { planId: string; itemKey: string } | null {
  const match = MARKER.exec(body ?? '')
  return match ? { planId: match[1] as string, itemKey: match[2] as string } : null
}
