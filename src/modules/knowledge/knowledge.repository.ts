import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type { KnowledgeArticleTable } from './knowledge.tables.ts';

type Executor = Db | Trx;

/** Which articles a list or a write is about: governance's national ones, or one municipality's local ones. */
export type ArticleScope = { kind: 'national' } | { kind: 'local'; municipalityCode: string };

export type ArticleRow = Omit<Selectable<KnowledgeArticleTable>, 'search' | 'seed_key'>;

export type ArticleValues = {
  title_da: string;
  body_da: string;
  title_en: string | null;
  body_en: string | null;
  keywords: string;
  published: boolean;
};

const articleColumns = [
  'id',
  'municipality_code',
  'title_da',
  'body_da',
  'title_en',
  'body_en',
  'keywords',
  'published',
  'created_at',
  'updated_at',
  'updated_by',
] as const;

// How alike a word of the list must be to a question's unknown word to replace it (trigram similarity). Stricter than
// pg_trgm's 0.3, which the job search uses: a question is everyday language, and at 0.3 "hvordan" became "hvornår".
const CORRECTION_SIMILARITY = 0.5;

// Highlight markers that cannot occur in stored text: the text is escaped first, then they become <mark> (views).
export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

// ---------------------------------------------------------------------------------------------------------------
// Articles (row-level security decides which the transaction sees and may write)

/** A page of the scope's articles, newest change first (one more than `limit`, so the caller knows a next page follows). */
export async function selectArticles(db: Executor, scope: ArticleScope, options: { limit: number; offset: number }): Promise<ArticleRow[]> {
  let query = db.selectFrom('knowledge_article').select(articleColumns);
  query = scope.kind === 'national' ? query.where('municipality_code', 'is', null) : query.where('municipality_code', '=', scope.municipalityCode);
  return query.orderBy('updated_at', 'desc').orderBy('id').limit(options.limit).offset(options.offset).execute();
}

/** One article of the scope; undefined when there is none the transaction may see there. */
export async function selectArticle(db: Executor, scope: ArticleScope, articleId: string): Promise<ArticleRow | undefined> {
  let query = db.selectFrom('knowledge_article').select(articleColumns).where('id', '=', articleId);
  query = scope.kind === 'national' ? query.where('municipality_code', 'is', null) : query.where('municipality_code', '=', scope.municipalityCode);
  return query.executeTakeFirst();
}

/** A published article as a reader sees it (row-level security: national, or the citizen's own municipality's). */
export async function selectPublishedArticle(db: Executor, articleId: string): Promise<ArticleRow | undefined> {
  return db.selectFrom('knowledge_article').select(articleColumns).where('id', '=', articleId).where('published', '=', true).executeTakeFirst();
}

/** The published articles with these ids the transaction can read, by id. */
export async function selectPublishedArticlesById(db: Executor, articleIds: string[]): Promise<ArticleRow[]> {
  if (articleIds.length === 0) return [];
  return db.selectFrom('knowledge_article').select(articleColumns).where('id', 'in', articleIds).where('published', '=', true).orderBy('id').execute();
}

export async function insertArticle(trx: Trx, scope: ArticleScope, values: ArticleValues, by: string): Promise<string> {
  const row = await trx
    .insertInto('knowledge_article')
    .values({ ...values, municipality_code: scope.kind === 'local' ? scope.municipalityCode : null, updated_by: by, seed_key: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes an article of the scope; false when there is none the transaction may write. */
export async function updateArticle(trx: Trx, scope: ArticleScope, articleId: string, values: ArticleValues, by: string): Promise<boolean> {
  let query = trx
    .updateTable('knowledge_article')
    .set({ ...values, updated_by: by, updated_at: new Date() })
    .where('id', '=', articleId);
  query = scope.kind === 'national' ? query.where('municipality_code', 'is', null) : query.where('municipality_code', '=', scope.municipalityCode);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes an article of the scope (its counts go with it); false when there is none the transaction may delete. */
export async function deleteArticle(trx: Trx, scope: ArticleScope, articleId: string): Promise<boolean> {
  let query = trx.deleteFrom('knowledge_article').where('id', '=', articleId);
  query = scope.kind === 'national' ? query.where('municipality_code', 'is', null) : query.where('municipality_code', '=', scope.municipalityCode);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Search

export type AnswerRow = ArticleRow & {
  rank: number;
  /** The question's words (as searched) whose Danish stem is in the title (Danish or English), the keywords, the text. */
  title_words: string[];
  keyword_words: string[];
  body_words: string[];
  /** The best passages of the Danish and the English text, matches between MATCH_START and MATCH_END. */
  excerpt_da: string;
  excerpt_en: string | null;
};

/**
 * The published articles the transaction can read that match any of the words (Danish full text, stemmed), best
 * first (title, then keywords, then text weigh most), at most `limit`, each with the words that matched where and
 * its best passages marked. `words` are plain lower-case words (letters and digits only), stop words included.
 */
export async function searchArticles(db: Executor, words: string[], limit: number): Promise<AnswerRow[]> {
  // Any of the words: "ferie or ledig or …" in web-search syntax (the words hold no operators: letters and digits only).
  const query = sql`websearch_to_tsquery('danish', ${words.filter((w) => w !== 'or').join(' or ')})`;
  const options = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
  const { rows } = await sql<AnswerRow>`
    with q as (select w.word, (ts_lexize('danish_stem', w.word))[1] as stem from unnest(${words}::text[]) w(word)),
    best as (
      select a.id, ts_rank(a.search, ${query}) as rank
      from knowledge_article a
      where a.published and a.search @@ ${query}
      order by rank desc, a.updated_at desc, a.id
      limit ${limit}
    )
    select a.id, a.municipality_code, a.title_da, a.body_da, a.title_en, a.body_en, a.keywords, a.published, a.created_at,
           a.updated_at, a.updated_by, b.rank,
           array(select q.word from q where q.stem is not null
                 and q.stem = any(tsvector_to_array(to_tsvector('danish', a.title_da || ' ' || coalesce(a.title_en, ''))))) as title_words,
           array(select q.word from q where q.stem is not null and q.stem = any(tsvector_to_array(to_tsvector('danish', a.keywords)))) as keyword_words,
           array(select q.word from q where q.stem is not null
                 and q.stem = any(tsvector_to_array(to_tsvector('danish', a.body_da || ' ' || coalesce(a.body_en, ''))))) as body_words,
           ts_headline('danish', a.body_da, ${query}, ${options}) as excerpt_da,
           case when a.body_en is null then null else ts_headline('danish', a.body_en, ${query}, ${options}) end as excerpt_en
    from best b
    join knowledge_article a on a.id = b.id
    order by b.rank desc, a.updated_at desc, a.id
  `.execute(db);
  return rows;
}

/**
 * For each word, the nearest word of the word list the transaction can read (national, and its own municipality's)
 * by trigram distance among those similar enough (CORRECTION_SIMILARITY); the word itself when a word with its Danish
 * stem is there, or when it is a stop word; null when nothing is near.
 */
export async function selectNearestWords(db: Executor, words: string[]): Promise<{ word: string; nearest: string | null }[]> {
  const { rows } = await sql<{ word: string; nearest: string | null }>`
    select q.word,
           case when s.stem is null or exists (select 1 from knowledge_word k where k.stem = s.stem) then q.word
                else (select w.word from knowledge_word w where w.word % q.word and similarity(w.word, q.word) >= ${CORRECTION_SIMILARITY}
                      order by w.word <-> q.word, w.word limit 1)
           end as nearest
    from unnest(${words}::text[]) with ordinality q(word, position)
    cross join lateral (select (ts_lexize('danish_stem', q.word))[1] as stem) s
    order by q.position
  `.execute(db);
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Use, hand-overs and insight

/** Counts a use of the articles by the transaction's citizen (through the database's function: no citizen id is stored). */
export async function recordUse(trx: Trx, articleIds: string[], kind: 'shown' | 'helped'): Promise<number> {
  if (articleIds.length === 0) return 0;
  const { rows } = await sql<{ counted: number }>`select record_knowledge_use(${articleIds}::uuid[], ${kind}) as counted`.execute(trx);
  return rows[0]?.counted ?? 0;
}

/** Keeps a handed-over question once per thread and counts the articles shown; false when the thread was recorded before. */
export async function recordHandover(
  trx: Trx,
  handover: { threadId: string; question: string; articleIds: string[]; expectedAnswerBy: Date },
): Promise<boolean> {
  const { rows } = await sql<{ recorded: boolean }>`
    select record_knowledge_handover(${handover.threadId}::uuid, ${handover.question}, ${handover.articleIds}::uuid[], ${handover.expectedAnswerBy}) as recorded
  `.execute(trx);
  return rows[0]?.recorded ?? false;
}

export type ArticleUseRow = {
  id: string;
  municipality_code: string | null;
  title_da: string;
  title_en: string | null;
  published: boolean;
  shown: number;
  helped: number;
  handed_over: number;
};

/**
 * The use of the scope's articles: a municipality's local articles and the national ones as its citizens used them
 * (row-level security gives its own counts only), or the national articles across every municipality (governance).
 * Most handed over first (what needs improving), then most shown.
 */
export async function selectArticleUse(db: Executor, scope: ArticleScope, options: { limit: number; offset: number }): Promise<ArticleUseRow[]> {
  const inScope =
    scope.kind === 'national' ? sql`a.municipality_code is null` : sql`(a.municipality_code = ${scope.municipalityCode} or a.municipality_code is null)`;
  const { rows } = await sql<ArticleUseRow>`
    select a.id, a.municipality_code, a.title_da, a.title_en, a.published,
           coalesce(sum(u.shown), 0)::int as shown, coalesce(sum(u.helped), 0)::int as helped,
           coalesce(sum(u.handed_over), 0)::int as handed_over
    from knowledge_article a
    left join knowledge_article_use u on u.article_id = a.id
    where ${inScope}
    group by a.id
    order by handed_over desc, shown desc, a.title_da collate "da-DK-x-icu", a.id
    limit ${options.limit} offset ${options.offset}
  `.execute(db);
  return rows;
}

export type HandoverRow = { id: string; question: string; created_at: Date; articles: { id: string; title_da: string; title_en: string | null }[] };

/** A page of the municipality's handed-over questions, newest first, with the titles of the articles shown (one extra row). */
export async function selectHandovers(db: Executor, municipalityCode: string, options: { limit: number; offset: number }): Promise<HandoverRow[]> {
  const { rows } = await sql<HandoverRow>`
    select h.id, h.question, h.created_at,
           coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'title_da', a.title_da, 'title_en', a.title_en) order by x.position)
                     from unnest(h.article_ids) with ordinality x(id, position)
                     join knowledge_article a on a.id = x.id), '[]'::jsonb) as articles
    from knowledge_handover h
    where h.municipality_code = ${municipalityCode}
    order by h.created_at desc, h.id
    limit ${options.limit} offset ${options.offset}
  `.execute(db);
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Demo seed

export type SeedArticle = { key: string; municipalityCode: string | null } & ArticleValues;

/** Writes the demo articles by their stable keys (the database owner's transaction, as every seed part). */
export async function upsertSeedArticles(db: Executor, articles: SeedArticle[], by: string): Promise<void> {
  if (articles.length === 0) return;
  await db
    .insertInto('knowledge_article')
    .values(articles.map(({ key, municipalityCode, ...values }) => ({ ...values, municipality_code: municipalityCode, seed_key: key, updated_by: by })))
    .onConflict((oc) =>
      oc.column('seed_key').doUpdateSet((eb) => ({
        title_da: eb.ref('excluded.title_da'),
        body_da: eb.ref('excluded.body_da'),
        title_en: eb.ref('excluded.title_en'),
        body_en: eb.ref('excluded.body_en'),
        keywords: eb.ref('excluded.keywords'),
        published: eb.ref('excluded.published'),
        municipality_code: eb.ref('excluded.municipality_code'),
      })),
    )
    .execute();
}
