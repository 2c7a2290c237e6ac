/** The codes a service may fail with; one handler maps them to HTTP statuses, problem+json and pages. */
export const errorCodes = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  STEP_UP_REQUIRED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  /** Well-formed, but the platform cannot act on it (an event for a citizen who never launched the listing). */
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

import type { MessageKey } from './i18n/index.ts';

/** A problem with one input field: which field, and the catalogue text saying what is wrong, shown next to it. */
export type FieldError = { field: string; message: MessageKey; params?: Record<string, string | number> };

/** The one error type services throw. `detail` is safe to show; `fields` lists field-level problems. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly fields: FieldError[];
  constructor(code: ErrorCode, detail?: string, fields: FieldError[] = [], options?: { cause?: unknown }) {
    super(detail ?? code, options);
    this.code = code;
    this.detail = detail;
    this.fields = fields;
    this.name = 'AppError';
  }

  get status(): number {
    return errorCodes[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
