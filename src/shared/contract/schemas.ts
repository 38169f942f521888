import { z } from 'zod'

/** Reusable input pieces of the contract. */
export const id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a Flightdeck id (26-character ULID)')

export const text = (field: string, max: number) =>
  z.string().trim().min(1, `${field} is required`).max(max, `${field} is at most ${max} characters`)
