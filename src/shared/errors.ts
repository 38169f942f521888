export const errorCodes = [
  'invalid_input',
  'not_found',
  'already_exists',
  'not_a_git_repo',
  'transition_refused',
  'immutable',
  'unknown_command',
  'unauthorized',
  'unavailable',
  'internal'
] as const
export type ErrorCode = (typeof errorCodes)[number]

/** How every failure crosses a process boundary: data, never a thrown class. */
export interface ErrorData {
  code: ErrorCode
  message: string
  /** Dotted path of the offending input field, when one is to blame. */
  path?: string
}

/** Thrown inside the core and by clients; serialised as {@link ErrorData} on the wire. */
export class ApiError extends Error implements ErrorData {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string
  ) {
    super(message)
    this.name = 'ApiError'
  }

  toData(): ErrorData {
    return this.path === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, path: this.path }
  }

  static from(data: ErrorData): ApiError {
    return new ApiError(data.code, data.message, data.path)
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
