import type { GateResult, Run } from '../../../shared/domain'
import type { SendBackOutcome } from './send-back'
import type { WriteTx } from '../store'

/** One validation command's outcome, as the run engine measured it. */
export interface GateCheck {
  name: string
  passed: boolean
  exitCode: number | null
  log?: string
}

/** What the run engine asks of the gates; absent, runs move as they always did. */
export interface RunGates {
  /** Before a run's first launch; a failed start gate fails the run with its reasons. */
  start(run: Run): Promise<GateResult>
  /** After validation passed and the checkpoint was committed (grades afresh when the policy asks). */
  close(run: Run, checks: GateCheck[]): Promise<GateResult>
  /**
   * Inside the transaction that would have made the run ready: sends it back with the reasons in a new
   * ContextPacket version, within the policy's retry budget, else fails it. `relaunch` asks the engine
   * to start the agent again (it had exited).
   */
  sendBack(tx: WriteTx, run: Run, result: GateResult, agentAlive: boolean): Promise<SendBackOutcome>
  /** Before merge: the close gate's governance conditions; throws a `refused` ApiError naming the failures. */
  beforeMerge(run: Run): Promise<void>
}
