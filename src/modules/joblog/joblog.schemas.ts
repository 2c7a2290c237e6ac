import { z } from 'zod';
import { calendarDate } from '../../platform/time.ts';
import type { JoblogKind } from './joblog.tables.ts';

export const joblogKinds = ['application', 'job-interview', 'network', 'other'] as const satisfies readonly JoblogKind[];

const datePart = z.string().trim().max(10).optional();

/**
 * The citizen's own Joblog entry: what kind, the job (required for an application), the employer and the day it
 * happened (DKFDS date fields activityOnDay/Month/Year; not a day still to come, `today` being Copenhagen's).
 */
export function manualRegistrationSchema(today: string) {
  // Every field is read loosely first and checked in one place, so each field's problem is told at once.
  return z
    .object({
      kind: z.string().optional(),
      jobTitle: z.string().optional(),
      employer: z.string().optional(),
      activityOnDay: datePart,
      activityOnMonth: datePart,
      activityOnYear: datePart,
    })
    .transform((v, ctx) => {
      let failed = false;
      const fail = (field: string, message: string) => {
        failed = true;
        ctx.addIssue({ code: 'custom', path: [field], message });
      };
      const kind = joblogKinds.find((k) => k === v.kind);
      if (!kind) fail('kind', 'validation.choice');
      const jobTitle = (v.jobTitle ?? '').trim();
      if (jobTitle.length > 200) fail('jobTitle', 'joblog.validation.tooLong');
      else if (kind === 'application' && !jobTitle) fail('jobTitle', 'validation.required');
      const employer = (v.employer ?? '').trim();
      if (!employer) fail('employer', 'validation.required');
      else if (employer.length > 200) fail('employer', 'joblog.validation.tooLong');
      const [day, month, year] = [v.activityOnDay ?? '', v.activityOnMonth ?? '', v.activityOnYear ?? ''];
      const date =
        /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year) ? calendarDate(Number(year), Number(month), Number(day)) : undefined;
      if (!day && !month && !year) fail('activityOn', 'validation.required');
      else if (!date || date < '2000-01-01') fail('activityOn', 'joblog.validation.date');
      else if (date > today) fail('activityOn', 'joblog.validation.future');
      if (failed || !kind || !date) return z.NEVER;
      return { kind, jobTitle: jobTitle || null, employer, activityOn: date };
    });
}
export type ManualRegistration = z.output<ReturnType<typeof manualRegistrationSchema>>;

export const joblogQuery = z.object({ gemt: z.enum(['samtykke', 'tilbagekaldt', 'registrering']).optional().catch(undefined) });
