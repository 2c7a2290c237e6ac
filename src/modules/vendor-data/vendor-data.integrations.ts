// The state's systems behind the Data API's CV, job wishes and job situation: Jobnet (STAR) holds a citizen's CV and
// job wishes, Det Fælles Datagrundlag (DFDG) their ledighedsstatus. The Data API speaks to them through the two
// interfaces below; the clients here call them over HTTP with a timeout (outside production: the simulators this app
// serves itself, vendor-data.simulators.ts) and check every answer with zod, since it comes from outside.
import { z } from 'zod';
import type { Config } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';

/** A CV as Jobnet keeps it, in the platform's words. */
export type Cv = {
  updatedAt: string;
  summary: string;
  experience: { title: string; employer: string; from: string; to: string | null; description: string }[];
  education: { title: string; institution: string; completedYear: number | null }[];
  skills: string[];
  languages: { language: string; level: 'modersmaal' | 'flydende' | 'godt' | 'grundlaeggende' }[];
  driversLicences: string[];
};

/** The jobs a citizen has told Jobnet they look for (occupations as DISCO-08 codes). */
export type JobWishes = {
  updatedAt: string;
  occupations: { discoCode: string; title: string }[];
  workingHours: 'fuldtid' | 'deltid' | 'begge';
  maxCommuteKm: number;
  municipalities: string[];
  availableFrom: string;
};

/** Where a citizen stands with the jobcenter according to DFDG. */
export type JobSituation = {
  ledighedsstatus: 'ledig' | 'sygemeldt' | 'i_job_med_loentilskud' | 'under_uddannelse';
  since: string;
  jobSeeking: boolean;
  nextMeeting: string | null;
  /** What the citizen lives on now ('ingen': no benefit). */
  benefit: 'dagpenge' | 'kontanthjaelp' | 'uddannelseshjaelp' | 'sygedagpenge' | 'andet' | 'ingen';
  /** The first day of the current spell of unemployment (Copenhagen calendar date); null when not unemployed. */
  unemployedSince: string | null;
  /** The citizen's a-kasse (unemployment insurance fund), when they are a member. */
  akasse: { cvr: string; name: string } | null;
};

/** Jobnet: CV and job wishes by CPR number; `undefined` when Jobnet holds none. Throws UNAVAILABLE when it fails. */
export interface JobnetAdapter {
  fetchCv(cpr: string): Promise<Cv | undefined>;
  fetchJobWishes(cpr: string): Promise<JobWishes | undefined>;
}

/** DFDG: the job situation by CPR number; `undefined` when DFDG knows no case. Throws UNAVAILABLE when it fails. */
export interface DfdgAdapter {
  fetchJobSituation(cpr: string): Promise<JobSituation | undefined>;
}

// What the systems answer, in their own (Danish) field names.
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const yearMonth = z.string().regex(/^\d{4}-\d{2}$/);
const jobnetCvSchema = z.object({
  opdateret: isoDate,
  resume: z.string().max(4000),
  erfaring: z
    .array(
      z.object({
        stilling: z.string().max(200),
        arbejdsgiver: z.string().max(200),
        fra: yearMonth,
        til: yearMonth.nullable(),
        beskrivelse: z.string().max(2000),
      }),
    )
    .max(50),
  uddannelse: z.array(z.object({ titel: z.string().max(200), institution: z.string().max(200), afsluttet: z.number().int().nullable() })).max(50),
  kompetencer: z.array(z.string().max(200)).max(100),
  sprog: z.array(z.object({ sprog: z.string().max(60), niveau: z.enum(['modersmaal', 'flydende', 'godt', 'grundlaeggende']) })).max(20),
  koerekort: z.array(z.string().max(10)).max(20),
});
const jobnetWishesSchema = z.object({
  opdateret: isoDate,
  joboensker: z.array(z.object({ discoKode: z.string().regex(/^\d{4,6}$/), titel: z.string().max(200) })).max(20),
  arbejdstid: z.enum(['fuldtid', 'deltid', 'begge']),
  maksTransportKm: z.number().int().min(0).max(1000),
  kommuner: z.array(z.string().regex(/^\d{3}$/)).max(98),
  kanStarte: isoDate,
});
const dfdgSituationSchema = z.object({
  ledighedsstatus: z.enum(['ledig', 'sygemeldt', 'i_job_med_loentilskud', 'under_uddannelse']),
  siden: isoDate,
  jobsoegende: z.boolean(),
  naesteSamtale: isoDate.nullable(),
  ydelse: z.enum(['dagpenge', 'kontanthjaelp', 'uddannelseshjaelp', 'sygedagpenge', 'andet', 'ingen']),
  ledigSiden: isoDate.nullable(),
  aKasse: z.object({ cvr: z.string().regex(/^\d{8}$/), navn: z.string().min(2).max(200) }).nullable(),
});

/** GETs `url` with the CPR number in a header (never in the URL, which ends up in logs); 404 = not known there. */
async function fetchFrom<S extends z.ZodType>(
  system: string,
  url: string | undefined,
  cpr: string,
  schema: S,
  timeoutMs: number,
): Promise<z.output<S> | undefined> {
  if (!url) throw new AppError('UNAVAILABLE', `${system} is not connected to this platform.`);
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json', 'x-cpr': cpr }, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new AppError(
      'UNAVAILABLE',
      timedOut ? `${system} did not answer within ${timeoutMs} ms; try again later.` : `${system} cannot be reached; try again later.`,
      [],
      { cause: error },
    );
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new AppError('UNAVAILABLE', `${system} answered ${response.status}; try again later.`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new AppError('UNAVAILABLE', `${system} answered with something that is not JSON.`, [], { cause: error });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('UNAVAILABLE', `${system} answered with data in an unexpected shape.`, [], { cause: parsed.error });
  return parsed.data;
}

/** The Jobnet client over HTTP (config.integrations.jobnetUrl). */
export function createJobnetClient(config: Pick<Config, 'integrations'>): JobnetAdapter {
  const { jobnetUrl, timeoutMs } = config.integrations;
  return {
    async fetchCv(cpr) {
      const cv = await fetchFrom('Jobnet', jobnetUrl && `${jobnetUrl}/v1/cv`, cpr, jobnetCvSchema, timeoutMs);
      if (!cv) return undefined;
      return {
        updatedAt: cv.opdateret,
        summary: cv.resume,
        experience: cv.erfaring.map((e) => ({ title: e.stilling, employer: e.arbejdsgiver, from: e.fra, to: e.til, description: e.beskrivelse })),
        education: cv.uddannelse.map((e) => ({ title: e.titel, institution: e.institution, completedYear: e.afsluttet })),
        skills: cv.kompetencer,
        languages: cv.sprog.map((s) => ({ language: s.sprog, level: s.niveau })),
        driversLicences: cv.koerekort,
      };
    },
    async fetchJobWishes(cpr) {
      const wishes = await fetchFrom('Jobnet', jobnetUrl && `${jobnetUrl}/v1/joboensker`, cpr, jobnetWishesSchema, timeoutMs);
      if (!wishes) return undefined;
      return {
        updatedAt: wishes.opdateret,
        occupations: wishes.joboensker.map((j) => ({ discoCode: j.discoKode, title: j.titel })),
        workingHours: wishes.arbejdstid,
        maxCommuteKm: wishes.maksTransportKm,
        municipalities: wishes.kommuner,
        availableFrom: wishes.kanStarte,
      };
    },
  };
}

/** The DFDG client over HTTP (config.integrations.dfdgUrl). */
export function createDfdgClient(config: Pick<Config, 'integrations'>): DfdgAdapter {
  const { dfdgUrl, timeoutMs } = config.integrations;
  return {
    async fetchJobSituation(cpr) {
      const situation = await fetchFrom('DFDG', dfdgUrl && `${dfdgUrl}/v1/ledighedsstatus`, cpr, dfdgSituationSchema, timeoutMs);
      if (!situation) return undefined;
      return {
        ledighedsstatus: situation.ledighedsstatus,
        since: situation.siden,
        jobSeeking: situation.jobsoegende,
        nextMeeting: situation.naesteSamtale,
        benefit: situation.ydelse,
        unemployedSince: situation.ledigSiden,
        akasse: situation.aKasse && { cvr: situation.aKasse.cvr, name: situation.aKasse.navn },
      };
    },
  };
}

/** One job-search activity for the citizen's Joblog (DFDG): an application, a job interview, a network meeting or another contact. */
export type JoblogActivity = {
  kind: 'application' | 'job-interview' | 'network' | 'other';
  jobTitle: string | null;
  employer: string;
  /** The calendar date it happened (YYYY-MM-DD). */
  on: string;
};

/**
 * Joblog in DFDG: registers an activity under a request id the caller keeps for it. `registered` when DFDG took it now,
 * `already-registered` when it had taken that request id before (DFDG answers a replayed x-requestId with 412).
 * Throws UNAVAILABLE when DFDG fails or cannot be reached (try again later), VALIDATION when it refuses the activity.
 */
export interface JoblogAdapter {
  registerActivity(cpr: string, requestId: string, activity: JoblogActivity): Promise<'registered' | 'already-registered'>;
}

/** Joblog's own (Danish) words for the kinds of activity. */
export const joblogActivityKinds = {
  application: 'jobansoegning',
  'job-interview': 'jobsamtale',
  network: 'netvaerksmoede',
  other: 'anden_kontakt',
} as const;

/** The Joblog client over HTTP (config.integrations.dfdgUrl): POST /v1/joblog with the CPR number and x-requestId in headers. */
export function createJoblogClient(config: Pick<Config, 'integrations'>): JoblogAdapter {
  const { dfdgUrl, timeoutMs } = config.integrations;
  return {
    async registerActivity(cpr, requestId, activity) {
      if (!dfdgUrl) throw new AppError('UNAVAILABLE', 'DFDG is not connected to this platform.');
      let response: Response;
      try {
        response = await fetch(`${dfdgUrl}/v1/joblog`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', 'x-cpr': cpr, 'x-requestId': requestId },
          body: JSON.stringify({
            aktivitet: joblogActivityKinds[activity.kind],
            stilling: activity.jobTitle,
            arbejdsgiver: activity.employer,
            dato: activity.on,
          }),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        throw new AppError('UNAVAILABLE', 'DFDG (Joblog) cannot be reached or did not answer in time; try again later.', [], { cause: error });
      }
      await response.body?.cancel();
      if (response.status === 201 || response.status === 200) return 'registered';
      if (response.status === 412) return 'already-registered';
      if (response.status === 408 || response.status === 429 || response.status >= 500)
        throw new AppError('UNAVAILABLE', `DFDG (Joblog) answered ${response.status}; try again later.`);
      throw new AppError('VALIDATION', `DFDG (Joblog) refused the activity (${response.status}).`);
    },
  };
}
