/** What `flightdeck policy init` writes: every setting with its default and why it exists. */
export const policyExample = `// Flightdeck policy for this repository. JSON with comments; every field is optional.
// Check it with: flightdeck policy validate
{
  "version": 1,

  // Where and how each run gets its own git worktree.
  "workspace": {
    // "baseBranch": "main",        // default: the branch checked out in the repository
    "branchPrefix": "fd/",          // run branches are fd/<title>-<id>
    // "worktreeRoot": "../.flightdeck-worktrees/<repo>",  // default: beside the repository
    "mergeStrategy": "merge",       // "merge" (a merge commit) or "squash"
    "fetchFirst": false             // fetch the base branch before creating a worktree
  },

  // How many runs may be active at once.
  "concurrency": {
    "global": 4,
    "perRepo": 3,
    "perAgent": { "claude-code": 2 }
  },

  // Agent health.
  "health": {
    "stallSeconds": 600,            // no output and no signal this long: the run is marked stalled
    "idleSeconds": 1800,            // waiting at its prompt this long, unfinished: the operator is told
    "restartBudget": 1,             // automatic restarts after a crash
    "restartCooldownSeconds": 30
  },

  // Agent profiles: built-ins are claude-code, codex, gemini, opencode, shell.
  "agents": {
    "default": "claude-code",
    "profiles": {
      // "claude-code": { "argv": ["claude", "--model", "sonnet"], "env": {} }
    }
  },

  // Commands that must pass before a run can merge (argv arrays, run in the worktree).
  "validation": {
    "commands": [
      // { "name": "unit tests", "argv": ["npm", "test"], "timeoutSeconds": 600 }
    ]
  },

  // Questions agents ask (forum): unanswered this long, a question's priority is bumped and the UI
  // raises a notification; again after each further period. 0 turns escalation off.
  "forum": { "slaMinutes": 30 },

  // Quitting the app: "keep" agents running (they are reattached next time) or "stop" them.
  "onQuit": "keep",

  // The landing queue ("flightdeck merge RUN"): each run is brought up to date with the base ("rebase" its
  // commits onto it, or "merge" the base in), validated again, then merged. A conflict or a failed re-check
  // goes back to the agent with a briefing, at most attemptBudget times; then the operator is asked.
  // land "pull_request" instead pushes the branch to the remote and opens a GitHub pull request; a red check or
  // a changes-requested review goes back to the agent (at most fixBudget times); the merged PR ends the run.
  "landing": { "strategy": "rebase", "attemptBudget": 2, "land": "local", "pullRequest": { "remote": "origin", "repository": null, "pollMs": 30000, "fixBudget": 3 } },

  // Governance: rules checked on placement, plan and completion (ADRs in docs/adr add more), grading, gates.
  "governance": {
    "adrDir": "docs/adr",
    "components": [
      // { "name": "ui", "paths": ["src/renderer/**"], "priority": "must" }
    ],
    "imports": [
      // { "name": "ui-not-db", "from": "src/renderer/**", "to": ["src/main/**"], "packages": ["better-sqlite3"] }
    ],
    "tiers": [
      // { "tier": 1, "maxFiles": 5, "maxLines": 200, "newDependencies": false }
    ],
    "defaultTier": null,
    // Grading is off until a minimum is set: "F", "D", "C", "B" or "A".
    "review": { "planMinimum": null, "completionMinimum": null, "allowOverEngineered": false, "repairAttempts": 2 },
    "gates": { "requireApproved": false, "closeRetries": 2 }
  }
}
`
