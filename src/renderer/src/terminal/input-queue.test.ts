import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/errors'
import type { Client } from '../../../shared/transport'
import { InputQueue } from './input-queue'

type Frame = { sessionId: string; data: string; clientId: string; seq: number }

/** A client whose answers the test settles by hand, like a socket that may drop before the answer. */
function scriptedClient() {
  const sent: Frame[] = []
  const answers: { resolve(v: unknown): void; reject(e: unknown): void }[] = []
  const client = {
    invoke: ((_name: string, input: Frame) => new Promise((resolve, reject) => (sent.push(input), answers.push({ resolve, reject })))) as unknown as Client['invoke'],
    subscribe: () => () => {},
    watch: () => () => {}
  } as Client
  return { client, sent, answers }
}
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms))

describe('InputQueue', () => {
  it('sends one frame at a time, joins keys typed meanwhile, and re-sends a frame whose answer was lost with the same number', async () => {
    const { client, sent, answers } = scriptedClient()
    const refused: string[] = []
    const q = new InputQueue(client, () => 'S1', (m) => refused.push(m), 10)
    q.push('a')
    q.push('b')
    q.push('c')
    expect(sent.map((f) => [f.data, f.seq])).toEqual([['a', 1]])
    answers[0]!.reject(new ApiError('unavailable', 'the connection to Flightdeck closed before the answer came'))
    await tick(30)
    expect(sent.map((f) => [f.data, f.seq])).toEqual([['a', 1], ['a', 1]])
    answers[1]!.resolve({ ok: true })
    await tick()
    expect(sent.map((f) => [f.data, f.seq])).toEqual([['a', 1], ['a', 1], ['bc', 2]])
    expect(new Set(sent.map((f) => f.clientId)).size).toBe(1)
    // A refusal from the core is reported and the next frame goes on.
    answers[2]!.reject(new ApiError('not_found', 'session S1 has ended'))
    await tick()
    expect(refused).toEqual(['session S1 has ended'])
    expect(q.unconfirmed).toBe(0)
    q.dispose()
  })
})
