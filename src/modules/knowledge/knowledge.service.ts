// The knowledge base behind "Stil et spørgsmål" (issue 18): governance's national articles and each municipality's local
// ones, written in their own tenant transactions (app.national / app.municipality: row-level security keeps a
// municipality's articles its own); a citizen's question answered from the published articles they can read (their own
// transaction, app.citizen) with the words that matched as the explanation — retrieval, nothing generated; "Ja, tak"
// counted; "Det svarede ikke på mit spørgsmål" handed over as a message to the jobcenter (messages module) and kept
// for the municipality's content owners; the counts per article for both.
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type TenantScope } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { createOnce, type CreatedOnce, type FormOnce } from '../../platform/http/form-token.ts';
import { parseInput } from '../../platform/validation.ts';
import { getBranding } from '../curation/index.ts';
import { startThreadFromQuestion } from '../messages/index.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { knowledgePolicy } from './knowledge.policy.ts';
import {
  deleteArticle as deleteArticleRow,
  insertArticle,
  recordHandover,
  recordUse,
  searchArticles,
  selectArticle,
  selectArticles,
  selectArticleUse,
  selectHandovers,
  selectNearestWords,
  selectPublishedArticle,
  selectPublishedArticlesById,
  updateArticle as updateArticleRow,
  type AnswerRow,
  type ArticleRow,
  type ArticleScope,
  type ArticleUseRow,
  type ArticleValues,
  type HandoverRow,
} from './knowledge.repository.ts';
import { articleSchema, handoverSchema, helpedSchema, MAX_ANSWERS, questionSchema, type ArticleInput } from './knowledge.schemas.ts';

/** Articles a list page shows. */
export const ARTICLES_PER_PAGE = 20;
/** Handed-over questions the insight page shows per page. */
export const HANDOVERS_PER_PAGE = 20;
/** Articles the insight page counts at most (the knowledge base is small; the most handed over come first). */
const USE_ROWS = 200;
/** Words of a question searched with at most (a longer question is searched by its first words). */
const MAX_WORDS = 30;

/** Where the staff pages work: governance's national articles, or the signed-in staff's municipality's local ones. */
export type KnowledgeArea = 'national' | 'local';

type Area = { scope: ArticleScope; tenant: TenantScope };

/** The area's articles and tenant for the actor; FORBIDDEN for anyone who may not work there (or not write, when asked). */
function areaOf(actor: Principal, area: KnowledgeArea, write: boolean): Area {
  if (area === 'national') {
    knowledgePolicy.authorize(actor, write ? 'knowledge.national.write' : 'knowledge.national.read');
    return { scope: { kind: 'national' }, tenant: { national: true } };
  }
  const municipalityCode = actor.municipality?.code;
  knowledgePolicy.authorize(actor, 'knowledge.local.manage', { municipalityCode });
  if (!municipalityCode) throw new AppError('FORBIDDEN');
  return { scope: { kind: 'local', municipalityCode }, tenant: { municipality: municipalityCode } };
}

/** Refuses (FORBIDDEN) anyone who may not write in the area, before a form is shown. */
export function authorizeWriting(actor: Principal, area: KnowledgeArea): void {
  areaOf(actor, area, true);
}

/** What the actor may do in the area (the pages show only that). */
export function knowledgePermissions(actor: Principal, area: KnowledgeArea): { write: boolean } {
  return {
    write:
      area === 'national'
        ? knowledgePolicy.can(actor, 'knowledge.national.write')
        : knowledgePolicy.can(actor, 'knowledge.local.manage', { municipalityCode: actor.municipality?.code }),
  };
}

function valuesOf(input: ArticleInput): ArticleValues {
  return {
    title_da: input.titleDa,
    body_da: input.bodyDa,
    title_en: input.titleEn,
    body_en: input.bodyEn,
    keywords: input.keywords,
    published: input.published,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing articles (governance nationally, content owners locally)

/** A page of the area's articles (drafts too), newest change first, and whether the actor may write them. */
export async function listArticles(
  db: Db,
  actor: Principal,
  area: KnowledgeArea,
  page: number,
): Promise<{ articles: ArticleRow[]; hasNext: boolean; write: boolean }> {
  const { scope, tenant } = areaOf(actor, area, false);
  const rows = await withTenant(db, tenant, (trx) => selectArticles(trx, scope, { limit: ARTICLES_PER_PAGE + 1, offset: (page - 1) * ARTICLES_PER_PAGE }));
  return { articles: rows.slice(0, ARTICLES_PER_PAGE), hasNext: rows.length > ARTICLES_PER_PAGE, write: knowledgePermissions(actor, area).write };
}

/** One of the area's articles to change; NOT_FOUND when the area has none such (another municipality's is none such). */
export async function getArticle(db: Db, actor: Principal, area: KnowledgeArea, articleId: string): Promise<ArticleRow> {
  const { scope, tenant } = areaOf(actor, area, true);
  const article = await withTenant(db, tenant, (trx) => selectArticle(trx, scope, articleId));
  if (!article) throw new AppError('NOT_FOUND', 'There is no such article here.');
  return article;
}

/** Writes a new article in the area, once per form token. Throws VALIDATION with field messages (nothing written). */
export async function createArticle(db: Db, actor: Principal, area: KnowledgeArea, input: unknown, once: FormOnce | undefined): Promise<CreatedOnce> {
  const { scope, tenant } = areaOf(actor, area, true);
  const values = valuesOf(parseInput(articleSchema, input));
  return withTenant(db, tenant, (trx) => createOnce(trx, once, (t) => insertArticle(t, scope, values, actor.subject)));
}

/** Changes one of the area's articles. VALIDATION with field messages; NOT_FOUND when the area has none such. */
export async function updateArticle(db: Db, actor: Principal, area: KnowledgeArea, articleId: string, input: unknown): Promise<void> {
  const { scope, tenant } = areaOf(actor, area, true);
  const values = valuesOf(parseInput(articleSchema, input));
  const changed = await withTenant(db, tenant, (trx) => updateArticleRow(trx, scope, articleId, values, actor.subject));
  if (!changed) throw new AppError('NOT_FOUND', 'There is no such article here.');
}

/** Deletes one of the area's articles with its counts. NOT_FOUND when the area has none such. */
export async function deleteArticle(db: Db, actor: Principal, area: KnowledgeArea, articleId: string): Promise<void> {
  const { scope, tenant } = areaOf(actor, area, true);
  const deleted = await withTenant(db, tenant, (trx) => deleteArticleRow(trx, scope, articleId));
  if (!deleted) throw new AppError('NOT_FOUND', 'There is no such article here.');
}

export type KnowledgeInsight = {
  uses: ArticleUseRow[];
  /** The municipality's handed-over questions (none nationally: they are the citizens' words to their own jobcenter). */
  handovers: HandoverRow[];
  hasNext: boolean;
};

/**
 * What the knowledge base did: per article how often it was shown, helped and was shown before a hand-over — for a
 * municipality its own local articles and the national ones as its citizens used them, for governance the national
 * ones across the country — and, for a municipality only, a page of the questions handed over to its jobcenter.
 */
export async function getInsight(db: Db, actor: Principal, area: KnowledgeArea, page: number): Promise<KnowledgeInsight> {
  const { scope, tenant } = areaOf(actor, area, false);
  return withTenant(db, tenant, async (trx) => {
    const uses = await selectArticleUse(trx, scope, { limit: USE_ROWS, offset: 0 });
    if (scope.kind === 'national') return { uses, handovers: [], hasNext: false };
    const rows = await selectHandovers(trx, scope.municipalityCode, { limit: HANDOVERS_PER_PAGE + 1, offset: (page - 1) * HANDOVERS_PER_PAGE });
    return { uses, handovers: rows.slice(0, HANDOVERS_PER_PAGE), hasNext: rows.length > HANDOVERS_PER_PAGE };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The citizen's question

/** The signed-in citizen's id and municipality; FORBIDDEN for anyone else. */
function askingCitizen(actor: Principal): { citizenId: string; municipality: { code: string; name: string } } {
  const citizenId = actor.citizenId;
  knowledgePolicy.authorize(actor, 'knowledge.ask', { citizenId });
  if (!citizenId || !actor.municipality) throw new AppError('FORBIDDEN');
  return { citizenId, municipality: actor.municipality };
}

export type Answer = {
  id: string;
  /** National (governance's) or the citizen's municipality's own. */
  scope: 'national' | 'local';
  titleDa: string;
  titleEn: string | null;
  bodyDa: string;
  bodyEn: string | null;
  keywords: string;
  updatedAt: Date;
  /** Why it matched: the question's words found in the title, the keywords and the text. */
  matched: { title: string[]; keywords: string[]; body: string[] };
  /** The best passages, matches marked (repository's MATCH_START/MATCH_END). */
  excerptDa: string;
  excerptEn: string | null;
};

export type AnswerSet = {
  question: string;
  /** Words of the question read as misspelt, and the word searched for instead. */
  corrections: { typed: string; searched: string }[];
  answers: Answer[];
  municipalityName: string;
};

// Letters and digits make words (anything else, web-search syntax included, is a separator).
const wordPattern = /[\p{L}\p{N}]+/gu;

/** The question's words, lower case, each once, in order (at most MAX_WORDS). */
function wordsOf(question: string): string[] {
  return [...new Set(question.normalize('NFC').toLowerCase().match(wordPattern) ?? [])].slice(0, MAX_WORDS);
}

function answerOf(row: AnswerRow): Answer {
  return {
    id: row.id,
    scope: row.municipality_code === null ? 'national' : 'local',
    titleDa: row.title_da,
    titleEn: row.title_en,
    bodyDa: row.body_da,
    bodyEn: row.body_en,
    keywords: row.keywords,
    updatedAt: row.updated_at,
    matched: { title: row.title_words, keywords: row.keyword_words, body: row.body_words },
    excerptDa: row.excerpt_da,
    excerptEn: row.excerpt_en,
  };
}

/**
 * The best answers (at most MAX_ANSWERS) to the citizen's question among the published articles they can read —
 * national ones and their municipality's own — by Danish full text over any of its words, with a word none of those
 * articles knows corrected to the nearest word they do (trigram similarity), and for each answer the words that
 * matched where. Each answer shown is counted (no citizen id is kept). Throws VALIDATION on `spoergsmaal`.
 */
export async function askQuestion(db: Db, actor: Principal, input: unknown): Promise<AnswerSet> {
  const { citizenId, municipality } = askingCitizen(actor);
  const { spoergsmaal: question } = parseInput(questionSchema, input);
  const words = wordsOf(question);
  return withTenant(db, { citizen: citizenId }, async (trx) => {
    const candidates = words.filter((w) => !/\p{N}/u.test(w) && [...w].length >= 3);
    const nearest = candidates.length > 0 ? await selectNearestWords(trx, candidates) : [];
    const corrections = nearest.filter((n) => n.nearest !== null && n.nearest !== n.word).map((n) => ({ typed: n.word, searched: n.nearest ?? n.word }));
    const corrected = new Map(corrections.map((c) => [c.typed, c.searched]));
    const searched = [...new Set(words.map((w) => corrected.get(w) ?? w))];
    const rows = searched.length > 0 ? await searchArticles(trx, searched, MAX_ANSWERS) : [];
    await recordUse(
      trx,
      rows.map((r) => r.id),
      'shown',
    );
    return { question, corrections, answers: rows.map(answerOf), municipalityName: municipality.name };
  });
}

/** "Ja, tak": counts that the article helped. VALIDATION when no answer is named; NOT_FOUND when the citizen cannot read it. */
export async function recordHelped(db: Db, actor: Principal, input: unknown): Promise<void> {
  const { citizenId } = askingCitizen(actor);
  const { artikel } = parseInput(helpedSchema, input);
  const counted = await withTenant(db, { citizen: citizenId }, (trx) => recordUse(trx, [artikel], 'helped'));
  if (counted === 0) throw new AppError('NOT_FOUND', 'There is no such answer.');
}

export type ReadArticle = { article: ArticleRow; scope: 'national' | 'local'; municipalityName: string };

/** A published article the citizen can read (national, or their municipality's); NOT_FOUND otherwise. */
export async function readArticle(db: Db, actor: Principal, articleId: string): Promise<ReadArticle> {
  const { citizenId, municipality } = askingCitizen(actor);
  const article = await withTenant(db, { citizen: citizenId }, (trx) => selectPublishedArticle(trx, articleId));
  if (!article) throw new AppError('NOT_FOUND', 'There is no such answer.');
  return { article, scope: article.municipality_code === null ? 'national' : 'local', municipalityName: municipality.name };
}

export type JobcenterContact = {
  /** Each jobcenter of the municipality with its opening hours (Monday = 1). */
  jobcenters: { name: string; openingHours: { weekday: number; opens: string; closes: string }[] }[];
  /** The municipality's own contact text from its branding, in Danish and English (null: none written). */
  contactText: { da: string | null; en: string | null };
};

/** When and how the citizen's jobcenter answers: its opening hours and its branding's contact text (both public). */
async function jobcenterContact(db: Db, municipalityCode: string): Promise<JobcenterContact> {
  const [{ jobcenters }, branding] = await Promise.all([getMunicipality(db, municipalityCode), getBranding(db, municipalityCode)]);
  return {
    jobcenters: jobcenters.map((j) => ({ name: j.name, openingHours: [...j.opening_hours].sort((a, b) => a.weekday - b.weekday) })),
    contactText: { da: branding?.contact_text_da ?? null, en: branding?.contact_text_en ?? null },
  };
}

export type HandoverDraft = {
  question: string;
  articles: { id: string; titleDa: string; titleEn: string | null }[];
  contact: JobcenterContact;
};

/** The hand-over form's content: the question, the articles shown (those the citizen can read) and the jobcenter's hours. */
export async function prepareHandover(db: Db, actor: Principal, input: unknown): Promise<HandoverDraft> {
  const { spoergsmaal, vist } = parseInput(handoverSchema, input);
  return draftOf(db, actor, spoergsmaal, vist);
}

/** The hand-over form's content again after its question was refused (the articles shown and the hours, no question). */
export async function prepareHandoverAgain(db: Db, actor: Principal, input: unknown): Promise<HandoverDraft> {
  const { vist } = parseInput(handoverSchema.pick({ vist: true }), input);
  return draftOf(db, actor, '', vist);
}

async function draftOf(db: Db, actor: Principal, spoergsmaal: string, vist: string[]): Promise<HandoverDraft> {
  const { citizenId, municipality } = askingCitizen(actor);
  const [articles, contact] = await Promise.all([
    withTenant(db, { citizen: citizenId }, (trx) => selectPublishedArticlesById(trx, vist)),
    jobcenterContact(db, municipality.code),
  ]);
  const order = new Map(vist.map((id, i) => [id, i]));
  return {
    question: spoergsmaal,
    articles: articles.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)).map((a) => ({ id: a.id, titleDa: a.title_da, titleEn: a.title_en })),
    contact,
  };
}

export type Handover = HandoverDraft & { threadId: string; expectedAnswerBy: Date };

/**
 * "Det svarede ikke på mit spørgsmål": the question becomes a message to the citizen's jobcenter carrying the articles
 * shown (messages module's startThreadFromQuestion, once per form token: a resubmit gives the same thread), kept for the
 * municipality's content owners and counted against those articles — once per thread. Returns when to expect an answer.
 * Throws VALIDATION on `spoergsmaal`.
 */
export async function handOverQuestion(db: Db, actor: Principal, input: unknown, formToken: string | undefined): Promise<Handover> {
  const { citizenId } = askingCitizen(actor);
  const draft = await prepareHandover(db, actor, input);
  const { threadId, expectedAnswerBy } = await startThreadFromQuestion(db, actor, {
    question: draft.question,
    articles: draft.articles.map((a) => ({ id: a.id, title: a.titleDa })),
    ...(formToken ? { formToken } : {}),
  });
  await withTenant(db, { citizen: citizenId }, (trx) =>
    recordHandover(trx, { threadId, question: draft.question, articleIds: draft.articles.map((a) => a.id), expectedAnswerBy }),
  );
  return { ...draft, threadId, expectedAnswerBy };
}
