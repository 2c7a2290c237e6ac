// The synthetic world generator (issue 16): vendors, live listings, citizens with profiles, enablements, licences and
// seats, launches, ratings, dismissals, escalations, local offers with sign-ups and — above all — exactly N activity
// events with a believable shape (a few listings take most launches; starts, completions and drops in realistic
// shares; low in July and late December, high in January and September; quiet weekends; a share received late).
// It is a fixture tool like the demo seed: it writes every module's tables as the database owner, which no use case
// may, so it lives outside the modules (a *.seed.ts, where SQL is allowed outside repositories).
//
// Rows are made inside PostgreSQL (insert … select over generate_series) from a seeded hash of each row's index, so
// the same seed on the same empty database gives the same world, and 10 million events never pass through Node.
// Events are written in chunks of about 250,000, in the order they were received, as the ingest appends them (the
// statistics' block-range indexes rely on that order).
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Db } from '../platform/db/database.ts';
import type { Database } from '../platform/db/schema.ts';

/** Every synthetic row is marked with this: citizens' person_uuid, the creators of listings, enablements and licences. */
export const SYNTHETIC_MARK = 'urn:jobunivers:synthetic';

export const generateOptionsSchema = z.object({
  events: z.number().int().min(0).max(1_000_000_000).default(10_000_000),
  citizens: z.number().int().min(1).max(20_000_000).default(150_000),
  listings: z.number().int().min(1).max(10_000).default(500),
  vendors: z.number().int().min(1).max(10_000).default(60),
  /** Kommunekoder, or every municipality in the database. */
  municipalities: z.union([z.literal('all'), z.array(z.string().regex(/^[0-9]{3}$/)).min(1)]).default('all'),
  months: z.number().int().min(1).max(60).default(12),
  seed: z.number().int().min(0).max(2_147_483_647).default(1),
  lateShare: z.number().min(0).max(1).default(0.02),
  /** Where the period ends (exclusive); midnight today in Copenhagen when absent. */
  until: z.date().optional(),
});
export type GenerateOptions = z.input<typeof generateOptionsSchema>;

export type GenerateProgress = { phase: string; done: number; total: number };

export type GenerateSummary = {
  seed: number;
  from: Date;
  until: Date;
  municipalities: number;
  vendors: number;
  listings: number;
  citizens: number;
  profiles: number;
  enablements: number;
  licences: number;
  licenceSeats: number;
  launches: number;
  noSeatLaunches: number;
  events: number;
  lateEvents: number;
  ratings: number;
  dismissals: number;
  escalations: number;
  localOffers: number;
  signUps: number;
  /** Sign-ups recorded as came or did not come. */
  attendance: number;
  /** Marketplace pages seen: lists (some of them searches) and services' own pages. */
  marketplaceViews: number;
  /** 'replica': the bulk inserts ran with session_replication_role = replica (no triggers, no foreign-key checks). */
  triggers: 'replica' | 'on';
  seconds: number;
  eventsPerSecond: number;
};

const EVENT_TYPES = ['started', 'progress', 'completed', 'dropped', 'certificate-issued', 'application-sent', 'meeting-held'] as const;
const EVENT_CHUNK = 250_000;
// Zipf-like popularity: listing rank r is drawn with weight about r^-1.6, so the top 5 of 500 take about three quarters
// of the launches (France's Emploi Store: the top 5 of 300 took 75 %).
const ZIPF_EXPONENT = 1.6;

// Residents (thousands, 2025) of the largest municipalities; the others get 25–65 thousand, drawn from the seed.
const LARGE_MUNICIPALITIES: Record<string, number> = {
  '101': 667,
  '751': 367,
  '851': 222,
  '461': 209,
  '561': 116,
  '630': 122,
  '147': 105,
  '730': 99,
};

// Seasons of job search: high in January and September, low in July and in the last days of December.
const MONTH_WEIGHTS = [1.3, 1.15, 1.05, 1.0, 0.95, 0.85, 0.4, 0.9, 1.3, 1.1, 1.05, 0.9];
// Monday first; weekends are quiet.
const WEEKDAY_WEIGHTS = [1.2, 1.15, 1.1, 1.05, 0.85, 0.3, 0.35];

const TARGET_GROUP_WEIGHTS: Record<string, number> = { job_ready: 45, education_ready: 15, activity_ready: 22, sick_leave: 13, flex_job: 5 };
const STAGE_WEIGHTS: Record<string, number> = { clarify: 20, search: 35, prepare: 20, upskill: 15, in_job: 10 };

type Topic = { da: string; en: string; category: string; stage: string };
const TOPICS: Topic[] = [
  { da: 'CV-værksted', en: 'CV workshop', category: 'cv_application', stage: 'search' },
  { da: 'Ansøgningsskrivning', en: 'Writing applications', category: 'cv_application', stage: 'search' },
  { da: 'Jobsamtaletræning', en: 'Interview training', category: 'interview', stage: 'prepare' },
  { da: 'Kom godt i gang med IT', en: 'Getting started with IT', category: 'digital_skills', stage: 'prepare' },
  { da: 'Excel for begyndere', en: 'Excel for beginners', category: 'digital_skills', stage: 'upskill' },
  { da: 'Truckcertifikat', en: 'Forklift certificate', category: 'courses', stage: 'upskill' },
  { da: 'Lager og logistik', en: 'Warehouse and logistics', category: 'courses', stage: 'upskill' },
  { da: 'Trivsel og rutiner', en: 'Wellbeing and routines', category: 'wellbeing', stage: 'clarify' },
  { da: 'Stress og søvn', en: 'Stress and sleep', category: 'wellbeing', stage: 'clarify' },
  { da: 'Dansk på arbejdspladsen', en: 'Danish at work', category: 'language', stage: 'prepare' },
  { da: 'Sprogmakker', en: 'Language buddy', category: 'language', stage: 'clarify' },
  { da: 'Netværksmentor', en: 'Network mentor', category: 'networking', stage: 'search' },
  { da: 'LinkedIn for jobsøgende', en: 'LinkedIn for job seekers', category: 'networking', stage: 'search' },
  { da: 'Brancheskift', en: 'Changing trade', category: 'courses', stage: 'clarify' },
  { da: 'Godt i gang i nyt job', en: 'A good start in a new job', category: 'wellbeing', stage: 'in_job' },
  { da: 'Kundeservice', en: 'Customer service', category: 'courses', stage: 'upskill' },
];
// What citizens search the marketplace for: words the synthetic listings answer, and words nothing answers.
const SEARCH_WORDS = {
  found: ['cv', 'ansøgning', 'jobsamtale', 'excel', 'truckcertifikat', 'lager', 'stress', 'dansk', 'linkedin', 'netværk', 'kundeservice', 'trivsel'],
  missing: ['sosu', 'kørekort', 'svejsning', 'pædagog', 'tysk', 'bogholderi'],
};
const PRICE_MODELS = ['free', 'free', 'licence', 'per_seat', 'per_completion'] as const;
const OFFER_KINDS = [
  { kind: 'workshop', da: 'CV-workshop i jobcentret', en: 'CV workshop at the job centre' },
  { kind: 'job_fair', da: 'Jobmesse', en: 'Job fair' },
  { kind: 'course', da: 'Kursus i digital jobsøgning', en: 'Course in digital job search' },
] as const;

/** Whether the synthetic world of this seed has been generated in the database (its citizens exist). */
export async function syntheticWorldExists(db: Db, seed: number): Promise<boolean> {
  const prefix = `${SYNTHETIC_MARK}:${seed}:`;
  const { rows } = await sql<{ found: boolean }>`select exists (select 1 from citizen where starts_with(person_uuid, ${prefix})) as found`.execute(db);
  return rows[0]?.found === true;
}

/**
 * Generates a synthetic world in the database (the owner's connection: it writes every module's tables). Deterministic
 * for a seed on the same empty database. Throws when a municipality is unknown or the seed's world exists already.
 */
export async function generateWorld(db: Db, options: GenerateOptions, progress?: (p: GenerateProgress) => void): Promise<GenerateSummary> {
  const o = generateOptionsSchema.parse(options);
  const started = performance.now();
  if (await syntheticWorldExists(db, o.seed)) throw new Error(`A synthetic world with seed ${o.seed} exists already; choose another --seed.`);
  const dropPlan = async (conn: Conn) => {
    for (const table of TEMP_TABLES) await sql.raw(`drop table if exists pg_temp.${table}`).execute(conn);
  };
  const finish = (summary: Omit<GenerateSummary, 'seconds' | 'eventsPerSecond'>): GenerateSummary => {
    const seconds = (performance.now() - started) / 1000;
    return { ...summary, seconds, eventsPerSecond: o.events / Math.max(seconds, 0.001) };
  };
  if (db.isTransaction) {
    // Inside the caller's transaction (the demo seed): one step, all or nothing; a failure rolls the plan back too.
    const summary = await generate(db, (work) => work(db as Transaction<Database>), o, progress);
    await dropPlan(db);
    return finish(summary);
  }
  // One connection throughout, since the plan lives in temporary tables; each step commits on its own, so a failed
  // run leaves what its finished steps wrote.
  return db.connection().execute(async (conn) => {
    try {
      return finish(await generate(conn, (work) => conn.transaction().execute(work), o, progress));
    } finally {
      await dropPlan(conn).catch(() => undefined);
    }
  });
}

const TEMP_TABLES = ['gen_muni', 'gen_citizen', 'gen_active', 'gen_listing', 'gen_day', 'gen_launch', 'gen_enrol', 'gen_licence', 'gen_event', 'gen_offer'];

type Conn = Kysely<Database>;
type Step = <T>(work: (trx: Transaction<Database>) => Promise<T>) => Promise<T>;
type Options = z.output<typeof generateOptionsSchema>;

async function generate(
  conn: Conn,
  step: Step,
  o: Options,
  progress?: (p: GenerateProgress) => void,
): Promise<Omit<GenerateSummary, 'seconds' | 'eventsPerSecond'>> {
  const random = mulberry32(o.seed);
  const until = o.until ?? copenhagenMidnight(new Date());
  const from = new Date(until);
  from.setUTCMonth(from.getUTCMonth() - o.months);
  const worldSteps = 8;
  let worldDone = 0;
  const tick = () => progress?.({ phase: 'world', done: ++worldDone, total: worldSteps });
  progress?.({ phase: 'world', done: 0, total: worldSteps });

  // Every pseudo-random number in SQL: a uniform [0, 1) from a 64-bit hash of the row's key and a salt of the seed.
  const seedBase = o.seed * 1000;
  const u = (key: string, salt: number) => `((hashint8extended((${key})::int8, ${seedBase + salt}) & 4503599627370495)::float8 / 4503599627370496.0)`;
  const lit = (value: string) => `'${value.replaceAll("'", "''")}'`;
  const pick = (uniform: string, weighted: [string, number][]) => {
    const total = weighted.reduce((sum, [, w]) => sum + w, 0);
    let cumulative = 0;
    const arms = weighted.slice(0, -1).map(([value, weight]) => {
      cumulative += weight / total;
      return `when ${uniform} < ${cumulative} then ${lit(value)}`;
    });
    return `(case ${arms.join(' ')} else ${lit(weighted.at(-1)?.[0] ?? '')} end)`;
  };
  // A version 4 UUID made from a hash of `key`, so a seed's identifiers are the same on every run.
  const uuidOf = (key: string) => `(substr(md5(${key}), 1, 12) || '4' || substr(md5(${key}), 14, 3) || '8' || substr(md5(${key}), 18, 15))::uuid`;
  const zipfRank = (uniform: string) =>
    `least(${o.listings}, greatest(1, floor(power(1 - ${uniform} * (1 - power(${o.listings + 1}, ${1 - ZIPF_EXPONENT})), ${1 / (1 - ZIPF_EXPONENT)}))::int))`;
  const fromLit = `${lit(from.toISOString())}::timestamptz`;
  const untilLit = `${lit(until.toISOString())}::timestamptz`;
  const exec = (trx: Conn, text: string) => sql.raw(text).execute(trx);
  const affected = async (trx: Conn, text: string) => Number((await exec(trx, text)).numAffectedRows ?? 0n);
  const count = async (trx: Conn, text: string) => Number((await sql.raw<{ n: string }>(text).execute(trx)).rows[0]?.n ?? 0);

  const { rows: privileges } = await sql<{ superuser: boolean }>`select current_setting('is_superuser') = 'on' as superuser`.execute(conn);
  // The bulk tables' triggers announce changes per row or per statement (0037, 0076) and their foreign keys are checked
  // row by row; the rows made here are new and consistent by construction, so a superuser skips both for them.
  const replica = privileges[0]?.superuser === true;
  // A crash loses at most the last chunk, which a fixture tool can afford; the commit need not wait for the disk.
  const bulk = async (trx: Conn) => {
    await exec(trx, 'set local synchronous_commit = off');
    if (replica) await exec(trx, 'set local session_replication_role = replica');
  };
  const endBulk = async (trx: Conn) => {
    if (replica) await exec(trx, 'set local session_replication_role = origin');
  };

  // 1. Municipalities, their citizens' share by size, and the days with their seasonal weight.
  const known = await sql<{ code: string }>`select code from municipality order by code`.execute(conn);
  const allCodes = known.rows.map((r) => r.code);
  const codes = o.municipalities === 'all' ? allCodes : [...new Set(o.municipalities)].sort();
  const unknown = codes.filter((code) => !allCodes.includes(code));
  if (unknown.length > 0) throw new Error(`Unknown municipality code(s): ${unknown.join(', ')}.`);
  const weights = codes.map((code) => LARGE_MUNICIPALITIES[code] ?? 25 + 40 * random());
  const shares = allocate(o.citizens, weights);
  let firstIndex = 1;
  const municipalities = codes.map((code, i) => {
    const row = { code, first: firstIndex, citizens: shares[i] ?? 0 };
    firstIndex += row.citizens;
    return row;
  });
  const days: { day: string; weight: number }[] = [];
  for (let d = new Date(`${copenhagenDay(from)}T12:00:00Z`); copenhagenDay(d) < copenhagenDay(until); d = new Date(d.getTime() + 86_400_000)) {
    const month = d.getUTCMonth();
    const weekday = (d.getUTCDay() + 6) % 7;
    const lateDecember = month === 11 && d.getUTCDate() >= 20 ? 0.35 : 1;
    days.push({ day: copenhagenDay(d), weight: (MONTH_WEIGHTS[month] ?? 1) * (WEEKDAY_WEIGHTS[weekday] ?? 1) * lateDecember });
  }
  // 10,000 buckets over the cumulative weights: a uniform number picks a bucket, the bucket its day.
  const totalWeight = days.reduce((sum, d) => sum + d.weight, 0);
  const bucketDays: string[] = [];
  let cumulative = 0;
  let dayIndex = 0;
  for (let b = 0; b < 10_000; b++) {
    const target = ((b + 0.5) / 10_000) * totalWeight;
    while (dayIndex < days.length - 1 && cumulative + (days[dayIndex]?.weight ?? 0) < target) cumulative += days[dayIndex++]?.weight ?? 0;
    bucketDays.push(days[dayIndex]?.day ?? copenhagenDay(from));
  }

  const stages = (await sql<{ code: string }>`select code from journey_stage order by sort`.execute(conn)).rows.map((r) => r.code);
  const targetGroups = (await sql<{ code: string }>`select code from target_group where active order by code`.execute(conn)).rows.map((r) => r.code);
  const categories = new Set((await sql<{ code: string }>`select code from service_category`.execute(conn)).rows.map((r) => r.code));
  const languages = new Set((await sql<{ code: string }>`select code from language`.execute(conn)).rows.map((r) => r.code));

  // 2. Vendors and their listings, each with one approved (live) version, written through the normal triggers so the
  // catalogue's lexicon, feed and caches hear of them.
  const vendorIds: string[] = [];
  const listingPlan: { id: string; vendorId: string; stage: string; priceModel: string; quality: number; via: string }[] = [];
  const cvrs = await freeCvrs(conn, o.vendors, random);
  await step(async (trx) => {
    const vendors = cvrs.map((cvr, i) => {
      const id = uuidFrom(random);
      vendorIds.push(id);
      const n = String(i + 1).padStart(3, '0');
      return {
        id,
        cvr,
        name: `Syntetisk leverandør ${n}`,
        contact_email: `kontakt${n}@syntetisk-leverandoer.example`,
        contact_phone: `70 00 ${n.slice(-2)} ${String(10 + (i % 90))}`,
        support_url: `https://syntetisk-leverandoer.example/${n}/hjaelp`,
        dpa_status: 'signed' as const,
        registered_by: SYNTHETIC_MARK,
      };
    });
    for (const batch of chunks(vendors, 500)) await trx.insertInto('vendor').values(batch).execute();
    const listings = [];
    const versions = [];
    const links: {
      category: { version_id: string; category: string }[];
      target: { version_id: string; target_group: string }[];
      language: { version_id: string; language: string }[];
    } = {
      category: [],
      target: [],
      language: [],
    };
    for (let rank = 1; rank <= o.listings; rank++) {
      const topic = TOPICS[Math.floor(random() * TOPICS.length)] ?? TOPICS[0]!;
      const id = uuidFrom(random);
      const versionId = uuidFrom(random);
      const vendorId = vendorIds[(rank - 1) % vendorIds.length] ?? '';
      const stage = stages.includes(topic.stage) ? topic.stage : (stages[0] ?? 'search');
      const priceModel = PRICE_MODELS[Math.floor(random() * PRICE_MODELS.length)] ?? 'free';
      const n = String(rank).padStart(3, '0');
      const via = ((rank - 1) % vendorIds.length) % 8 === 3 ? 'xapi' : 'cloudevents';
      // The few popular listings are middling, so the national completion rate stays near 45 % whichever they are.
      listingPlan.push({ id, vendorId, stage, priceModel, quality: rank <= 5 ? 0.4 + 0.2 * random() : 0.1 + 0.8 * random(), via });
      listings.push({ id, vendor_id: vendorId, created_by: SYNTHETIC_MARK, created_at: from });
      versions.push({
        id: versionId,
        listing_id: id,
        version: 1,
        status: 'approved' as const,
        name_da: `${topic.da} ${n} (syntetisk)`,
        name_en: `${topic.en} ${n} (synthetic)`,
        summary_da: `Syntetisk tilbud til test og demo: ${topic.da.toLowerCase()}.`,
        summary_en: `A synthetic service for tests and demos: ${topic.en.toLowerCase()}.`,
        description_da: `${topic.da} er et syntetisk tilbud, som generatoren har lavet til test, benchmark og demo. Det findes ikke.`,
        description_en: `${topic.en} is a synthetic service the generator made for tests, benchmarks and demos. It does not exist.`,
        journey_stage: stage,
        price_model: priceModel,
        required_nsis_level: random() < 0.8 ? ('Substantial' as const) : ('Low' as const),
        channels: random() < 0.3 ? (['web', 'app'] as ('web' | 'app')[]) : (['web'] as 'web'[]),
        service_url: `https://syntetisk-leverandoer.example/tjenester/${id}`,
        accessibility_statement_url: `https://syntetisk-leverandoer.example/tjenester/${id}/tilgaengelighed`,
        created_by: SYNTHETIC_MARK,
        submitted_at: from,
        submitted_by: SYNTHETIC_MARK,
        decided_at: from,
        created_at: from,
        updated_at: from,
      });
      if (categories.has(topic.category)) links.category.push({ version_id: versionId, category: topic.category });
      const groups = targetGroups.filter(() => random() < 0.45);
      for (const group of groups.length > 0 ? groups : targetGroups.slice(0, 1)) links.target.push({ version_id: versionId, target_group: group });
      if (languages.has('da')) links.language.push({ version_id: versionId, language: 'da' });
      if (languages.has('en') && random() < 0.3) links.language.push({ version_id: versionId, language: 'en' });
    }
    for (const batch of chunks(listings, 1000)) await trx.insertInto('listing').values(batch).execute();
    for (const batch of chunks(versions, 500)) await trx.insertInto('listing_version').values(batch).execute();
    for (const batch of chunks(links.category, 2000)) await trx.insertInto('listing_version_category').values(batch).execute();
    for (const batch of chunks(links.target, 2000)) await trx.insertInto('listing_version_target_group').values(batch).execute();
    for (const batch of chunks(links.language, 2000)) await trx.insertInto('listing_version_language').values(batch).execute();
  });
  tick();

  // 3. The plan in temporary tables: municipalities, listings, days, citizens.
  await step(async (trx) => {
    await exec(trx, `create temp table gen_muni (code char(3) primary key, first_idx int not null, citizens int not null)`);
    await sql`insert into gen_muni select * from unnest(${codes}::text[], ${municipalities.map((m) => m.first)}::int[], ${municipalities.map((m) => m.citizens)}::int[])`.execute(
      trx,
    );
    await exec(
      trx,
      `create temp table gen_listing (rank int primary key, id uuid not null, vendor_id uuid not null, stage text not null, price_model text not null, quality float8 not null, via text not null)`,
    );
    await sql`insert into gen_listing select i, id, vendor_id, stage, price_model, quality, via
      from unnest(${listingPlan.map((l) => l.id)}::uuid[], ${listingPlan.map((l) => l.vendorId)}::uuid[], ${listingPlan.map((l) => l.stage)}::text[],
                  ${listingPlan.map((l) => l.priceModel)}::text[], ${listingPlan.map((l) => l.quality)}::float8[], ${listingPlan.map((l) => l.via)}::text[])
           with ordinality as x(id, vendor_id, stage, price_model, quality, via, i)`.execute(trx);
    await exec(trx, `create temp table gen_day (b int primary key, day date not null)`);
    await sql`insert into gen_day select b - 1, day from unnest(${bucketDays}::date[]) with ordinality as x(day, b)`.execute(trx);

    const tg = targetGroups.map((code): [string, number] => [code, TARGET_GROUP_WEIGHTS[code] ?? 5]);
    const st = stages.map((code): [string, number] => [code, STAGE_WEIGHTS[code] ?? 10]);
    // A citizen's screening answers; the escalation rules of the journey module read the same four answers.
    await exec(
      trx,
      `create temp table gen_citizen as
       select i as idx, m.code as municipality_code, ${uuidOf(`'c:${o.seed}:' || i`)} as id,
              ${tg.length > 0 ? pick(u('i', 1), tg) : 'null'} as target_group,
              ${pick(u('i', 2), st)} as journey_stage,
              ${pick(u('i', 3), [
                ['low', 20],
                ['medium', 45],
                ['high', 35],
              ])} as digital_readiness,
              ${pick(u('i', 4), [
                ['no', 45],
                ['some', 40],
                ['much', 15],
              ])} as needs_help,
              ${u('i', 5)} < 0.12 as wants_contact,
              ${u('i', 6)} < 0.08 as wellbeing_concern,
              ${u('i', 7)} < 0.9 as screened,
              ${u('i', 8)} < 0.85 or i = 1 as active,
              null::timestamptz as created_at, null::timestamptz as last_launch
         from gen_muni m cross join lateral generate_series(m.first_idx, m.first_idx + m.citizens - 1) i`,
    );
    await exec(trx, `alter table gen_citizen add primary key (idx)`);
    await exec(trx, `create temp table gen_active as select (row_number() over (order by idx))::int as rank, idx from gen_citizen where active`);
    await exec(trx, `alter table gen_active add primary key (rank)`);
    await exec(trx, `analyze gen_muni, gen_listing, gen_day, gen_citizen, gen_active`);
  });
  tick();
  const activeCitizens = await count(conn, `select count(*) as n from gen_active`);

  // 4. Launches and what each one becomes: about 70 % start; of those about 45 % complete and 25 % drop (better
  // listings complete more and drop less); some earn a certificate, and job-search listings lead to applications
  // and meetings. Enough launches are planned to give at least `events` events; the plan is cut at exactly that many.
  let planned = Math.ceil(o.events / 3.2) + 100;
  for (;;) {
    const enough = await step(async (trx) => {
      await exec(trx, `drop table if exists pg_temp.gen_launch`);
      await exec(
        trx,
        `create temp table gen_launch as
         with base as (
           select i as idx, a.idx as citizen_idx, ${zipfRank(u('i', 11))} as rank,
                  ((d.day + make_interval(secs => 25200 + 54000 * (${u('i', 13)} + ${u('i', 14)}) / 2)) at time zone 'Europe/Copenhagen') as t0,
                  ${u('i', 20)} < 0.70 as started,
                  floor(${u('i', 21)} * 7)::int as p,
                  ${u('i', 22)} as u_outcome, ${u('i', 23)} as u_cert, ${u('i', 24)} as u_app, ${u('i', 25)} as u_meet,
                  3600 + 255600 * power(${u('i', 26)}, 2) as gap, 60 + 3540 * ${u('i', 27)} as delay, ${u('i', 28)} as u_cap
             from generate_series(1, ${planned}) i
             join gen_active a on a.rank = 1 + floor(${u('i', 10)} * ${activeCitizens})::int
             join gen_day d on d.b = floor(${u('i', 12)} * 10000)::int
         ), story as (
           select b.*, l.quality, l.stage,
                  case when b.u_outcome < 0.45 * (0.6 + 0.8 * l.quality) then 1
                       when b.u_outcome < 0.45 * (0.6 + 0.8 * l.quality) + 0.25 * (1.4 - 0.8 * l.quality) then 2 else 0 end as outcome
             from base b join gen_listing l on l.rank = b.rank
         ), flags as (
           select s.*, s.outcome = 1 and s.u_cert < 0.5 as cert,
                  s.outcome <> 2 and s.stage in ('search', 'prepare') and s.u_app < 0.4 as app
             from story s
         )
         select idx, citizen_idx, rank, t0, started, p, outcome, cert, app, app and u_meet < 0.45 as meet, gap, delay, u_cap,
                case when started then 1 + p + (outcome <> 0)::int + cert::int + app::int + (app and u_meet < 0.45)::int else 0 end as n
           from flags`,
      );
      return (await count(trx, `select coalesce(sum(n), 0) as n from gen_launch`)) >= o.events;
    });
    if (enough) break;
    planned = Math.ceil(planned * 1.5);
  }
  await step(async (trx) => {
    await exec(
      trx,
      `create temp table gen_enrol as
       select x.*, least(x.n, ${o.events} - x.first_event) as n_eff,
              -- The story fits before the period ends: the gap between events shrinks for a late launch.
              least(x.gap, extract(epoch from (${untilLit} - x.t0)) / (x.n + 2)) as gap_eff,
              least(x.delay, extract(epoch from (${untilLit} - x.t0)) / (x.n + 2)) as delay_eff
         from (select l.*, (sum(l.n) over (order by l.idx) - l.n)::bigint as first_event from gen_launch l) x
        where x.first_event < ${o.events}`,
    );
    await exec(trx, `alter table gen_enrol add primary key (idx)`);
    await exec(trx, `drop table pg_temp.gen_launch`);
    await exec(trx, `analyze gen_enrol`);
  });
  tick();

  // 5. Citizens (created before their first launch), their screening profiles, escalations and dismissals.
  const people = await step(async (trx) => {
    await exec(
      trx,
      `update gen_citizen c set last_launch = f.last_launch, created_at = f.first_launch - make_interval(secs => 3600 + 1728000 * ${u('c.idx', 30)})
         from (select citizen_idx, min(t0) as first_launch, max(t0) as last_launch from gen_enrol group by citizen_idx) f
        where f.citizen_idx = c.idx`,
    );
    await exec(trx, `update gen_citizen c set created_at = ${fromLit} + (${untilLit} - ${fromLit}) * ${u('c.idx', 31)} where c.created_at is null`);
    await bulk(trx);
    const citizens = await affected(
      trx,
      `insert into citizen (id, person_uuid, cpr_number, full_name, municipality_code, created_at, updated_at, last_signed_in_at)
       select c.id, ${lit(`${SYNTHETIC_MARK}:${o.seed}:`)} || c.idx,
              -- Day of birth 61–88: the replacement-number convention, never a real person's CPR.
              lpad((61 + floor(${u('c.idx', 32)} * 28))::int::text, 2, '0') || lpad((1 + floor(${u('c.idx', 33)} * 12))::int::text, 2, '0')
                || lpad(floor(${u('c.idx', 34)} * 100)::int::text, 2, '0') || lpad(floor(${u('c.idx', 35)} * 10000)::int::text, 4, '0'),
              'Syntetisk borger ' || lpad(c.idx::text, 6, '0'), c.municipality_code, c.created_at, c.created_at,
              greatest(c.created_at, coalesce(c.last_launch, c.created_at))
         from gen_citizen c order by c.idx`,
    );
    const profiles = await affected(
      trx,
      `insert into citizen_profile (citizen_id, municipality_code, digital_readiness, journey_stage, needs_help, wants_contact, wellbeing_concern,
                                    languages, target_group, screened_at, updated_at)
       select c.id, c.municipality_code, c.digital_readiness, c.journey_stage, c.needs_help, c.wants_contact, c.wellbeing_concern,
              case when ${u('c.idx', 36)} < 0.8 then '{da}'::text[] when ${u('c.idx', 36)} < 0.9 then '{da,en}' else '{da,ar}' end,
              c.target_group, c.created_at + interval '10 minutes', c.created_at + interval '10 minutes'
         from gen_citizen c where c.screened order by c.idx`,
    );
    // As the journey's rules escalate a screening (journey.rules.ts reasonsToEscalate); most are closed by now.
    const escalations = await affected(
      trx,
      `insert into escalation (citizen_id, municipality_code, reasons, status, contact_by, assignee_subject, assignee_name, created_at, closed_at)
       select id, municipality_code, reasons, status, ((created_at + interval '10 minutes') at time zone 'Europe/Copenhagen')::date + 3,
              case when status <> 'open' then ${lit(`${SYNTHETIC_MARK}:caseworker`)} end, case when status <> 'open' then 'Syntetisk sagsbehandler' end,
              created_at + interval '10 minutes', case when status = 'closed' then least(created_at + make_interval(secs => 86400 + 1728000 * u_close), ${untilLit} - interval '1 minute') end
         from (select c.*, ${u('c.idx', 38)} as u_close,
                      array_remove(array[case when c.wants_contact then 'wants_contact' end, case when c.needs_help = 'much' then 'much_help' end,
                                         case when c.digital_readiness = 'low' and c.needs_help <> 'no' then 'low_readiness_needs_help' end,
                                         case when c.wellbeing_concern then 'wellbeing' end], null) as reasons,
                      case when c.created_at < ${untilLit} - interval '30 days' and ${u('c.idx', 37)} < 0.9 then 'closed'
                           when ${u('c.idx', 37)} < 0.5 then 'open' when ${u('c.idx', 37)} < 0.8 then 'in_progress' else 'closed' end as status
                 from gen_citizen c where c.screened) x
        where cardinality(reasons) > 0 and ${u('x.idx', 39)} < 0.85
        order by x.idx`,
    );
    const dismissals = await affected(
      trx,
      `insert into recommendation_dismissal (citizen_id, municipality_code, item_kind, item_id, dismissed_at)
       select distinct on (c.id, l.id) c.id, c.municipality_code, 'listing', l.id, c.created_at + (${untilLit} - c.created_at) * ${u('c.idx * 8 + k', 41)}
         from gen_citizen c cross join lateral generate_series(1, 1 + floor(${u('c.idx', 42)} * 3)::int) k
         join gen_listing l on l.rank = ${zipfRank(u('c.idx * 8 + k', 43))}
        where ${u('c.idx', 40)} < 0.1
        order by c.id, l.id`,
    );
    await endBulk(trx);
    return { citizens, profiles, escalations, dismissals };
  });
  tick();

  // 6. What each municipality enables (what its citizens used or dismissed, and a few more nobody used), its licences
  // with seats (some bought too many, some sold out), and the launches (a few refused for want of a seat).
  const offer = await step(async (trx) => {
    const enablements = await affected(
      trx,
      `insert into municipality_listing (municipality_code, listing_id, enabled_by, enabled_at)
       select u.municipality_code, l.id, ${lit(SYNTHETIC_MARK)}, least(min(u.at), ${fromLit}) - interval '1 day'
         from (select c.municipality_code, e.rank, e.t0 as at from gen_enrol e join gen_citizen c on c.idx = e.citizen_idx
               union all
               select d.municipality_code, l2.rank, d.dismissed_at from recommendation_dismissal d join gen_listing l2 on l2.id = d.item_id
                 join gen_citizen c2 on c2.id = d.citizen_id
               union all
               select m.code, l3.rank, ${fromLit} from gen_muni m cross join gen_listing l3
                where ${u('m.code::int * 100000 + l3.rank', 50)} < 0.08) u
         join gen_listing l on l.rank = u.rank
        group by u.municipality_code, l.id
        order by 1, 2`,
    );
    await exec(
      trx,
      `create temp table gen_licence as
       select ${uuidOf(`'lic:${o.seed}:' || x.municipality_code || ':' || x.rank`)} as id, x.*,
              case when x.full then x.used else greatest(x.used + 5, ceil(x.used * (1.2 + 0.8 * x.u_seats))::int) end as seats
         from (select ml.municipality_code, l.rank, l.price_model, count(f.citizen_idx)::int as used, max(f.first_launch) as last_seat,
                      ${u('l.rank * 1000 + ml.municipality_code::int', 52)} as u_seats,
                      ${u('l.rank * 1000 + ml.municipality_code::int', 53)} < 0.3 and count(f.citizen_idx) > 0 as full
                 from municipality_listing ml join gen_listing l on l.id = ml.listing_id
                 left join (select f.citizen_idx, f.rank, f.first_launch, c.municipality_code
                              from (select citizen_idx, rank, min(t0) as first_launch from gen_enrol group by citizen_idx, rank) f
                              join gen_citizen c on c.idx = f.citizen_idx) f on f.municipality_code = ml.municipality_code and f.rank = l.rank
                where l.price_model in ('licence', 'per_seat') and ml.municipality_code in (select code from gen_muni)
                  and ${u('l.rank * 1000 + ml.municipality_code::int', 51)} < 0.7
                group by ml.municipality_code, l.rank, l.price_model) x`,
    );
    const licences = await affected(
      trx,
      `insert into licence (id, municipality_code, listing_id, seats, valid_from, valid_to, price_dkk, budget_holder, created_by, created_at)
       select g.id, g.municipality_code, l.id, g.seats, (${fromLit} at time zone 'Europe/Copenhagen')::date, (${untilLit} at time zone 'Europe/Copenhagen')::date + 180,
              case when g.price_model = 'per_seat' then g.seats * round(400 + 1600 * g.u_seats) else 1000 * round(25 + 275 * g.u_seats) end,
              'Jobcentret (syntetisk budget)', ${lit(SYNTHETIC_MARK)}, ${fromLit} - interval '2 days'
         from gen_licence g join gen_listing l on l.rank = g.rank order by g.municipality_code, g.rank`,
    );
    await bulk(trx);
    const licenceSeats = await affected(
      trx,
      `insert into licence_seat (licence_id, citizen_id, municipality_code, first_launch_at)
       select g.id, c.id, c.municipality_code, min(e.t0)
         from gen_licence g join gen_citizen c on c.municipality_code = g.municipality_code join gen_enrol e on e.citizen_idx = c.idx and e.rank = g.rank
        group by g.id, c.id, c.municipality_code order by 4`,
    );
    const launches = await affected(
      trx,
      `insert into listing_launch (citizen_id, municipality_code, listing_id, version, outcome, launched_at)
       select c.id, c.municipality_code, l.id, 1, 'launched', e.t0 from gen_enrol e join gen_citizen c on c.idx = e.citizen_idx join gen_listing l on l.rank = e.rank
        order by e.t0`,
    );
    // A sold-out licence turns later citizens away: a few launches refused for want of a seat, after the last seat went.
    const noSeatLaunches = await affected(
      trx,
      `insert into listing_launch (citizen_id, municipality_code, listing_id, version, outcome, launched_at)
       select c.id, c.municipality_code, l.id, 1, 'no_seat', t.at
         from gen_licence g cross join lateral generate_series(1, 1 + floor(g.seats * 0.08 * ${u('hashtext(g.id::text)', 54)})::int) k
         join gen_muni m on m.code = g.municipality_code
         join gen_citizen c on c.idx = m.first_idx + floor(m.citizens * ${u('hashtext(g.id::text)::int8 * 64 + k', 55)})::int
         join gen_listing l on l.rank = g.rank
         cross join lateral (select g.last_seat + (${untilLit} - g.last_seat) * ${u('hashtext(g.id::text)::int8 * 64 + k', 56)} as at) t
        where g.full and g.last_seat is not null and c.created_at < t.at
          and not exists (select 1 from licence_seat s where s.licence_id = g.id and s.citizen_id = c.id)
        order by t.at`,
    );
    // Ratings: after a completion or a drop, some citizens rate; better listings get more stars.
    const ratings = await affected(
      trx,
      `insert into listing_rating (citizen_id, municipality_code, listing_id, stars, comment, status, created_at, updated_at, moderated_by, moderated_at)
       select distinct on (c.id, l.id) c.id, c.municipality_code, l.id,
              least(5, greatest(1, round(1 + 4 * (0.7 * l.quality + 0.3 * ${u('e.idx', 61)}) - case when e.outcome = 2 then 1 else 0 end)))::int,
              case when ${u('e.idx', 62)} < 0.1 then 'Syntetisk bedømmelse: ' || (array['godt forløb', 'brugbart', 'for svært', 'lærte meget', 'kedeligt'])[1 + floor(${u('e.idx', 63)} * 5)::int] end,
              case when ${u('e.idx', 64)} < 0.85 then 'approved' when ${u('e.idx', 64)} < 0.95 then 'pending' else 'rejected' end,
              e.t0 + make_interval(secs => e.delay_eff + (e.n_eff + 1) * e.gap_eff),
              e.t0 + make_interval(secs => e.delay_eff + (e.n_eff + 1) * e.gap_eff),
              case when ${u('e.idx', 64)} < 0.85 or ${u('e.idx', 64)} >= 0.95 then ${lit(`${SYNTHETIC_MARK}:moderator`)} end,
              case when ${u('e.idx', 64)} < 0.85 or ${u('e.idx', 64)} >= 0.95 then e.t0 + make_interval(secs => e.delay_eff + (e.n_eff + 1) * e.gap_eff) end
         from gen_enrol e join gen_citizen c on c.idx = e.citizen_idx join gen_listing l on l.rank = e.rank
        where e.started and e.n_eff = e.n and e.outcome <> 0 and ${u('e.idx', 60)} < case when e.outcome = 1 then 0.15 else 0.06 end
        order by c.id, l.id, e.idx`,
    );
    await endBulk(trx);
    return { enablements, licences, licenceSeats, launches, noSeatLaunches, ratings };
  });
  tick();

  // 7. Local offers: three a municipality, with sign-ups from its citizens (a few cancelled).
  const local = await step(async (trx) => {
    await exec(
      trx,
      `create temp table gen_offer as
       select ${uuidOf(`'offer:${o.seed}:' || m.code || ':' || k`)} as id, m.code as municipality_code, m.first_idx, m.citizens, k,
              (array[${OFFER_KINDS.map((x) => lit(x.kind)).join(', ')}])[k] as kind,
              (array[${OFFER_KINDS.map((x) => lit(x.da)).join(', ')}])[k] as title_da,
              (array[${OFFER_KINDS.map((x) => lit(x.en)).join(', ')}])[k] as title_en,
              -- The last one is still to come.
              case when k = 3 then date_trunc('day', ${untilLit}) + make_interval(days => 3 + floor(30 * ${u('m.code::int * 10 + k', 70)})::int, hours => 10)
                   else date_trunc('day', ${fromLit} + (${untilLit} - ${fromLit} - interval '2 days') * ${u('m.code::int * 10 + k', 70)}) + interval '10 hours' end as starts_at,
              20 + floor(60 * ${u('m.code::int * 10 + k', 71)})::int as capacity, ${u('m.code::int * 10 + k', 72)} as fill
         from gen_muni m cross join generate_series(1, ${OFFER_KINDS.length}) k where m.citizens > 0`,
    );
    const localOffers = await affected(
      trx,
      `insert into local_offer (id, municipality_code, kind, title_da, title_en, description_da, description_en, place, starts_at, ends_at, capacity,
                                signup_required, journey_stage, created_by, created_at, updated_at)
       select o.id, o.municipality_code, o.kind, o.title_da || ' (syntetisk)', o.title_en || ' (synthetic)',
              'Et syntetisk lokalt tilbud, lavet af generatoren til test og demo.', 'A synthetic local offer the generator made for tests and demos.',
              'Jobcentret, ' || m.name, o.starts_at, o.starts_at + interval '3 hours', o.capacity, true, 'search', ${lit(SYNTHETIC_MARK)},
              least(o.starts_at, ${untilLit}) - interval '30 days', least(o.starts_at, ${untilLit}) - interval '30 days'
         from gen_offer o join municipality m on m.code = o.municipality_code order by o.municipality_code, o.k`,
    );
    const signUpsOf = (where: string) =>
      affected(
        trx,
        `insert into local_offer_signup (offer_id, citizen_id, municipality_code, signed_up_at, cancelled_at)
       select distinct on (o.id, c.id) o.id, c.id, c.municipality_code, s.at, case when ${u('o.k * 100000 + j', 75)} < 0.1 then s.at + interval '1 day' end
         from gen_offer o cross join lateral generate_series(1, floor(o.capacity * o.fill)::int) j
         join gen_citizen c on c.idx = o.first_idx + floor(o.citizens * ${u('hashtext(o.id::text)::int8 * 1000 + j', 73)})::int
         cross join lateral (select least(o.starts_at - make_interval(secs => 86400 * (2 + 20 * ${u('hashtext(o.id::text)::int8 * 1000 + j', 74)})), ${untilLit} - interval '1 hour') as at) s
        where c.created_at < s.at and ${where}
        order by o.id, c.id`,
      );
    // The sign-ups' trigger (0076) announces every citizen in one notification per 150, which overflows PostgreSQL's
    // 8,000-byte payload; without the replica role, one offer (at most 80 places) per statement stays below it.
    let signUps = 0;
    if (replica) {
      await bulk(trx);
      signUps = await signUpsOf('true');
      await endBulk(trx);
    } else {
      const offers = (await sql<{ id: string }>`select id from gen_offer order by id`.execute(trx)).rows;
      for (const offer of offers) signUps += await signUpsOf(`o.id = ${lit(offer.id)}::uuid`);
    }
    // Who came: about four in five of those still signed up, recorded by the jobcentre the afternoon after.
    const attendance = await affected(
      trx,
      `update local_offer_signup s set attended = ${u('hashtext(s.offer_id::text || s.citizen_id::text)', 76)} < 0.8,
              attendance_recorded_at = o.starts_at + interval '5 hours', attendance_recorded_by = ${lit(SYNTHETIC_MARK)}
         from gen_offer o where o.id = s.offer_id and s.cancelled_at is null and o.starts_at + interval '5 hours' < ${untilLit}`,
    );
    return { localOffers, signUps, attendance };
  });
  tick();

  // 7b. The marketplace: each launch follows a list page (the popular listings and the one launched) and the service's
  // own page; about as many citizens more open a neighbouring service's page without launching it. Three in ten list
  // pages are a search, some for what no listing offers.
  const foundWords = SEARCH_WORDS.found.map(lit).join(', ');
  const missingWords = SEARCH_WORDS.missing.map(lit).join(', ');
  const views = await step(async (trx) => {
    await bulk(trx);
    const lists = await affected(
      trx,
      `insert into marketplace_view (occurred_at, municipality_code, target_group, journey_stage, page, listing_ids, search_terms, results)
       select e.t0 - make_interval(secs => 300 + 1500 * ${u('e.idx', 90)}), c.municipality_code, coalesce(c.target_group, 'unknown'),
              coalesce(c.journey_stage, 'unknown'), 'list',
              case when ${u('e.idx', 91)} >= 0.3 then array[l.id] || array_remove(top.ids, l.id)
                   when ${u('e.idx', 92)} < 0.8 then array[l.id] else '{}'::uuid[] end,
              case when ${u('e.idx', 91)} < 0.3 then
                case when ${u('e.idx', 92)} < 0.8 then array[(array[${foundWords}])[1 + floor(${SEARCH_WORDS.found.length} * ${u('e.idx', 93)})::int]]
                     else array[(array[${missingWords}])[1 + floor(${SEARCH_WORDS.missing.length} * ${u('e.idx', 93)})::int]] end end,
              case when ${u('e.idx', 91)} < 0.3 then case when ${u('e.idx', 92)} < 0.8 then 1 + floor(4 * ${u('e.idx', 94)})::int else 0 end end
         from gen_enrol e join gen_citizen c on c.idx = e.citizen_idx join gen_listing l on l.rank = e.rank
         cross join (select array_agg(id order by rank) as ids from gen_listing where rank <= 8) top`,
    );
    const pages = await affected(
      trx,
      `insert into marketplace_view (occurred_at, municipality_code, target_group, journey_stage, page, listing_ids)
       select e.t0 - make_interval(secs => 60 + 200 * ${u('e.idx', 95)} + 400 * k), c.municipality_code, coalesce(c.target_group, 'unknown'),
              coalesce(c.journey_stage, 'unknown'), 'listing', array[l.id]
         from gen_enrol e cross join generate_series(0, 1) k
         join gen_citizen c on c.idx = e.citizen_idx
         join gen_listing l on l.rank = case when k = 0 then e.rank else 1 + e.rank % ${o.listings} end
        where k = 0 or ${u('e.idx', 96)} < 0.9`,
    );
    await endBulk(trx);
    return { views: lists + pages };
  });
  tick();

  // 8. Each event of each launch's story, with when it happened and when it arrived, grouped in hours of arrival.
  const events = EVENT_TYPES.map((t) => lit(`dk.jobunivers.activity.${t}`)).join(', ');
  await step(async (trx) => {
    if (o.events > 0) await exec(trx, `set local work_mem = '256MB'`);
    await exec(
      trx,
      `create temp table gen_event as
       select (floor(extract(epoch from x.received_at) / 3600))::int as bucket, x.*
         from (select y.*, case when ${u('y.idx * 64 + y.k', 80)} < ${o.lateShare}
                               then least(y.occurred_at + make_interval(secs => 86400 * (1 + 9 * ${u('y.idx * 64 + y.k', 81)})), ${untilLit})
                               else least(y.occurred_at + make_interval(secs => 1 + 119 * ${u('y.idx * 64 + y.k', 81)}), ${untilLit}) end as received_at
                 from (select e.idx, e.citizen_idx, e.rank, k::int2 as k,
                              -- Each event within 0.4 gaps of its place, so the story stays in order and ends before the period does.
                              e.t0 + make_interval(secs => e.delay_eff + case when k = 0 then 0 else (k + 0.8 * (${u('e.idx * 64 + k', 82)} - 0.5)) * e.gap_eff end) as occurred_at,
                              (case when k = 0 then 1
                                    when k <= e.p then 2
                                    when k = e.p + 1 and e.outcome <> 0 then 2 + e.outcome
                                    else (array_remove(array[case when e.cert then 5 end, case when e.app then 6 end, case when e.meet then 7 end], null))[k - e.p - (e.outcome <> 0)::int]
                               end)::int2 as type,
                              (case when k between 1 and e.p then least(99, round(100.0 * k / (e.p + 1) * case e.outcome when 1 then 1 when 2 then 0.3 + 0.5 * e.u_cap else 0.5 + 0.5 * e.u_cap end))
                               end)::int2 as percent
                         from gen_enrol e cross join lateral generate_series(0, e.n_eff - 1) k
                        where e.n_eff > 0) y) x`,
    );
    await exec(trx, `create index on gen_event (bucket)`);
    await exec(trx, `analyze gen_event`);
  });
  tick();

  const buckets = (await sql<{ bucket: number; n: string }>`select bucket, count(*) as n from gen_event group by bucket order by bucket`.execute(conn)).rows;
  const eventChunks: { from: number; to: number; size: number }[] = [];
  for (const b of buckets) {
    const last = eventChunks.at(-1);
    if (last && last.size < EVENT_CHUNK) {
      last.to = b.bucket;
      last.size += Number(b.n);
    } else eventChunks.push({ from: b.bucket, to: b.bucket, size: Number(b.n) });
  }
  let written = 0;
  progress?.({ phase: 'events', done: 0, total: o.events });
  for (const chunk of eventChunks) {
    written += await step(async (trx) => {
      await exec(trx, `set local work_mem = '256MB'`);
      await bulk(trx);
      const n = await affected(
        trx,
        `insert into activity_event (id, vendor_id, listing_id, citizen_id, municipality_code, event_id, type, occurred_at, data, body_hash, received_via, received_at)
         select (lpad(to_hex((extract(epoch from e.received_at) * 1000)::int8), 12, '0') || '7' || substr(md5(x.event_id), 1, 3) || '8' || substr(md5(x.event_id), 4, 15))::uuid,
                l.vendor_id, l.id, c.id, c.municipality_code, x.event_id, (array[${events}])[e.type], e.occurred_at,
                case e.type
                  when 2 then jsonb_build_object('percent', e.percent)
                  when 3 then jsonb_build_object('score', 50 + (e.idx % 51))
                  when 5 then jsonb_build_object('title', 'Kursusbevis (syntetisk)', 'issuer', 'Syntetisk leverandør')
                  when 6 then jsonb_build_object('jobTitle', (array['Lagermedarbejder', 'Butiksassistent', 'Pædagogmedhjælper', 'Chauffør', 'Kontorassistent'])[1 + e.idx % 5],
                                                 'employer', 'Syntetisk Arbejdsgiver ' || (e.idx % 200), 'appliedOn', to_char(e.occurred_at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD'))
                  when 7 then jsonb_build_object('employer', 'Syntetisk Arbejdsgiver ' || (e.idx % 200), 'heldOn', to_char(e.occurred_at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD'),
                                                 'kind', 'job-interview')
                  else '{}'::jsonb end,
                sha256(convert_to(x.event_id, 'UTF8')), l.via, e.received_at
           from gen_event e
           cross join lateral (select 'syn-' || ${o.seed} || '-' || e.idx || '-' || e.k as event_id) x
           join gen_citizen c on c.idx = e.citizen_idx
           join gen_listing l on l.rank = e.rank
          where e.bucket between ${chunk.from} and ${chunk.to}
          order by e.received_at`,
      );
      await endBulk(trx);
      return n;
    });
    progress?.({ phase: 'events', done: written, total: o.events });
  }
  if (written !== o.events) throw new Error(`The generator wrote ${written} events, not ${o.events}.`);
  const lateEvents = await count(conn, `select count(*) as n from gen_event where received_at - occurred_at > interval '1 day'`);

  // 9. Fresh planner statistics for what was written, as autovacuum would give them later.
  progress?.({ phase: 'analyse', done: 0, total: 1 });
  await exec(
    conn,
    'analyze activity_event, listing_launch, citizen, citizen_profile, licence_seat, listing_rating, recommendation_dismissal, escalation, marketplace_view',
  );
  progress?.({ phase: 'analyse', done: 1, total: 1 });

  return {
    seed: o.seed,
    from,
    until,
    municipalities: codes.length,
    vendors: vendorIds.length,
    listings: o.listings,
    citizens: people.citizens,
    profiles: people.profiles,
    enablements: offer.enablements,
    licences: offer.licences,
    licenceSeats: offer.licenceSeats,
    launches: offer.launches + offer.noSeatLaunches,
    noSeatLaunches: offer.noSeatLaunches,
    events: written,
    lateEvents,
    ratings: offer.ratings,
    dismissals: people.dismissals,
    escalations: people.escalations,
    localOffers: local.localOffers,
    signUps: local.signUps,
    attendance: local.attendance,
    marketplaceViews: views.views,
    triggers: replica ? 'replica' : 'on',
  };
}

/** `count` vendors' CVR numbers (modulus 11, as cvr_is_valid checks), drawn from the seed, none already registered. */
async function freeCvrs(db: Conn, count: number, random: () => number): Promise<string[]> {
  const candidates: string[] = [];
  while (candidates.length < count * 2 + 10) {
    const digits = [1 + Math.floor(random() * 9), ...Array.from({ length: 6 }, () => Math.floor(random() * 10))];
    const sum = [2, 7, 6, 5, 4, 3, 2].reduce((acc, weight, i) => acc + weight * (digits[i] ?? 0), 0);
    const check = (11 - (sum % 11)) % 11;
    const cvr = [...digits, check].join('');
    if (check < 10 && !candidates.includes(cvr)) candidates.push(cvr);
  }
  const taken = new Set((await sql<{ cvr: string }>`select cvr from vendor where cvr = any(${candidates}::text[])`.execute(db)).rows.map((r) => r.cvr));
  return candidates.filter((cvr) => !taken.has(cvr)).slice(0, count);
}

/** Splits `total` into whole numbers in proportion to `weights` (largest remainder), summing to exactly `total`. */
function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  const missing = total - shares.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) shares[order[k % order.length]!.i]! += 1;
  return shares;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A small seeded pseudo-random generator (mulberry32): the world's vendors and listings from the seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version 4 UUID from the seeded generator. */
function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '8';
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function copenhagenDay(moment: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(moment);
}

/** Midnight at the start of `moment`'s day in Copenhagen. */
function copenhagenMidnight(moment: Date): Date {
  const day = copenhagenDay(moment);
  for (const offset of ['+01:00', '+02:00']) {
    const candidate = new Date(`${day}T00:00:00${offset}`);
    if (copenhagenDay(candidate) === day && copenhagenDay(new Date(candidate.getTime() - 1)) !== day) return candidate;
  }
  return new Date(`${day}T00:00:00Z`);
}
