import { z } from 'zod';
import { requiredText } from '../../platform/validation.ts';
import { activityStatuses, digitalReadinessLevels, helpNeeds } from './journey.rules.ts';

/** A form's repeated field (checkboxes) as a list, whether it came as nothing, one value or several. */
const listField = z.preprocess((value) => (value === undefined || value === '' ? [] : [value].flat()), z.array(z.string().max(40)).max(20));

/** Optional text: trimmed; an empty field is null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value ? value : null));

const codeOf = (codes: readonly string[]) =>
  z.string({ message: 'validation.choice' }).refine((code) => codes.includes(code), { message: 'validation.choice' });

/** The codes of the taxonomies the screening asks about (read from the database). */
export type ScreeningCodes = { journeyStages: readonly string[]; languages: readonly string[] };

/**
 * The screening form. Digital readiness, stage, need for help and at least one language are required; the job goal,
 * the wish for contact and the wellbeing question are the citizen's choice to answer.
 */
export function screeningSchema(codes: ScreeningCodes) {
  return z.object({
    digitalReadiness: z.enum(digitalReadinessLevels, { message: 'validation.choice' }),
    jobGoal: optionalText(500),
    journeyStage: codeOf(codes.journeyStages),
    needsHelp: z.enum(helpNeeds, { message: 'validation.choice' }),
    languages: listField.pipe(z.array(codeOf(codes.languages)).min(1, { message: 'journey.validation.languages' })).transform((list) => [...new Set(list)]),
    wantsContact: z
      .literal('yes', { message: 'validation.choice' })
      .optional()
      .transform((value) => value === 'yes'),
    wellbeing: z.enum(['no', 'yes'], { message: 'validation.choice' }).optional(),
  });
}
export type ScreeningInput = z.output<ReturnType<typeof screeningSchema>>;

/** An offer of the municipality: an enabled listing or a local offer. */
export const itemSchema = z.object({
  kind: z.enum(['listing', 'local_offer'], { message: 'validation.choice' }),
  itemId: z.uuid({ message: 'validation.choice' }),
});
export type ItemInput = z.output<typeof itemSchema>;

export const activityStatusSchema = z.object({ status: z.enum(activityStatuses, { message: 'validation.choice' }) });

/** Every look-up of a citizen's journey by a caseworker states why (it goes to the citizen's Min Log). */

const isoDate = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : null))
  .refine(
    (value) =>
      value === null ||
      (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)),
    {
      message: 'journey.validation.date',
    },
  );

/** A caseworker recommends or assigns one of the municipality's offers to a citizen ("listing:<id>" or "local_offer:<id>"). */
export const caseworkerActivitySchema = z.object({
  item: z
    .string({ message: 'validation.choice' })
    .regex(/^(listing|local_offer):[0-9a-f-]{36}$/, { message: 'validation.choice' })
    .transform((value) => {
      const [kind, id] = value.split(':') as ['listing' | 'local_offer', string];
      return { kind, id };
    }),
  source: z.enum(['recommended', 'assigned'], { message: 'validation.choice' }),
  dueOn: isoDate,
  note: optionalText(2000),
});
export type CaseworkerActivityInput = z.output<typeof caseworkerActivitySchema>;

/** Visitation: the target group the jobcenter sets (one of the active codes). */
export function targetGroupSchema(targetGroups: readonly string[]) {
  return z.object({ targetGroup: codeOf(targetGroups) });
}

/** Closing an escalation says what was done. */
export const closeEscalationSchema = z.object({ note: requiredText({ min: 3, max: 4000 }) });

/** What the caseworker's form on a citizen's page does: open it (default), add an activity, or set the target group. */
export const caseworkerActionSchema = z.object({
  action: z.enum(['open', 'add_activity', 'set_target_group']).catch('open').default('open'),
});

export const citizenParams = z.object({ citizenId: z.uuid() });
export const escalationParams = z.object({ escalationId: z.uuid() });
export const activityParams = z.object({ activityId: z.uuid() });

const flag = z.enum(['1']).optional().catch(undefined);

/** The caseload's query (/medarbejder/borgere): whose, filters, order and page; anything unreadable is dropped, not refused. */
export const caseloadListQuery = z.object({
  vis: z.enum(['mine', 'ufordelte', 'team', 'tidligere']).optional().catch(undefined),
  maalgruppe: z.string().max(64).optional().catch(undefined),
  fase: z.string().max(64).optional().catch(undefined),
  henvendelse: flag,
  udenPlan: flag,
  inaktiv: flag,
  ulaest: flag,
  moede: flag,
  sort: z.enum(['navn', 'henvendelse', 'moede', 'stille']).optional().catch(undefined),
  side: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional().catch(undefined),
});
export type CaseloadListQuery = z.infer<typeof caseloadListQuery>;

/** Assigning a citizen to a caseworker of the organisation (a subject from its staff directory; empty: to no one), with a note. */
export const assignmentSchema = z.object({
  caseworker: z.string().trim().max(255),
  note: z.string().trim().max(1000, { message: 'validation.tooLong' }).optional(),
});
