// zod schemas of the Data API's answers (they make the OpenAPI document) and of the contact form.
import { z } from 'zod';

const sub = z.string().describe('The pairwise subject identifier: the same for every service of one vendor, different between vendors.');
const isoDate = z.string().describe('A date, YYYY-MM-DD.');

export const profileResponseSchema = z
  .object({
    sub,
    firstName: z.string(),
    fullName: z.string(),
    municipality: z.object({ code: z.string().describe('Kommunekode, three digits.'), name: z.string() }),
    preferredLanguage: z.enum(['da', 'en']).describe('The language the citizen prefers to be written to in.'),
  })
  .meta({ id: 'VendorDataProfile' });

export const contactResponseSchema = z
  .object({
    sub,
    email: z.string().nullable(),
    phone: z.string().nullable().describe('E.164, e.g. +4512345678; null when the citizen has not given one.'),
  })
  .meta({ id: 'VendorDataContact' });

const cvSchema = z.object({
  updatedAt: isoDate,
  summary: z.string(),
  experience: z.array(
    z.object({
      title: z.string(),
      employer: z.string(),
      from: z.string().describe('YYYY-MM'),
      to: z.string().nullable().describe('YYYY-MM; null = still there'),
      description: z.string(),
    }),
  ),
  education: z.array(z.object({ title: z.string(), institution: z.string(), completedYear: z.number().int().nullable() })),
  skills: z.array(z.string()),
  languages: z.array(z.object({ language: z.string(), level: z.enum(['modersmaal', 'flydende', 'godt', 'grundlaeggende']) })),
  driversLicences: z.array(z.string()),
});

export const cvResponseSchema = z
  .object({ sub, cv: cvSchema.nullable().describe('The CV the citizen keeps on Jobnet; null when there is none.') })
  .meta({ id: 'VendorDataCv' });

export const jobWishesResponseSchema = z
  .object({
    sub,
    jobWishes: z
      .object({
        updatedAt: isoDate,
        occupations: z.array(z.object({ discoCode: z.string().describe('DISCO-08 occupation code.'), title: z.string() })),
        workingHours: z.enum(['fuldtid', 'deltid', 'begge']),
        maxCommuteKm: z.number().int(),
        municipalities: z.array(z.string()).describe('Kommunekoder where the citizen looks for work.'),
        availableFrom: isoDate,
      })
      .nullable()
      .describe('The job wishes registered on Jobnet; null when there are none.'),
  })
  .meta({ id: 'VendorDataJobWishes' });

export const planResponseSchema = z
  .object({
    sub,
    jobSituation: z
      .object({
        ledighedsstatus: z.enum(['ledig', 'sygemeldt', 'i_job_med_loentilskud', 'under_uddannelse']),
        since: isoDate,
        jobSeeking: z.boolean(),
        nextMeeting: isoDate.nullable().describe('The next meeting at the jobcenter, when one is booked.'),
      })
      .nullable()
      .describe('From Det Fælles Datagrundlag (DFDG); null when there is no case.'),
    activities: z.array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        status: z.enum(['planned', 'in_progress', 'done', 'dropped']),
        source: z.enum(['chosen', 'recommended', 'assigned']).describe('Chosen by the citizen, recommended or assigned by the jobcenter.'),
        listingId: z.uuid().nullable(),
        localOfferId: z.uuid().nullable(),
        dueOn: isoDate.nullable(),
        createdAt: z.string(),
        updatedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'VendorDataPlan' });

export const headerResponseSchema = z
  .object({
    firstName: z.string(),
    municipality: z.object({ code: z.string(), name: z.string() }),
    links: z.object({
      journey: z.url().describe('"Min jobrejse" on the platform.'),
      help: z.url(),
      signOut: z.url().describe('Ends the platform session (and the services’ through logout).'),
    }),
  })
  .meta({ id: 'VendorDataHeader' });

/** The contact form: both optional, each checked on its own; the phone number is normalised to E.164. */
export const contactFormSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254, { message: 'validation.tooLong' })
    .transform((v) => v || null)
    .pipe(z.email({ message: 'validation.email' }).nullable()),
  phone: z
    .string()
    .trim()
    .max(30, { message: 'vendorData.contact.phoneInvalid' })
    .transform((v, ctx) => {
      if (!v) return null;
      const normalised = normalisePhone(v);
      if (!normalised) {
        ctx.addIssue({ code: 'custom', message: 'vendorData.contact.phoneInvalid' });
        return z.NEVER;
      }
      return normalised;
    }),
  preferredLanguage: z.enum(['da', 'en'], { message: 'validation.choice' }),
});
export type ContactForm = z.infer<typeof contactFormSchema>;

/** "12 34 56 78", "+45 12345678", "0045-12345678" → "+4512345678"; a foreign number needs its +country code. */
export function normalisePhone(input: string): string | undefined {
  const compact = input.replace(/[\s\-().]/g, '').replace(/^00/, '+');
  if (/^\d{8}$/.test(compact)) return `+45${compact}`;
  if (/^\+45\d{8}$/.test(compact)) return compact;
  if (/^\+(?!45)[1-9]\d{7,14}$/.test(compact)) return compact;
  return undefined;
}

/** "+4512345678" → "+45 12 34 56 78" (Danish numbers in pairs); other numbers as stored. */
export function formatPhone(e164: string): string {
  const danish = /^\+45(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return danish ? `+45 ${danish.slice(1).join(' ')}` : e164;
}
