import { z } from 'zod';
import { copenhagenMomentSchema, requiredText } from '../../platform/validation.ts';
import { calendarDate } from '../../platform/time.ts';

export const localOfferKinds = ['workshop', 'course', 'job_fair', 'meeting', 'other'] as const;
export type LocalOfferKind = (typeof localOfferKinds)[number];

/** The largest logo the platform keeps (the database checks it too). */
export const LOGO_MAX_BYTES = 200_000;

/** The codes of the taxonomies curation refers to, read from the database (target groups: the active ones). */
export type CurationCodes = { journeyStages: readonly string[]; targetGroups: readonly string[]; languages: readonly string[] };

// Path parameters: anything that is not a well-formed id is refused before it reaches a service.
export const listingParams = z.object({ listingId: z.uuid() });
export const offerParams = z.object({ offerId: z.uuid() });
export const licenceParams = z.object({ licenceId: z.uuid() });
export const logoParams = z.object({ code: z.string().regex(/^[0-9]{3}$/) });

const pageNumber = z.coerce.number().int().min(1).max(1000).catch(1).default(1);

/** The workspace catalogue's query string: a search, all live listings or only the enabled ones, and the page. */
export const workspaceCatalogueQuery = z.object({
  q: z.string().max(200).optional().catch(undefined),
  vis: z.enum(['alle', 'valgte']).catch('alle').default('alle'),
  side: pageNumber,
  besked: z.enum(['valgt', 'fravalgt']).optional().catch(undefined),
});
export type WorkspaceCatalogueQuery = z.infer<typeof workspaceCatalogueQuery>;

/** Where an enable/disable form came from, so the answer goes back there (rebuilt, never taken as a URL). */
export const enablementForm = z.object({
  q: z.string().max(200).optional().catch(undefined),
  vis: z.enum(['alle', 'valgte']).optional().catch(undefined),
  side: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
  fra: z.enum(['liste', 'ydelse']).catch('liste').default('liste'),
});

export const listQuery = z.object({ side: pageNumber, besked: z.string().max(20).optional().catch(undefined) });

/** Optional text: trimmed; an empty field is not filled in (null); what is filled in has `min` to `max` characters. */
const optionalText = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => value === '' || value.length >= min, { message: 'validation.tooShort', params: { limit: min } })
    .optional()
    .transform((value) => (value ? value : null));

/** A radio group or select left empty asks for a choice, rather than for the field to be "filled in". */
const choiceMissing = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'validation.choice' : undefined) };

/** One of the database's codes. */
const codeOf = (codes: readonly string[]) => z.string(choiceMissing).refine((code) => codes.includes(code), { message: 'validation.choice' });

/** A form's repeated field (checkboxes): one value, several, or none. */
const codeList = (codes: readonly string[]) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => [...new Set(value === undefined ? [] : [value].flat())])
    .pipe(z.array(codeOf(codes)).max(20));

/** A select whose empty first option means "none". */
const optionalCode = (codes: readonly string[]) =>
  z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(codeOf(codes).optional());

/** A number as typed: spaces and Danish thousands separators ("1.000") go; anything else must be a plain number. */
function typedNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim().replace(/\s/g, '');
  if (text === '') return undefined;
  return Number(/^[0-9]{1,3}(\.[0-9]{3})+$/.test(text) ? text.replace(/\./g, '') : text);
}

/** A whole number typed into a text field; an empty field is not filled in. */
const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    typedNumber,
    z
      .number({ error: (issue) => (issue.code === 'invalid_type' ? 'validation.number' : undefined) })
      .int({ message: 'validation.number' })
      .min(min)
      .max(max)
      .optional(),
  );

const checkbox = z.unknown().transform((value) => value === 'ja' || value === true);

const datePart = z.string().trim().max(10).optional();

/** A calendar date typed into DKFDS date fields (day, month, year), as YYYY-MM-DD. */
const dateSchema = z.object({ day: datePart, month: datePart, year: datePart }).transform((v, ctx) => {
  const [day = '', month = '', year = ''] = [v.day, v.month, v.year].map((part) => part ?? '');
  if (!day && !month && !year) {
    ctx.addIssue({ code: 'custom', message: 'validation.required' });
    return z.NEVER;
  }
  const wellFormed = /^[0-9]{1,2}$/.test(day) && /^[0-9]{1,2}$/.test(month) && /^[0-9]{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100;
  const date = wellFormed ? calendarDate(Number(year), Number(month), Number(day)) : undefined;
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'curation.validation.date' });
    return z.NEVER;
  }
  return date;
});

/**
 * An amount in Danish kroner as people type it ("125.000,50", "125000", "125 000 kr."), as a numeric string with
 * two decimals. A dot followed by three digits separates thousands; otherwise a dot or comma is the decimal mark.
 */
const kroner = z
  .string()
  .trim()
  .min(1, { message: 'validation.required' })
  .max(30)
  .transform((text, ctx) => {
    let digits = text.replace(/\s|kr\.?|dkk/gi, '');
    if (digits.includes(',')) digits = digits.replace(/\./g, '').replace(',', '.');
    else if (/^[0-9]{1,3}(\.[0-9]{3})+$/.test(digits)) digits = digits.replace(/\./g, '');
    if (!/^[0-9]{1,10}(\.[0-9]{1,2})?$/.test(digits)) {
      ctx.addIssue({ code: 'custom', message: 'curation.validation.price' });
      return z.NEVER;
    }
    return Number(digits).toFixed(2);
  });

/** Runs a cross-field rule even when other fields failed, so every message shows at once. */
const always = { when: () => true };

/** A recommendation of an enabled listing for a target group, optionally at a journey stage, with a local note. */
export function recommendationSchema(codes: CurationCodes) {
  return z
    .object({
      targetGroup: codeOf(codes.targetGroups),
      journeyStage: optionalCode(codes.journeyStages),
      noteDa: optionalText(500),
      noteEn: optionalText(500),
    })
    .superRefine((v, ctx) => {
      // Danish first, English second, on every page: a note is written in both or not at all.
      if (v.noteDa && !v.noteEn) ctx.addIssue({ code: 'custom', path: ['noteEn'], message: 'curation.validation.noteBoth' });
      if (v.noteEn && !v.noteDa) ctx.addIssue({ code: 'custom', path: ['noteDa'], message: 'curation.validation.noteBoth' });
    }, always);
}
export type RecommendationInput = z.output<ReturnType<typeof recommendationSchema>>;

export const removeRecommendationSchema = z.object({ recommendationId: z.uuid() });

/**
 * A local offer as the content owner writes it. `earliestStart` (on creation: now) refuses an offer that has begun.
 * Sign-up needs a capacity; the end comes after the start.
 */
export function localOfferSchema(codes: CurationCodes, options: { earliestStart?: Date | undefined } = {}) {
  return z
    .object({
      kind: z.enum(localOfferKinds, choiceMissing),
      titleDa: requiredText({ min: 2, max: 120 }),
      titleEn: requiredText({ min: 2, max: 120 }),
      descriptionDa: requiredText({ min: 10, max: 4000 }),
      descriptionEn: requiredText({ min: 10, max: 4000 }),
      place: requiredText({ min: 2, max: 200 }),
      startsAt: copenhagenMomentSchema,
      endsAt: copenhagenMomentSchema,
      capacity: wholeNumber(1, 10_000),
      signupRequired: checkbox,
      journeyStage: optionalCode(codes.journeyStages),
      targetGroups: codeList(codes.targetGroups),
      languages: codeList(codes.languages).pipe(z.array(z.string()).min(1, { message: 'curation.validation.language' })),
    })
    .superRefine((v, ctx) => {
      const startsAt = v.startsAt as unknown;
      const endsAt = v.endsAt as unknown;
      if (startsAt instanceof Date && endsAt instanceof Date && endsAt <= startsAt) {
        ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'curation.validation.endBeforeStart' });
      }
      if (startsAt instanceof Date && options.earliestStart && startsAt <= options.earliestStart) {
        ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'curation.validation.inPast' });
      }
      if (v.signupRequired === true && v.capacity === undefined)
        ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'curation.validation.capacityForSignup' });
    }, always);
}
export type LocalOfferInput = z.output<ReturnType<typeof localOfferSchema>>;

/** A licence agreement: the listing (one the municipality may license), seats, period, price and budget holder. */
export function licenceSchema(listingIds: readonly string[]) {
  return z
    .object({
      listingId: z.string(choiceMissing).refine((id) => listingIds.includes(id), { message: 'validation.choice' }),
      seats: wholeNumber(1, 1_000_000).pipe(z.number({ message: 'validation.required' })),
      validFrom: dateSchema,
      validTo: dateSchema,
      priceDkk: kroner,
      budgetHolder: requiredText({ min: 2, max: 200 }),
    })
    .superRefine((v, ctx) => {
      const from = v.validFrom as unknown;
      const to = v.validTo as unknown;
      if (typeof from === 'string' && typeof to === 'string' && to < from)
        ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'curation.validation.toBeforeFrom' });
    }, always);
}
export type LicenceInput = z.output<ReturnType<typeof licenceSchema>>;

export type ImageType = 'image/png' | 'image/jpeg';

/** The image type a file really is, by its first bytes (PNG signature, JPEG start-of-image marker); never by its name. */
export function imageTypeOf(bytes: Buffer): ImageType | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

/**
 * Branding within DKFDS: a display name, contact texts in Danish and English, and a logo (PNG or JPEG up to
 * 200 kB, told by its bytes) with alternative text. `hasLogo`: a logo is stored already (it needs its text too).
 */
export function brandingSchema(options: { hasLogo: boolean }) {
  return z
    .object({
      displayName: optionalText(120, 2),
      contactTextDa: optionalText(1000),
      contactTextEn: optionalText(1000),
      logoAlt: optionalText(200),
      // An empty file field (no file chosen) keeps the logo there is.
      logo: z
        .instanceof(Buffer, { message: 'curation.validation.logoType' })
        .optional()
        .transform((bytes) => (bytes && bytes.length > 0 ? bytes : undefined)),
    })
    .superRefine((v, ctx) => {
      const logo = v.logo as unknown;
      if (logo instanceof Buffer) {
        if (logo.length > LOGO_MAX_BYTES) ctx.addIssue({ code: 'custom', path: ['logo'], message: 'curation.validation.logoTooBig' });
        else if (!imageTypeOf(logo)) ctx.addIssue({ code: 'custom', path: ['logo'], message: 'curation.validation.logoType' });
      }
      if ((logo instanceof Buffer || options.hasLogo) && !v.logoAlt)
        ctx.addIssue({ code: 'custom', path: ['logoAlt'], message: 'curation.validation.altRequired' });
    }, always);
}
export type BrandingInput = z.output<ReturnType<typeof brandingSchema>>;

/** The participant list's attendance fields: `attended.<citizen id>` with "ja" (came) or "nej" (did not come). */
const ATTENDED_FIELD = /^attended\.(.*)$/s;
const citizenId = z.uuid();

/**
 * Attendance as submitted from a page of the participant list: each chosen participant with whether they came, at
 * most `max` (a page's worth). A field whose name is not a citizen's id, a choice that is neither, or no choice at all
 * is a field error; which citizens are signed up is for the service to check.
 */
export function attendanceSchema(max: number) {
  return z.record(z.string(), z.unknown()).transform((form, ctx) => {
    const choices = new Map<string, boolean>();
    let refused = false;
    for (const [field, value] of Object.entries(form)) {
      const id = ATTENDED_FIELD.exec(field)?.[1];
      if (id === undefined) continue;
      if (!citizenId.safeParse(id).success) {
        ctx.addIssue({ code: 'custom', path: ['attendance'], message: 'curation.attendance.unknown' });
        refused = true;
      } else if ((value !== 'ja' && value !== 'nej') || choices.has(id.toLowerCase())) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'curation.attendance.choose' });
        refused = true;
      } else {
        choices.set(id.toLowerCase(), value === 'ja');
      }
    }
    if (!refused && choices.size === 0) ctx.addIssue({ code: 'custom', path: ['attendance'], message: 'curation.attendance.none' });
    if (choices.size > max) ctx.addIssue({ code: 'custom', path: ['attendance'], message: 'curation.attendance.tooMany', params: { limit: max } });
    return [...choices].map(([id, attended]) => ({ citizenId: id, attended }));
  });
}
export type AttendanceInput = z.output<ReturnType<typeof attendanceSchema>>;
