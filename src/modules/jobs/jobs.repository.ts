import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type { Employment, JobFeedStateTable, WorkingHours } from '../../platform/db/schema.ts';
import type { FeedAd } from './jobs.feed.ts';

type Executor = Db | Trx;

// ---------------------------------------------------------------------------------------------------------------
// Ingestion

export type FeedState = {
  phase: JobFeedStateTable['phase'];
  snapshotId: number;
  snapshotCursor: string | null;
  snapshotAfter: string | null;
  cursor: string | null;
  adsReceived: number;
  removals: number;
  lastRunAt: Date | null;
  lastError: string | null;
};

/** The feed's ingestion state, locked for the rest of the transaction (one ingestion at a time); undefined before the first run. */
export async function lockFeedState(trx: Trx, feed: string): Promise<FeedState | undefined> {
  const row = await trx.selectFrom('job_feed_state').selectAll().where('feed', '=', feed).forUpdate().executeTakeFirst();
  return row && stateOf(row);
}

function stateOf(row: Selectable<JobFeedStateTable>): FeedState {
  return {
    phase: row.phase,
    snapshotId: Number(row.snapshot_id),
    snapshotCursor: row.snapshot_cursor,
    snapshotAfter: row.snapshot_after,
    cursor: row.cursor,
    adsReceived: Number(row.ads_received),
    removals: Number(row.removals),
    lastRunAt: row.last_run_at,
    lastError: row.last_error,
  };
}

/** Makes the feed's state row on the first run (a snapshot from the start); a row that exists is left alone. */
export async function ensureFeedState(db: Db, feed: string): Promise<void> {
  await db
    .insertInto('job_feed_state')
    .values({ feed, phase: 'snapshot', snapshot_id: 1, snapshot_cursor: null, snapshot_after: null, cursor: null, last_run_at: null, last_error: null })
    .onConflict((oc) => oc.column('feed').doNothing())
    .execute();
}

/** The feed's state without a lock, for the status shown to operators. */
export async function selectFeedState(db: Db, feed: string): Promise<(FeedState & { ads: number }) | undefined> {
  const row = await db.selectFrom('job_feed_state').selectAll().where('feed', '=', feed).executeTakeFirst();
  if (!row) return undefined;
  const { count } = await db
    .selectFrom('job_ad')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return { ...stateOf(row), ads: Number(count) };
}

export async function saveFeedState(trx: Trx, feed: string, state: FeedState): Promise<void> {
  const values = {
    phase: state.phase,
    snapshot_id: state.snapshotId,
    snapshot_cursor: state.snapshotCursor,
    snapshot_after: state.snapshotAfter,
    cursor: state.cursor,
    ads_received: state.adsReceived,
    removals: state.removals,
    last_run_at: state.lastRunAt,
    last_error: state.lastError,
    updated_at: new Date(),
  };
  await trx
    .insertInto('job_feed_state')
    .values({ feed, ...values })
    .onConflict((oc) => oc.column('feed').doUpdateSet(values))
    .execute();
}

/** Records a failed run's reason on the feed's state (outside the failed transaction). */
export async function recordFeedError(db: Db, feed: string, message: string): Promise<void> {
  await db.updateTable('job_feed_state').set({ last_error: message, last_run_at: new Date(), updated_at: new Date() }).where('feed', '=', feed).execute();
}

/**
 * Writes ads as received: a new ad is inserted, a known one replaced unless the stored version is newer (a change
 * read twice changes nothing) — but a new snapshot replaces whatever an earlier one left, versions and all (after a
 * reset the feed's versions start again). `snapshotId` marks the ads a snapshot delivered. The occupations and the title words
 * join the typeahead list and the lexicon. Returns how many rows changed.
 */
export async function upsertAds(trx: Trx, ads: FeedAd[], snapshotId: number): Promise<number> {
  if (ads.length === 0) return 0;
  const rows = ads.map((a) => ({
    ad_id: a.annonceId,
    version: a.version,
    title: a.titel,
    body: a.tekst,
    ad_language: a.sprog,
    employer_name: a.arbejdsgiver.navn,
    employer_cvr: a.arbejdsgiver.cvr,
    town: a.arbejdssted.by,
    postal_code: a.arbejdssted.postnummer,
    municipality_code: a.arbejdssted.kommunekode,
    lat: a.arbejdssted.lat,
    lon: a.arbejdssted.lon,
    esco_uri: a.stilling.escoUri,
    occupation_title: a.stilling.titel,
    disco_code: a.stilling.discoKode,
    working_hours: a.arbejdstid,
    hours_per_week: a.timerPrUge,
    employment: a.ansaettelse,
    published_at: a.publiceret,
    deadline: a.ansoegningsfrist,
    url: a.url,
  }));
  const result = await sql`
    insert into job_ad (ad_id, version, title, body, ad_language, employer_name, employer_cvr, town, postal_code,
                        municipality_code, lat, lon, position, esco_uri, occupation_title, disco_code, working_hours,
                        hours_per_week, employment, published_at, deadline, url, snapshot_id)
    select r.ad_id, r.version, r.title, r.body, r.ad_language, r.employer_name, r.employer_cvr, r.town, r.postal_code,
           r.municipality_code, r.lat, r.lon, ll_to_earth(r.lat, r.lon), r.esco_uri, r.occupation_title, r.disco_code,
           r.working_hours, r.hours_per_week, r.employment, r.published_at, r.deadline, r.url, ${snapshotId}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
      ad_id text, version int, title text, body text, ad_language text, employer_name text, employer_cvr text, town text,
      postal_code text, municipality_code text, lat double precision, lon double precision, esco_uri text,
      occupation_title text, disco_code text, working_hours text, hours_per_week numeric, employment text,
      published_at timestamptz, deadline date, url text)
    on conflict (ad_id) do update set
      version = excluded.version, title = excluded.title, body = excluded.body, ad_language = excluded.ad_language,
      employer_name = excluded.employer_name, employer_cvr = excluded.employer_cvr, town = excluded.town,
      postal_code = excluded.postal_code, municipality_code = excluded.municipality_code, lat = excluded.lat,
      lon = excluded.lon, position = excluded.position, esco_uri = excluded.esco_uri,
      occupation_title = excluded.occupation_title, disco_code = excluded.disco_code,
      working_hours = excluded.working_hours, hours_per_week = excluded.hours_per_week,
      employment = excluded.employment, published_at = excluded.published_at, deadline = excluded.deadline,
      url = excluded.url, snapshot_id = excluded.snapshot_id, updated_at = now()
    where job_ad.version <= excluded.version or job_ad.snapshot_id < excluded.snapshot_id
  `.execute(trx);
  const occupations = [...new Map(ads.map((a) => [a.stilling.escoUri, a.stilling])).values()];
  await sql`
    insert into job_occupation (esco_uri, title, disco_code)
    select o.esco_uri, o.title, o.disco_code
    from jsonb_to_recordset(${JSON.stringify(occupations.map((o) => ({ esco_uri: o.escoUri, title: o.titel, disco_code: o.discoKode })))}::jsonb)
      as o(esco_uri text, title text, disco_code text)
    on conflict (esco_uri) do update set title = excluded.title, disco_code = excluded.disco_code
    where (job_occupation.title, job_occupation.disco_code) is distinct from (excluded.title, excluded.disco_code)
  `.execute(trx);
  const texts = [...new Set(ads.map((a) => `${a.titel} ${a.stilling.titel}`))];
  await sql`
    insert into job_word (word, stem)
    select w.word, s.stem
    from (select distinct word from unnest(${texts}::text[]) t(text),
          unnest(tsvector_to_array(to_tsvector('simple'::regconfig, t.text))) word
          where (word collate "da-DK-x-icu") ~ '^[[:alpha:]]{3,}$') w
    cross join lateral (select (ts_lexize('danish_stem', w.word))[1] as stem) s
    where s.stem is not null
    on conflict (word) do nothing
  `.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}

/** Removes ads the feed has taken down; returns how many there were. */
export async function deleteAds(trx: Trx, adIds: string[]): Promise<number> {
  if (adIds.length === 0) return 0;
  const result = await trx.deleteFrom('job_ad').where('ad_id', 'in', adIds).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** After a snapshot: removes the ads it no longer held. */
export async function deleteAdsNotInSnapshot(trx: Trx, snapshotId: number): Promise<number> {
  const result = await trx.deleteFrom('job_ad').where('snapshot_id', '<', String(snapshotId)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes the ads whose last day to apply is before `today`; returns how many. */
export async function deleteExpiredAds(db: Executor, today: string): Promise<number> {
  const result = await db
    .deleteFrom('job_ad')
    .where(sql<boolean>`deadline < ${today}::date`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes lexicon words and occupations no ad names any more. */
export async function pruneLexicon(db: Executor): Promise<void> {
  await sql`
    delete from job_word w
    where not exists (
      select 1 from (select distinct word from job_ad a,
                     unnest(tsvector_to_array(to_tsvector('simple'::regconfig, a.title || ' ' || a.occupation_title))) word) live
      where live.word = w.word)
  `.execute(db);
  await sql`delete from job_occupation o where not exists (select 1 from job_ad a where a.esco_uri = o.esco_uri)`.execute(db);
}

// ---------------------------------------------------------------------------------------------------------------
// Search

export type JobSort = 'relevance' | 'distance' | 'newest' | 'deadline';

export type JobSearch = {
  /** Danish full-text query in web-search syntax; empty: every ad. */
  query: string;
  occupations: string[];
  municipalities: string[];
  hours: WorkingHours[];
  /** Only ads published at or after this moment. */
  publishedSince: Date | undefined;
  /** Only ads whose last day to apply is on or after this day (never before today). */
  deadlineFrom: string;
  /** Within `radiusKm` of the point. */
  near: { lat: number; lon: number; radiusKm: number } | undefined;
  sort: JobSort;
  limit: number;
  offset: number;
};

export type JobRow = {
  ad_id: string;
  title: string;
  ad_language: 'da' | 'en';
  employer_name: string;
  town: string;
  municipality_code: string;
  lat: number;
  lon: number;
  occupation_title: string;
  esco_uri: string;
  working_hours: WorkingHours;
  hours_per_week: string;
  employment: Employment;
  published_at: Date;
  deadline: string;
  /** Metres from the search's point; null without one. */
  distance_m: number | null;
};

export type FacetRow = { facet: 'total' | 'municipality' | 'hours' | 'occupation' | 'published'; key: string | null; count: string };

/** A number of days before `now` a facet of publication date counts from. */
export const publishedBuckets = [1, 7, 30] as const;

export function conditions(
  search: Pick<JobSearch, 'query' | 'occupations' | 'municipalities' | 'hours' | 'publishedSince' | 'deadlineFrom' | 'near'>,
): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [sql`a.deadline >= ${search.deadlineFrom}::date`];
  if (search.query.trim() !== '') where.push(sql`a.search @@ websearch_to_tsquery('danish', ${search.query})`);
  if (search.occupations.length > 0) where.push(sql`a.esco_uri = any(${search.occupations}::text[])`);
  if (search.municipalities.length > 0) where.push(sql`a.municipality_code = any(${search.municipalities}::bpchar[])`);
  if (search.hours.length > 0) where.push(sql`a.working_hours = any(${search.hours}::text[])`);
  if (search.publishedSince) where.push(sql`a.published_at >= ${search.publishedSince}`);
  if (search.near) {
    const origin = sql`ll_to_earth(${search.near.lat}::float8, ${search.near.lon}::float8)`;
    const metres = search.near.radiusKm * 1000;
    // The box finds candidates through the GiST index; the exact great-circle distance decides.
    where.push(sql`earth_box(${origin}, ${metres}::float8) @> a.position and earth_distance(a.position, ${origin}) <= ${metres}::float8`);
  }
  return where;
}

function distanceColumn(search: JobSearch): RawBuilder<number | null> {
  return search.near ? sql<number>`earth_distance(a.position, ll_to_earth(${search.near.lat}::float8, ${search.near.lon}::float8))` : sql<null>`null::float8`;
}

/** A page of ads matching the search, in its order (ties by id, so pages never overlap). */
export async function searchAds(db: Db, search: JobSearch): Promise<JobRow[]> {
  const hasQuery = search.query.trim() !== '';
  const order = {
    relevance: hasQuery ? sql`ts_rank(a.search, websearch_to_tsquery('danish', ${search.query})) desc, a.published_at desc` : sql`a.published_at desc`,
    distance: search.near ? sql`distance_m asc` : sql`a.published_at desc`,
    newest: sql`a.published_at desc`,
    deadline: sql`a.deadline asc`,
  }[search.sort];
  const { rows } = await sql<JobRow>`
    select a.ad_id, a.title, a.ad_language, a.employer_name, a.town, a.municipality_code, a.lat, a.lon, a.occupation_title,
           a.esco_uri, a.working_hours, a.hours_per_week::text as hours_per_week, a.employment, a.published_at,
           a.deadline::text as deadline, ${distanceColumn(search)} as distance_m
    from job_ad a
    where ${sql.join(conditions(search), sql` and `)}
    order by ${order}, a.ad_id
    limit ${search.limit} offset ${search.offset}
  `.execute(db);
  return rows;
}

/**
 * The counts of the ads matching the search: in all, per municipality, per working hours, per occupation (the 12
 * most frequent of each) and per publication bucket (the last 1, 7 and 30 days before `now`).
 */
export async function countFacets(db: Db, search: JobSearch, now: Date): Promise<FacetRow[]> {
  const since = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const { rows } = await sql<FacetRow>`
    with f as materialized (
      select a.municipality_code, a.working_hours, a.esco_uri, a.published_at
      from job_ad a
      where ${sql.join(conditions(search), sql` and `)}
    )
    select 'total' as facet, null as key, count(*)::text as count from f
    union all (select 'municipality', municipality_code, count(*)::text from f group by municipality_code order by count(*) desc, municipality_code limit 12)
    union all (select 'hours', working_hours, count(*)::text from f group by working_hours)
    union all (select 'occupation', esco_uri, count(*)::text from f group by esco_uri order by count(*) desc, esco_uri limit 12)
    union all select 'published', '1', count(*)::text from f where published_at >= ${since(1)}
    union all select 'published', '7', count(*)::text from f where published_at >= ${since(7)}
    union all select 'published', '30', count(*)::text from f where published_at >= ${since(30)}
  `.execute(db);
  return rows;
}

export type JobAdRow = JobRow & { body: string; employer_cvr: string; postal_code: string | null; disco_code: string; url: string; version: number };

/** One ad, whole; undefined when the feed has no such ad (or it expired). */
export async function selectAd(db: Db, adId: string, today: string): Promise<JobAdRow | undefined> {
  const { rows } = await sql<JobAdRow>`
    select a.ad_id, a.version, a.title, a.body, a.ad_language, a.employer_name, a.employer_cvr, a.town, a.postal_code,
           a.municipality_code, a.lat, a.lon, a.occupation_title, a.esco_uri, a.disco_code, a.working_hours,
           a.hours_per_week::text as hours_per_week, a.employment, a.published_at, a.deadline::text as deadline, a.url,
           null::float8 as distance_m
    from job_ad a
    where a.ad_id = ${adId} and a.deadline >= ${today}::date
  `.execute(db);
  return rows[0];
}

/** For each word, the nearest lexicon word by trigram distance; the word itself when its stem is known; null when nothing is near. */
export async function selectNearestJobWords(db: Db, words: string[]): Promise<{ word: string; nearest: string | null }[]> {
  const { rows } = await sql<{ word: string; nearest: string | null }>`
    select q.word,
           case when s.stem is null or exists (select 1 from job_word k where k.stem = s.stem) then q.word
                else (select w.word from job_word w where w.word % q.word order by w.word <-> q.word, w.word limit 1)
           end as nearest
    from unnest(${words}::text[]) with ordinality q(word, position)
    cross join lateral (select (ts_lexize('danish_stem', q.word))[1] as stem) s
    order by q.position
  `.execute(db);
  return rows;
}

export type OccupationRow = { esco_uri: string; title: string; disco_code: string };

/** Occupations whose title starts with, contains or resembles `text`, best first. */
export async function selectOccupations(db: Db, text: string, limit: number): Promise<OccupationRow[]> {
  const { rows } = await sql<OccupationRow>`
    select esco_uri, title, disco_code from job_occupation
    where title ilike ${`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or title % ${text}
    order by (lower(title) like lower(${`${text}%`})) desc, title <-> ${text}, title
    limit ${limit}
  `.execute(db);
  return rows;
}

/** The occupations with these URIs (names for facets and chosen filters). */
export async function selectOccupationsByUri(db: Db, uris: string[]): Promise<OccupationRow[]> {
  if (uris.length === 0) return [];
  return db.selectFrom('job_occupation').select(['esco_uri', 'title', 'disco_code']).where('esco_uri', 'in', uris).execute();
}

/** Occupations in a DISCO-08 group (a citizen's job wishes name groups). */
export async function selectOccupationsByDisco(db: Db, discoCodes: string[]): Promise<OccupationRow[]> {
  if (discoCodes.length === 0) return [];
  return db.selectFrom('job_occupation').select(['esco_uri', 'title', 'disco_code']).where('disco_code', 'in', discoCodes).orderBy('title').execute();
}
