import { z } from 'zod';
import { calendarDate } from '../../platform/time.ts';
import { requiredText } from '../../platform/validation.ts';
import { isValidCvr } from '../vendors/index.ts';

/** An organisation's id in a path: 'kommune-<code>', 'akasse-<cvr>' or 'aktoer-<cvr>'. */
export const organisationIdPattern = /^(kommune-[0-9]{3}|akasse-[0-9]{8}|aktoer-[0-9]{8})$/;
export const organisationParams = z.object({ organisationId: z.string().regex(organisationIdPattern) });

/** A list page's number (?side=2) and the notice a redirect asks for (?besked=…). */
export const listQuery = z.object({
  side: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  besked: z.string().max(40).optional().catch(undefined),
});

/** A CVR number as people type it ("12 34 56 78" too): eight digits passing the modulus-11 check. */
const cvr = z
  .string()
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(
    z
      .string()
      .min(1, { message: 'validation.required' })
      .refine((value) => isValidCvr(value), { message: 'organisations.validation.cvr' }),
  );

/** An optional text: empty means none. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || null);

const optionalEmail = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || null)
  .pipe(z.email({ message: 'validation.email' }).nullable());

const optionalWebsite = z
  .string()
  .trim()
  .max(300)
  .optional()
  .transform((value) => value || null)
  .pipe(z.url({ protocol: /^https$/, message: 'validation.url' }).nullable());

/** An organisation's name, CVR number and contact details (an a-kasse's, or another actor's at registration). */
export const organisationDetailsSchema = z.object({
  name: requiredText({ min: 2, max: 200 }),
  cvr,
  phone: optionalText(40),
  email: optionalEmail,
  website: optionalWebsite,
});
export type OrganisationDetailsInput = z.output<typeof organisationDetailsSchema>;

const datePart = z.string().trim().max(4).optional();

/** A calendar date typed into DKFDS date fields (day, month, year), as YYYY-MM-DD; all empty is undefined. */
const optionalDate = z.object({ day: datePart, month: datePart, year: datePart }).transform((v, ctx) => {
  const [day = '', month = '', year = ''] = [v.day, v.month, v.year].map((part) => part ?? '');
  if (!day && !month && !year) return undefined;
  const wellFormed = /^[0-9]{1,2}$/.test(day) && /^[0-9]{1,2}$/.test(month) && /^[0-9]{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100;
  const date = wellFormed ? calendarDate(Number(year), Number(month), Number(day)) : undefined;
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'curation.validation.date' });
    return z.NEVER;
  }
  return date;
});

const datesShape = {
  validFrom: optionalDate.refine((date) => date !== undefined, { message: 'validation.required' }),
  validTo: optionalDate,
};

/** The last day, when there is one, comes after the first. */
function lastDayAfterFirst(v: { validFrom?: string | undefined; validTo?: string | undefined }, ctx: z.RefinementCtx): void {
  if (v.validFrom && v.validTo && v.validTo <= v.validFrom)
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'organisations.validation.lastDayAfterFirst' });
}

const datesOut = <T extends { validFrom?: string | undefined; validTo?: string | undefined }>(v: T) => ({
  ...v,
  validFrom: v.validFrom ?? '',
  validTo: v.validTo ?? null,
});

/** A contract's first day (required) and last day (none: open-ended), the last after the first. */
export const contractDatesSchema = z.object(datesShape).superRefine(lastDayAfterFirst).transform(datesOut);
export type ContractDatesInput = z.output<typeof contractDatesSchema>;

/** Another actor registered by a municipality: who it is, and the contract's dates. */
export const actorRegistrationSchema = organisationDetailsSchema.extend(datesShape).superRefine(lastDayAfterFirst).transform(datesOut);
export type ActorRegistrationInput = z.output<typeof actorRegistrationSchema>;

/** What a municipality calls its employment service ("Jobcenter København", "Beskæftigelse og Borgerservice"). */
export const employmentServiceSchema = z.object({ employmentServiceName: requiredText({ min: 2, max: 200 }) });
