import { z } from 'zod'
import { budgetsSchema } from '../../../shared/contract/usage'
import { governancePolicySchema } from '../governance/rules.schema'
import { sandboxPolicySchema } from '../sandbox/sandbox.schema'
import { environmentPolicySchema } from '../environments/environment.schema'
import { workspacePolicySchema } from '../workspaces'

const positive = (max: number) => z.number().int().min(1).max(max)

const validationCommand = z.strictObject({
  /** Shown in gate results, e.g. "unit tests". */
  name: z.string().min(1).max(100),
  /** Run in the worktree with an argv array, never through a shell. */
  argv: z.array(z.string().min(1)).min(1),
  timeoutSeconds: positive(3_600).default(600)
})

const agentOverride = z.strictObject({
  /** Replaces the profile's argv (the program and its fixed arguments). */
  argv: z.array(z.string().min(1)).min(1).optional(),
  /** Extra environment for this agent's sessions. */
  env: z.record(z.string(), z.string()).default({})
})

/** `.flightdeck/policy.json` in a repository; every field has a default. */
export const policySchema = z.strictObject({
  version: z.literal(1).default(1),
  workspace: workspacePolicySchema.default({ branchPrefix: 'fd/', mergeStrategy: 'merge', fetchFirst: false }),
  concurrency: z
    .strictObject({
      /** Runs active at once across all repositories. */
      global: positive(256).default(4),
      /** Runs active at once in this repository. */
      perRepo: positive(256).default(3),
      /** Per agent profile, e.g. { "claude-code": 2 }. */
      perAgent: z.record(z.string(), positive(256)).default({})
    })
    .default({ global: 4, perRepo: 3, perAgent: {} }),
  health: z
    .strictObject({
      /** No output and no signal for this long marks a working agent stalled (blocked work, an inbox thread). */
      stallSeconds: positive(86_400).default(600),
      /** An agent waiting at its prompt this long while its run is unfinished gets the operator an inbox thread. */
      idleSeconds: positive(7 * 86_400).default(1_800),
      /** Automatic restarts of a crashed agent before the run fails. */
      restartBudget: z.number().int().min(0).max(20).default(1),
      restartCooldownSeconds: z.number().int().min(0).max(3_600).default(30)
    })
    .default({ stallSeconds: 600, idleSeconds: 1_800, restartBudget: 1, restartCooldownSeconds: 30 }),
  agents: z
    .strictObject({
      /** Profile used when a run does not name one. */
      default: z.string().min(1).default('claude-code'),
      profiles: z.record(z.string(), agentOverride).default({})
    })
    .default({ default: 'claude-code', profiles: {} }),
  validation: z.strictObject({ commands: z.array(validationCommand).max(50).default([]) }).default({ commands: [] }),
  forum: z
    .strictObject({
      /** Minutes an agent's question may wait for the operator before its priority is bumped (0: never). */
      slaMinutes: z.number().int().min(0).max(10_080).default(30)
    })
    .default({ slaMinutes: 30 }),
  /** A worktree ready to run: copied ignored files, setup and teardown commands, a block of ports. */
  environment: environmentPolicySchema.prefault({}),
  /** How agents are confined: to their worktree by default, where the OS can. */
  sandbox: sandboxPolicySchema.prefault({}),
  /** What quitting the app does to running agents: keep them running (reattach later) or stop them. */
  onQuit: z.enum(['keep', 'stop']).default('keep'),
  /** The landing queue: how a queued run is brought up to date with its base before it merges. */
  landing: z
    .strictObject({
      /** rebase: replay the run's commits onto the base; merge: merge the base into the run branch. */
      strategy: z.enum(['rebase', 'merge']).default('rebase'),
      /** Times a conflict or a failed re-check goes back to the agent before the operator is asked. */
      attemptBudget: z.number().int().min(0).max(20).default(2),
      /** local: land on the base in this repository; pull_request: push the branch and follow a GitHub pull request. */
      land: z.enum(['local', 'pull_request']).default('local'),
      /** The pull-request path: where to push, how often to look at the PR, how many fixes go back to the agent. */
      pullRequest: z
        .strictObject({
          /** The git remote the run's branch is pushed to. */
          remote: z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/).default('origin'),
          /** owner/repo on GitHub; by default read from the remote's URL (its last two path parts). */
          repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/).nullable().default(null),
          /** How often the engine reads the PR's state, reviews and checks. */
          pollMs: z.number().int().min(100).max(3_600_000).default(30_000),
          /** Red checks or changes-requested reviews sent back to the agent before the operator is asked. */
          fixBudget: z.number().int().min(0).max(20).default(3)
        })
        .prefault({})
    })
    .prefault({}),
  /** Per-run limits on tokens, cost and wall time: soft notifies the operator, hard pauses the agent (null: none). */
  budgets: budgetsSchema.prefault({}),
  /** Doctrine rules, grading minimums and gate settings; with the defaults nothing is graded. */
  governance: governancePolicySchema.prefault({})
})

export type Policy = z.output<typeof policySchema>
export type PolicyInput = z.input<typeof policySchema>
export type ValidationCommand = z.output<typeof validationCommand>
