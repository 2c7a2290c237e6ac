import { z } from 'zod';
import type { AppError, ErrorCode } from '../errors.ts';
import { translate, type Locale } from '../i18n/index.ts';

/** RFC 9457 problem details as this API sends them; `code` is stable and meant for programs. */
export const problemSchema = z
  .object({
    type: z.string().describe('Stable URI naming the kind of problem.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().describe('Stable machine-readable code, e.g. VALIDATION or NOT_FOUND.'),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), pointer: z.string(), detail: z.string() }))
      .optional()
      .describe('Field-level problems (validation errors).'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

const titles: Record<ErrorCode, string> = {
  VALIDATION: 'The input is not valid',
  UNAUTHENTICATED: 'Authentication required',
  STEP_UP_REQUIRED: 'A higher assurance level is required',
  FORBIDDEN: 'Forbidden',
  CSRF: 'The form token is missing or invalid',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  CONFLICT: 'Conflict',
  UNPROCESSABLE: 'The request cannot be processed',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  RATE_LIMITED: 'Too many requests',
  INTERNAL: 'Internal error',
  UNAVAILABLE: 'Service unavailable',
};

/** Builds the problem+json body for an AppError; field messages are in the caller's language. */
export function toProblem(error: AppError, options: { locale: Locale; instance: string; requestId: string }): Problem {
  const problem: Problem = {
    type: `urn:jobunivers:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[error.code],
    status: error.status,
    code: error.code,
    instance: options.instance,
    requestId: options.requestId,
  };
  if (error.detail) problem.detail = error.detail;
  if (error.fields.length > 0) {
    problem.errors = error.fields.map((f) => ({
      field: f.field,
      pointer: `#/${f.field.replaceAll('.', '/')}`,
      detail: translate(options.locale, f.message, f.params),
    }));
  }
  return problem;
}

/** Documented error answers for API route schemas. */
export function problemResponses<const S extends readonly number[]>(...statuses: S): Record<S[number], typeof problemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema])) as Record<S[number], typeof problemSchema>;
}
