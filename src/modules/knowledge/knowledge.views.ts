// The knowledge base's pages: the citizen's "Stil et spørgsmål" (question, answers with why they match, "Fik du svar?",
// the hand-over and its confirmation) and an answer on its own page; the staff's lists, forms and insight for
// governance's national articles and a municipality's local ones.
import { formatDateTime, formatNumber } from '../../platform/i18n/index.ts';
import { formTokenField } from '../../platform/http/form-token.ts';
import { csrfField, errorSummary, textArea, textField, type FormErrors } from '../../platform/views/components.ts';
import { escapeHtml, html, SafeHtml } from '../../platform/views/html.ts';
import { danishText, renderPage, type PageContext } from '../../platform/views/layout.ts';
import { MATCH_END, MATCH_START, type ArticleRow } from './knowledge.repository.ts';
import { QUESTION_MAX } from './knowledge.schemas.ts';
import type { Answer, AnswerSet, Handover, HandoverDraft, JobcenterContact, KnowledgeArea, KnowledgeInsight, ReadArticle } from './knowledge.service.ts';

export const ASK = '/borger/spoergsmaal';
export const ANSWER = `${ASK}/svar`;
export const HELPED = `${ASK}/hjalp`;
export const HANDOVER = `${ASK}/videre`;
export const HANDOVER_SEND = `${ASK}/send`;

/** Where each area's staff pages are. */
export const areaBase: Record<KnowledgeArea, string> = { national: '/faellesskab/vidensbase', local: '/kommune/vidensbase' };

/** The marked passages of a text: the stored text escaped first, then the database's match markers become <mark>. */
export function marked(text: string): SafeHtml {
  return new SafeHtml(escapeHtml(text).replaceAll(MATCH_START, '<mark>').replaceAll(MATCH_END, '</mark>'));
}

/** A text's paragraphs (blank lines part them), escaped. */
function paragraphs(text: string): SafeHtml[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p}</p>`);
}

/** The article's title in the reader's language: English where there is one; Danish (marked as Danish) otherwise. */
function titleIn(ctx: PageContext, article: { titleDa: string; titleEn: string | null }): SafeHtml {
  return ctx.locale === 'en' && article.titleEn ? html`${article.titleEn}` : danishText(ctx, article.titleDa);
}

function titleText(ctx: PageContext, article: { title_da: string; title_en: string | null }): SafeHtml {
  return titleIn(ctx, { titleDa: article.title_da, titleEn: article.title_en });
}

/** "Only in Danish" where an English reader gets the Danish text. */
function onlyDanish(ctx: PageContext, hasEnglish: boolean): SafeHtml | string {
  return ctx.locale === 'en' && !hasEnglish ? html`<p class="small-text"><strong>${ctx.t('knowledge.onlyDanish')}</strong></p>` : '';
}

function scopeLabel(ctx: PageContext, scope: 'national' | 'local', municipalityName: string): string {
  return scope === 'national' ? ctx.t('knowledge.scope.national') : ctx.t('knowledge.scope.local', { municipality: municipalityName });
}

function wordList(words: string[]): SafeHtml {
  return html`${words.map((w, i) => html`${i > 0 ? ', ' : ''}<mark>${w}</mark>`)}`;
}

/** Why an answer was shown: the question's words found where, and whose answer it is. */
function explanation(ctx: PageContext, answer: Answer, municipalityName: string): SafeHtml {
  const { t } = ctx;
  const parts = [
    answer.matched.title.length > 0 ? html`<li>${t('knowledge.why.title')}: ${wordList(answer.matched.title)}</li>` : '',
    answer.matched.keywords.length > 0 ? html`<li>${t('knowledge.why.keywords')}: ${wordList(answer.matched.keywords)}</li>` : '',
    answer.matched.body.length > 0 ? html`<li>${t('knowledge.why.body')}: ${wordList(answer.matched.body)}</li>` : '',
  ];
  return html`<div class="knowledge-why"><p class="small-text mb-0"><strong>${t('knowledge.why.heading')}</strong></p>
<ul class="small-text mt-0">${parts}<li>${scopeLabel(ctx, answer.scope, municipalityName)}</li></ul></div>`;
}

function shownFields(answers: { id: string }[]): SafeHtml {
  return html`${answers.map((a) => html`<input type="hidden" name="vist" value="${a.id}">`)}`;
}

function renderAnswer(ctx: PageContext, answer: Answer, index: number, set: AnswerSet): SafeHtml {
  const { t } = ctx;
  const english = ctx.locale === 'en' && answer.bodyEn !== null;
  const excerpt = english ? (answer.excerptEn ?? '') : answer.excerptDa;
  const body = english ? (answer.bodyEn ?? '') : answer.bodyDa;
  const headingId = `svar-${index + 1}`;
  return html`<li class="mb-6">
<section aria-labelledby="${headingId}">
<h3 id="${headingId}">${titleIn(ctx, answer)}</h3>
${onlyDanish(ctx, answer.bodyEn !== null)}
<p${english || ctx.locale === 'da' ? '' : html` lang="da"`}>${marked(excerpt)}</p>
${explanation(ctx, answer, set.municipalityName)}
<details class="details"><summary class="details-summary"><span class="details-summary-text">${t('knowledge.readAll')}<span class="sr-only"> (${titleIn(ctx, answer)})</span></span></summary>
<div class="details-text"${english || ctx.locale === 'da' ? '' : html` lang="da"`}>${paragraphs(body)}
<p><a href="${ANSWER}/${answer.id}">${t('knowledge.openPage')}</a></p></div></details>
<form method="post" action="${HELPED}" class="mt-3">${csrfField(ctx.csrfToken())}<input type="hidden" name="artikel" value="${answer.id}">
<button class="button button-secondary" type="submit">${t('knowledge.helped')}<span class="sr-only"> — ${t('knowledge.helpedThis', { number: index + 1 })}</span></button></form>
</section>
</li>`;
}

/** The question form, optionally with answers, the corrections made and "Fik du svar?". */
export function renderAsk(
  ctx: PageContext,
  state: { values: Record<string, string>; errors: FormErrors; thanks?: boolean; result?: AnswerSet | undefined },
): SafeHtml {
  const { t } = ctx;
  const result = state.result;
  const answers = result
    ? html`<section aria-labelledby="answers-heading" class="mt-7">
<h2 id="answers-heading">${result.answers.length > 0 ? t('knowledge.answers.heading', { count: result.answers.length }) : t('knowledge.answers.none')}</h2>
${
  result.corrections.length > 0
    ? html`<p>${t('knowledge.corrected')} ${result.corrections.map((c, i) => html`${i > 0 ? ', ' : ''}${t('knowledge.correctedWord', { typed: c.typed, searched: c.searched })}`)}</p>`
    : ''
}
${result.answers.length > 0 ? html`<p>${t('knowledge.answers.lead')}</p><ol class="nobullet-list">${result.answers.map((a, i) => renderAnswer(ctx, a, i, result))}</ol>` : ''}
<section aria-labelledby="feedback-heading" class="mt-6">
<h2 id="feedback-heading">${t('knowledge.feedback.heading')}</h2>
<p>${result.answers.length > 0 ? t('knowledge.feedback.lead') : t('knowledge.feedback.leadNone')}</p>
<form method="post" action="${HANDOVER}">
  ${csrfField(ctx.csrfToken())}<input type="hidden" name="spoergsmaal" value="${result.question}">${shownFields(result.answers)}
  <button class="button button-primary" type="submit">${t('knowledge.notAnswered')}</button>
</form>
</section>
</section>`
    : '';
  return html`<h1>${t('knowledge.ask.title')}</h1>
<p class="font-lead">${t('knowledge.ask.lead')}</p>
${state.thanks ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('knowledge.thanks')}</p></div></div>` : ''}
${errorSummary(t, state.errors)}
<form method="post" action="${ASK}" novalidate>
  ${csrfField(ctx.csrfToken())}
  ${textArea({ name: 'spoergsmaal', label: t('knowledge.ask.question'), hint: t('knowledge.ask.hint'), value: state.values.spoergsmaal, error: state.errors.spoergsmaal, rows: 3, maxLength: QUESTION_MAX })}
  <button class="button button-primary" type="submit">${t('knowledge.ask.submit')}</button>
</form>
${answers}`;
}

/** An answer on its own page, in the reader's language where it has one. */
export function renderReadArticle(ctx: PageContext, read: ReadArticle): SafeHtml {
  const { t } = ctx;
  const { article } = read;
  const english = ctx.locale === 'en' && article.body_en !== null;
  return html`<nav aria-label="${t('shell.breadcrumb')}" class="breadcrumbs"><ol class="breadcrumbs__list"><li class="breadcrumbs__list-item"><a href="${ASK}" class="breadcrumbs__link">${t('knowledge.ask.title')}</a></li><li class="breadcrumbs__list-item" aria-current="page">${titleText(ctx, article)}</li></ol></nav>
<h1>${titleIn(ctx, { titleDa: article.title_da, titleEn: article.title_en })}</h1>
<p class="small-text">${scopeLabel(ctx, read.scope, read.municipalityName)} · ${t('knowledge.updated', { when: formatDateTime(ctx.locale, article.updated_at) })}</p>
${onlyDanish(ctx, article.body_en !== null)}
<div${english || ctx.locale === 'da' ? '' : html` lang="da"`}>${paragraphs(english ? (article.body_en ?? '') : article.body_da)}</div>
<p class="mt-6"><a href="${ASK}">${t('knowledge.askAnother')}</a></p>`;
}

function contactPart(ctx: PageContext, contact: JobcenterContact): SafeHtml | string {
  const { t } = ctx;
  const text = ctx.locale === 'en' ? (contact.contactText.en ?? contact.contactText.da) : contact.contactText.da;
  const hours = contact.jobcenters.filter((j) => j.openingHours.length > 0);
  if (!text && hours.length === 0) return '';
  return html`<section aria-labelledby="hours-heading" class="mt-6">
<h2 id="hours-heading">${t('knowledge.hours.heading')}</h2>
${text ? html`<p${ctx.locale === 'en' && !contact.contactText.en ? html` lang="da"` : ''}>${text}</p>` : ''}
${hours.map(
  (j) =>
    html`<table class="table table--compact mb-5"><caption>${t('knowledge.hours.of', { name: j.name })}</caption><tbody>${j.openingHours.map(
      (h) => html`<tr><th scope="row">${weekday(ctx, h.weekday)}</th><td>${h.opens}–${h.closes}</td></tr>`,
    )}</tbody></table>`,
)}
</section>`;
}

function weekday(ctx: PageContext, day: number): string {
  switch (day) {
    case 1:
      return ctx.t('weekday.1');
    case 2:
      return ctx.t('weekday.2');
    case 3:
      return ctx.t('weekday.3');
    case 4:
      return ctx.t('weekday.4');
    case 5:
      return ctx.t('weekday.5');
    case 6:
      return ctx.t('weekday.6');
    default:
      return ctx.t('weekday.7');
  }
}

function articleTitles(ctx: PageContext, articles: HandoverDraft['articles']): SafeHtml | string {
  if (articles.length === 0) return html`<p>${ctx.t('knowledge.handover.noArticles')}</p>`;
  return html`<ul>${articles.map((a) => html`<li><a href="${ANSWER}/${a.id}">${titleIn(ctx, a)}</a></li>`)}</ul>`;
}

/** The hand-over form: the question (the citizen may add to it), the answers it will carry, the jobcenter's hours. */
export function renderHandoverForm(ctx: PageContext, draft: HandoverDraft, state: { values: Record<string, string>; errors: FormErrors }): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('knowledge.handover.title')}</h1>
<p class="font-lead">${t('knowledge.handover.lead')}</p>
${errorSummary(t, state.errors)}
<form method="post" action="${HANDOVER_SEND}" novalidate>
  ${csrfField(ctx.csrfToken())}${formTokenField(state.values)}${shownFields(draft.articles)}
  ${textArea({ name: 'spoergsmaal', label: t('knowledge.handover.question'), hint: t('knowledge.handover.questionHint'), value: state.values.spoergsmaal ?? draft.question, error: state.errors.spoergsmaal, rows: 4, maxLength: QUESTION_MAX })}
  <h2>${t('knowledge.handover.articles')}</h2>
  ${articleTitles(ctx, draft.articles)}
  <button class="button button-primary" type="submit">${t('knowledge.handover.send')}</button>
  <a class="button button-secondary" href="${ASK}">${t('form.cancel')}</a>
</form>
${contactPart(ctx, draft.contact)}`;
}

/** After the hand-over: sent, when to expect an answer (Copenhagen time), where it will come, the opening hours. */
export function renderHandoverSent(ctx: PageContext, handover: Handover): SafeHtml {
  const { t } = ctx;
  return html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-heading">${t('knowledge.sent.title')}</p>
<p class="alert-text">${t('knowledge.sent.expect', { when: formatDateTime(ctx.locale, handover.expectedAnswerBy) })}</p></div></div>
<h1>${t('knowledge.sent.title')}</h1>
<p class="font-lead">${t('knowledge.sent.lead')}</p>
<p><a href="/borger/beskeder/${handover.threadId}">${t('knowledge.sent.thread')}</a></p>
<h2>${t('knowledge.handover.question')}</h2>
<p>${handover.question}</p>
<h2>${t('knowledge.handover.articles')}</h2>
${articleTitles(ctx, handover.articles)}
${contactPart(ctx, handover.contact)}
<p class="mt-6"><a href="${ASK}">${t('knowledge.askAnother')}</a></p>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Staff

function flash(text: string | undefined): SafeHtml | string {
  return text ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${text}</p></div></div>` : '';
}

function pager(ctx: PageContext, base: string, page: number, hasNext: boolean): SafeHtml | string {
  if (page <= 1 && !hasNext) return '';
  return html`<nav aria-label="${ctx.t('knowledge.pages')}" class="mt-5"><ul class="nobullet-list d-flex">${
    page > 1 ? html`<li class="mr-5"><a href="${base}?side=${page - 1}">${ctx.t('knowledge.previous')}</a></li>` : ''
  }${hasNext ? html`<li><a href="${base}?side=${page + 1}">${ctx.t('knowledge.next')}</a></li>` : ''}</ul></nav>`;
}

function areaTitle(ctx: PageContext, area: KnowledgeArea): string {
  return area === 'national' ? ctx.t('knowledge.staff.nationalTitle') : ctx.t('knowledge.staff.localTitle');
}

/** The area's articles, newest change first, with their state and the actions the reader may take. */
export function renderArticleList(
  ctx: PageContext,
  top: SafeHtml,
  area: KnowledgeArea,
  list: { articles: ArticleRow[]; hasNext: boolean; page: number; write: boolean; notice?: string | undefined },
): SafeHtml {
  const { t } = ctx;
  const base = areaBase[area];
  const title = areaTitle(ctx, area);
  const body = html`${top}<h1>${title}</h1>
<p class="font-lead">${area === 'national' ? t('knowledge.staff.nationalLead') : t('knowledge.staff.localLead')}</p>
${flash(list.notice)}
<p>${list.write ? html`<a class="button button-primary" href="${base}/ny">${t('knowledge.staff.new')}</a> ` : ''}<a href="${base}/indsigt">${t('knowledge.insight.link')}</a></p>
${
  list.articles.length === 0
    ? html`<p>${t('knowledge.staff.empty')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--zebra">
<caption class="sr-only">${title}</caption>
<thead><tr><th scope="col">${t('knowledge.staff.articleTitle')}</th><th scope="col">${t('knowledge.staff.state')}</th><th scope="col">${t('knowledge.staff.english')}</th><th scope="col">${t('knowledge.staff.updated')}</th>${list.write ? html`<th scope="col">${t('knowledge.staff.actions')}</th>` : ''}</tr></thead>
<tbody>${list.articles.map((a) => {
        const name = titleText(ctx, a);
        return html`<tr><td>${list.write ? html`<a href="${base}/${a.id}/rediger">${name}</a>` : name}</td><td>${a.published ? t('knowledge.staff.published') : t('knowledge.staff.draft')}</td><td>${a.body_en ? t('knowledge.staff.yes') : t('knowledge.staff.no')}</td><td>${formatDateTime(ctx.locale, a.updated_at)}</td>${
          list.write
            ? html`<td><form method="post" action="${base}/${a.id}/slet" class="d-inline">${csrfField(ctx.csrfToken())}<button class="button button-tertiary" type="submit">${t('knowledge.staff.delete')}<span class="sr-only"> (${name})</span></button></form></td>`
            : ''
        }</tr>`;
      })}</tbody></table></div>`
}
${pager(ctx, base, list.page, list.hasNext)}`;
  return renderPage(ctx, { title, body });
}

export type ArticleForm = { action: string; title: string; values: Record<string, string>; errors: FormErrors; creating: boolean };

/** The values of an article as the form shows them. */
export function articleFormValues(article: ArticleRow): Record<string, string> {
  return {
    titleDa: article.title_da,
    bodyDa: article.body_da,
    titleEn: article.title_en ?? '',
    bodyEn: article.body_en ?? '',
    keywords: article.keywords,
    published: article.published ? 'ja' : '',
  };
}

/** The create and edit form of an article, with field messages next to the fields. */
export function renderArticleForm(ctx: PageContext, top: SafeHtml, area: KnowledgeArea, form: ArticleForm): SafeHtml {
  const { t } = ctx;
  const { values, errors } = form;
  const body = html`${top}<h1>${form.title}</h1>
${errorSummary(t, errors)}
<form method="post" action="${form.action}" novalidate>
  ${csrfField(ctx.csrfToken())}${form.creating ? formTokenField(values) : ''}
  ${textField({ name: 'titleDa', label: t('knowledge.form.titleDa'), value: values.titleDa, error: errors.titleDa, maxLength: 200 })}
  ${textArea({ name: 'bodyDa', label: t('knowledge.form.bodyDa'), hint: t('knowledge.form.bodyHint'), value: values.bodyDa, error: errors.bodyDa, rows: 10, maxLength: 10000 })}
  ${textField({ name: 'titleEn', label: t('knowledge.form.titleEn'), hint: t('knowledge.form.englishHint'), value: values.titleEn, error: errors.titleEn, optional: true, maxLength: 200 })}
  ${textArea({ name: 'bodyEn', label: t('knowledge.form.bodyEn'), value: values.bodyEn, error: errors.bodyEn, optional: true, rows: 10, maxLength: 10000 })}
  ${textField({ name: 'keywords', label: t('knowledge.form.keywords'), hint: t('knowledge.form.keywordsHint'), value: values.keywords, error: errors.keywords, optional: true, maxLength: 500 })}
  <div class="form-group"><ul class="nobullet-list"><li class="form-group-checkbox"><input type="checkbox" class="form-checkbox" id="field-published" name="published" value="ja"${values.published === 'ja' ? html` checked` : ''}><label for="field-published">${t('knowledge.form.published')}</label></li></ul></div>
  <button class="button button-primary" type="submit">${t('knowledge.form.save')}</button>
  <a class="button button-secondary" href="${areaBase[area]}">${t('form.cancel')}</a>
</form>`;
  return renderPage(ctx, { title: form.title, body });
}

/** Which articles help and which questions were handed over (the municipality's own only). */
export function renderInsight(ctx: PageContext, top: SafeHtml, area: KnowledgeArea, insight: KnowledgeInsight, page: number): SafeHtml {
  const { t } = ctx;
  const base = areaBase[area];
  const title = area === 'national' ? t('knowledge.insight.nationalTitle') : t('knowledge.insight.localTitle');
  const n = (value: number) => formatNumber(ctx.locale, value);
  const uses = html`<section aria-labelledby="use-heading" class="mt-6">
<h2 id="use-heading">${t('knowledge.insight.useHeading')}</h2>
<p>${area === 'national' ? t('knowledge.insight.useLeadNational') : t('knowledge.insight.useLeadLocal')}</p>
${
  insight.uses.length === 0
    ? html`<p>${t('knowledge.staff.empty')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--zebra">
<caption class="sr-only">${t('knowledge.insight.useHeading')}</caption>
<thead><tr><th scope="col">${t('knowledge.staff.articleTitle')}</th><th scope="col">${t('knowledge.insight.kind')}</th><th scope="col" class="text-right">${t('knowledge.insight.shown')}</th><th scope="col" class="text-right">${t('knowledge.insight.helped')}</th><th scope="col" class="text-right">${t('knowledge.insight.handedOver')}</th></tr></thead>
<tbody>${insight.uses.map(
        (u) =>
          html`<tr><td>${titleText(ctx, u)}${u.published ? '' : html` <span class="small-text">(${t('knowledge.staff.draft')})</span>`}</td><td>${u.municipality_code === null ? t('knowledge.insight.national') : t('knowledge.insight.local')}</td><td class="text-right">${n(u.shown)}</td><td class="text-right">${n(u.helped)}</td><td class="text-right">${n(u.handed_over)}</td></tr>`,
      )}</tbody></table></div>`
}
</section>`;
  const handovers =
    area === 'local'
      ? html`<section aria-labelledby="handover-heading" class="mt-7">
<h2 id="handover-heading">${t('knowledge.insight.handoverHeading')}</h2>
<p>${t('knowledge.insight.handoverLead')}</p>
${
  insight.handovers.length === 0
    ? html`<p>${t('knowledge.insight.noHandovers')}</p>`
    : html`<ul class="nobullet-list">${insight.handovers.map(
        (h) => html`<li class="mb-5"><p class="mb-0"><strong>${formatDateTime(ctx.locale, h.created_at)}</strong></p>
<blockquote class="mt-2 mb-2">${h.question}</blockquote>
<p class="small-text mt-0">${t('knowledge.insight.shownBefore')}: ${
          h.articles.length === 0 ? t('knowledge.insight.noneShown') : h.articles.map((a, i) => html`${i > 0 ? '; ' : ''}${titleText(ctx, a)}`)
        }</p></li>`,
      )}</ul>`
}
${pager(ctx, `${base}/indsigt`, page, insight.hasNext)}
</section>`
      : html`<p class="mt-6">${t('knowledge.insight.nationalNoQuestions')}</p>`;
  const body = html`${top}<h1>${title}</h1>
<p><a href="${base}">${areaTitle(ctx, area)}</a></p>
${uses}
${handovers}`;
  return renderPage(ctx, { title, body });
}
