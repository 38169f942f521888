import { z } from 'zod'

/** Reusable input pieces of the contract. */
export const id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a Flightdeck id (26-character ULID)')

/** NUL cannot be stored or printed faithfully (C strings, terminals, argv): refused wherever text enters. */
const noNul = /^[^\u0000]*$/

/** Required one-line or multi-line text: trimmed, non-empty, bounded, no NUL. */
export const text = (field: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} is at most ${max} characters`)
    .regex(noNul, `${field} must not contain NUL bytes`)

/** Text that may be empty (a body, a note): bounded, no NUL. */
export const freeText = (field: string, max: number) =>
  z.string().max(max, `${field} is at most ${max.toLocaleString('en-US')} characters`).regex(noNul, `${field} must not contain NUL bytes`)
