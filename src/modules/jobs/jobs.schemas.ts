import { z } from 'zod';

/** A repeated query parameter: absent or empty is none, one value is a list of one. */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v: unknown): unknown[] => (v === undefined || v === '' ? [] : Array.isArray(v) ? (v as unknown[]) : [v]), z.array(item).max(20));

/** A field a browser sends empty when nothing was chosen: empty is absent. */
const blankIsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((v: unknown) => (v === '' ? undefined : v), schema);

export const jobSorts = ['relevance', 'distance', 'newest', 'deadline'] as const;
export const radiusChoices = [5, 10, 25, 50, 100, 200] as const;
export const publishedChoices = [1, 7, 30] as const;

const municipalityCode = z.string().regex(/^\d{3}$/, { message: 'jobs.error.municipality' });
const hours = z.enum(['fuldtid', 'deltid'], { message: 'jobs.error.hours' });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'jobs.error.date' });
const escoUri = z.url({ message: 'jobs.error.occupation' }).max(300);

/**
 * The job search's page query (/job, /borger/job), in Danish names: text, occupation (an ESCO URI chosen from the
 * list, or typed text the search resolves), municipality, a place (a town's name or "lat,lon") with a radius, working
 * hours, published within days, deadline from, sort and page. A value that cannot be read is reported on its field.
 */
export const jobPageQuerySchema = z.object({
  q: z.string().max(200, { message: 'jobs.error.query' }).default(''),
  stilling: many(escoUri),
  stillingstekst: z.string().max(100).default(''),
  kommune: many(municipalityCode),
  sted: z.string().max(100, { message: 'jobs.error.place' }).default(''),
  afstand: blankIsAbsent(z.coerce.number().int().min(1, { message: 'jobs.error.radius' }).max(500, { message: 'jobs.error.radius' }).optional()),
  arbejdstid: many(hours),
  publiceret: blankIsAbsent(
    z.coerce
      .number()
      .int()
      .refine((d) => (publishedChoices as readonly number[]).includes(d), { message: 'jobs.error.published' })
      .optional(),
  ),
  frist: blankIsAbsent(isoDate.optional()),
  sortering: blankIsAbsent(z.enum(jobSorts, { message: 'jobs.error.sort' }).default('relevance')),
  side: z.coerce.number().int().min(1).max(500).default(1),
});
export type JobPageQuery = z.infer<typeof jobPageQuerySchema>;

export const adParams = z.object({ adId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/) });

/** GET /api/public/v1/jobs. */
export const jobApiQuerySchema = z.object({
  q: z
    .string()
    .max(200)
    .default('')
    .describe('Danish full text in web-search syntax ("quoted phrase", or, -not); stemmed, and a misspelt word is corrected when nothing is found.'),
  occupation: many(escoUri).describe('ESCO(-STAR) occupation concept URIs; any of them.'),
  municipality: many(municipalityCode).describe('Municipality codes (three digits); any of them.'),
  near: z.string().max(100).optional().describe('A place: a Danish town\'s name, a municipality code, or "lat,lon".'),
  radiusKm: z.coerce.number().int().min(1).max(500).default(50).describe('Kilometres from `near` (great-circle).'),
  hours: many(hours).describe('fuldtid (full time) or deltid (part time).'),
  publishedWithinDays: z.coerce.number().int().min(1).max(365).optional(),
  deadlineFrom: isoDate.optional().describe('Only ads one can still apply to on this day (YYYY-MM-DD).'),
  sort: z.enum(jobSorts).default('relevance'),
  page: z.coerce.number().int().min(1).max(500).default(1),
});

export const occupationQuerySchema = z.object({ q: z.string().min(1).max(100) });

const facetValue = z.object({ value: z.string(), label: z.string(), count: z.number().int() });

export const jobSearchResultSchema = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    correctedQuery: z.string().nullable().describe('The query searched instead, when a misspelt word was corrected.'),
    near: z.object({ name: z.string(), lat: z.number(), lon: z.number(), radiusKm: z.number() }).nullable(),
    items: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        language: z.enum(['da', 'en']),
        employer: z.string(),
        town: z.string(),
        municipalityCode: z.string(),
        lat: z.number(),
        lon: z.number(),
        occupation: z.object({ escoUri: z.string(), title: z.string() }),
        workingHours: z.enum(['fuldtid', 'deltid']),
        hoursPerWeek: z.number(),
        publishedAt: z.string(),
        deadline: z.string(),
        distanceKm: z.number().nullable(),
      }),
    ),
    facets: z.object({
      municipality: z.array(facetValue),
      hours: z.array(facetValue),
      occupation: z.array(facetValue),
      publishedWithinDays: z.array(facetValue),
    }),
  })
  .meta({ id: 'JobSearchResult' });

export const occupationListSchema = z.array(z.object({ escoUri: z.string(), title: z.string(), discoCode: z.string() })).meta({ id: 'Occupations' });

export const jobAdSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    text: z.string(),
    language: z.enum(['da', 'en']),
    employer: z.object({ name: z.string(), cvr: z.string() }),
    workplace: z.object({ town: z.string(), postalCode: z.string().nullable(), municipalityCode: z.string(), lat: z.number(), lon: z.number() }),
    occupation: z.object({ escoUri: z.string(), title: z.string(), discoCode: z.string() }),
    workingHours: z.enum(['fuldtid', 'deltid']),
    hoursPerWeek: z.number(),
    employment: z.enum(['fast', 'tidsbegraenset', 'vikariat', 'elev']),
    publishedAt: z.string(),
    deadline: z.string(),
    url: z.string(),
  })
  .meta({ id: 'JobAd' });

/** The form that saves a search as a job agent: its name, where mails go, how often, and the search itself. */
export const agentFormSchema = z.object({
  navn: z.string().trim().min(1, { message: 'jobs.agent.error.name' }).max(100, { message: 'jobs.agent.error.name' }),
  email: z
    .string()
    .trim()
    .max(200, { message: 'jobs.agent.error.email' })
    .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { message: 'jobs.agent.error.email' }),
  hyppighed: z.enum(['immediate', 'daily'], { message: 'jobs.agent.error.frequency' }),
  q: z.string().max(200, { message: 'jobs.error.query' }).default(''),
  stilling: many(escoUri),
  kommune: many(municipalityCode),
  sted: z.string().max(100, { message: 'jobs.error.place' }).default(''),
  afstand: blankIsAbsent(z.coerce.number().int().min(1, { message: 'jobs.error.radius' }).max(500, { message: 'jobs.error.radius' }).optional()),
  arbejdstid: many(hours),
});

export const agentParams = z.object({ agentId: z.uuid() });
export const unsubscribeParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/) });

export const unsubscribedSchema = z.object({ unsubscribed: z.literal(true) }).meta({ id: 'JobAgentUnsubscribed' });
