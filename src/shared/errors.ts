export const errorCodes = [
  'invalid_input',
  'not_found',
  'already_exists',
  'not_a_git_repo',
  'transition_refused',
  'refused',
  'conflict',
  'behind_base',
  'dirty',
  'immutable',
  'unknown_command',
  'unauthorized',
  'unavailable',
  'invalid_model_output',
  'internal'
] as const
export type ErrorCode = (typeof errorCodes)[number]

/** How every failure crosses a process boundary: data, never a thrown class. */
export interface ErrorData {
  code: ErrorCode
  message: string
  /** Dotted path of the offending input field, when one is to blame. */
  path?: string
  /** Specifics a client can show, e.g. the conflicting files. */
  details?: Record<string, unknown>
}

/** Thrown inside the core and by clients; serialised as {@link ErrorData} on the wire. */
export class ApiError extends Error implements ErrorData {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
    readonly details?: Record<string, unknown>
  ) {
    super(message)
    this.name = 'ApiError'
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, message: this.message }
    if (this.path !== undefined) data.path = this.path
    if (this.details !== undefined) data.details = this.details
    return data
  }

  static from(data: ErrorData): ApiError {
    return new ApiError(data.code, data.message, data.path, data.details)
  }
}

export function isErrorData(value: unknown): value is ErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorData).code === 'string' &&
    typeof (value as ErrorData).message === 'string'
  )
}
