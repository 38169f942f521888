import { monotonicFactory } from 'ulid'

const next = monotonicFactory()

/** A new ULID: sortable by creation time, unique across processes. */
export function newId(): string {
  return next()
}

export function now(): string {
  return new Date().toISOString()
}
