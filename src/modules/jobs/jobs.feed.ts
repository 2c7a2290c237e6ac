// The state's job-ad feed (Jobnet-shaped, in Jobnet's Danish field names), worked like JobTech's JobStream: a snapshot
// of every published ad at a cursor, read in pages, and then the changes after a cursor — new and changed ads whole,
// removed ads as tombstones. This file is the contract: the zod schemas of what the feed answers, the adapter
// interface ingestion uses, and its HTTP client. The simulator the app serves (jobs.simulator.ts) answers the same
// paths, so ingestion speaks real HTTP in development, tests and benchmarks.
//
//   GET {JOBNET_URL}/v1/jobannoncer/snapshot?cursor=<c>&efter=<annonceId>&antal=<n>
//       → { cursor, annoncer: Ad[], naeste: annonceId | null }
//       Without `cursor` the snapshot is taken at the feed's head and its cursor is returned; the pages after the first
//       pass that cursor back with `efter` = the last page's `naeste`. Ads are ordered by id.
//   GET {JOBNET_URL}/v1/jobannoncer/aendringer?efter=<cursor>&antal=<n>
//       → { cursor, aendringer: Change[], flere: boolean }
//       The changes after `efter` in the order they happened, at most `antal`; `cursor` is the last one's (or `efter`
//       when there is none), `flere` says whether more are waiting.
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const feedAdSchema = z.object({
  /** The ad's id at Jobnet, stable across its changes. */
  annonceId: z.string().min(1).max(64),
  /** Goes up by one with each change of the ad. */
  version: z.number().int().positive(),
  titel: z.string().min(1).max(300),
  /** The ad's text, plain text with paragraphs separated by blank lines. */
  tekst: z.string().min(1).max(20_000),
  /** The language the ad is written in (ISO 639-1). */
  sprog: z.enum(['da', 'en']),
  arbejdsgiver: z.object({ navn: z.string().min(1).max(200), cvr: z.string().regex(/^\d{8}$/) }),
  arbejdssted: z.object({
    by: z.string().min(1).max(100),
    postnummer: z
      .string()
      .regex(/^\d{4}$/)
      .nullable(),
    kommunekode: z.string().regex(/^\d{3}$/),
    lat: z.number().min(54).max(58),
    lon: z.number().min(7).max(16),
  }),
  stilling: z.object({
    /** The occupation's ESCO(-STAR) concept URI. */
    escoUri: z.url(),
    titel: z.string().min(1).max(200),
    /** The DISCO-08 group (four digits). */
    discoKode: z.string().regex(/^\d{4}$/),
  }),
  arbejdstid: z.enum(['fuldtid', 'deltid']),
  timerPrUge: z.number().min(1).max(60),
  ansaettelse: z.enum(['fast', 'tidsbegraenset', 'vikariat', 'elev']),
  /** When the ad was first published (ISO 8601 with offset). */
  publiceret: z.iso.datetime({ offset: true }),
  /** The last day to apply (Copenhagen date). */
  ansoegningsfrist: isoDate,
  /** Where to read the whole ad and apply. */
  url: z.url(),
});
export type FeedAd = z.infer<typeof feedAdSchema>;

export const feedChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('annonce'), annonce: feedAdSchema }),
  z.object({ type: z.literal('fjernet'), annonceId: z.string().min(1).max(64) }),
]);
export type FeedChange = z.infer<typeof feedChangeSchema>;

export const feedSnapshotPageSchema = z.object({
  cursor: z.string().min(1).max(64),
  annoncer: z.array(feedAdSchema),
  naeste: z.string().min(1).max(64).nullable(),
});
export type FeedSnapshotPage = z.infer<typeof feedSnapshotPageSchema>;

export const feedChangesPageSchema = z.object({
  cursor: z.string().min(1).max(64),
  aendringer: z.array(feedChangeSchema),
  flere: z.boolean(),
});
export type FeedChangesPage = z.infer<typeof feedChangesPageSchema>;

/** What ingestion needs of the feed. A cursor the feed no longer knows is refused with AppError CONFLICT. */
export type JobFeedAdapter = {
  snapshot(page: { cursor?: string; after?: string; limit: number }): Promise<FeedSnapshotPage>;
  changes(page: { after: string; limit: number }): Promise<FeedChangesPage>;
};

/** The feed over HTTP at `baseUrl` (config.integrations.jobnetUrl). */
export function createJobFeedClient(baseUrl: string | undefined, timeoutMs: number): JobFeedAdapter {
  async function get<S extends z.ZodType>(path: string, query: Record<string, string | number | undefined>, schema: S): Promise<z.output<S>> {
    if (!baseUrl) throw new AppError('UNAVAILABLE', 'Jobnet is not connected to this platform.');
    const url = new URL(`${baseUrl}${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    } catch (error) {
      throw new AppError('UNAVAILABLE', 'Jobnet’s job-ad feed cannot be reached; the next run tries again.', [], { cause: error });
    }
    if (response.status === 400 || response.status === 404 || response.status === 410) {
      await response.body?.cancel();
      // The feed no longer knows the cursor (too old, or the feed was reset): the reader starts a new snapshot.
      throw new AppError('CONFLICT', `Jobnet’s job-ad feed refused the cursor (${response.status}).`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new AppError('UNAVAILABLE', `Jobnet’s job-ad feed answered ${response.status}; the next run tries again.`);
    }
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new AppError('UNAVAILABLE', 'Jobnet’s job-ad feed answered with data in an unexpected shape.', [], { cause: parsed.error });
    return parsed.data;
  }
  return {
    snapshot: ({ cursor, after, limit }) => get('/v1/jobannoncer/snapshot', { cursor, efter: after, antal: limit }, feedSnapshotPageSchema),
    changes: ({ after, limit }) => get('/v1/jobannoncer/aendringer', { efter: after, antal: limit }, feedChangesPageSchema),
  };
}
