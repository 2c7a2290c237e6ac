// The knowledge base's pages: the citizen's "Stil et spørgsmål" (/borger/spoergsmaal) with its answers, "Ja, tak" and
// the hand-over to the jobcenter; an answer on its own page; governance's national articles (/faellesskab/vidensbase)
// and a municipality's local ones (/kommune/vidensbase) with their forms and insight.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { principalOf, type RouteAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { formOnce } from '../../platform/http/form-token.ts';
import { sendConfirmation, submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { isConfirmed } from '../../platform/views/components.ts';
import type { SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { articleParams, askQuery, listQuery } from './knowledge.schemas.ts';
import {
  askQuestion,
  authorizeWriting,
  createArticle,
  deleteArticle,
  getArticle,
  getInsight,
  handOverQuestion,
  listArticles,
  prepareHandover,
  prepareHandoverAgain,
  readArticle,
  recordHelped,
  updateArticle,
  type KnowledgeArea,
} from './knowledge.service.ts';
import {
  ANSWER,
  areaBase,
  articleFormValues,
  ASK,
  HANDOVER,
  HANDOVER_SEND,
  HELPED,
  renderArticleForm,
  renderArticleList,
  renderAsk,
  renderHandoverForm,
  renderHandoverSent,
  renderInsight,
  renderReadArticle,
} from './knowledge.views.ts';

const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;
const governanceUsers = { access: { roles: ['governance_reviewer', 'governance_admin'], level: 'Substantial' } } as const;
const governanceAdmin = { access: { roles: ['governance_admin'], level: 'Substantial' } } as const;
const workspaceAccess = { access: { roles: ['content_owner', 'municipal_admin'], level: 'Substantial' } } as const;

/** The navigation the areas' pages show, handed over by the composition (src/modules.ts) from the modules that own it. */
export type KnowledgeNavigation = {
  governanceNav: (ctx: PageContext) => SafeHtml;
  workspaceHeader: (db: Db, ctx: PageContext, actor: Principal) => Promise<SafeHtml>;
};

const notices: Record<string, MessageKey> = {
  oprettet: 'knowledge.flash.created',
  gemt: 'knowledge.flash.saved',
  slettet: 'knowledge.flash.deleted',
  allerede: 'form.alreadySubmitted',
};

/** The citizen's pages. */
function citizenPages(app: Parameters<RouteModule>[0], db: Db): void {
  const askPage = (ctx: PageContext, body: SafeHtml) => renderPage(ctx, { title: ctx.t('knowledge.ask.title'), body });

  app.get(ASK, { config: citizenAccess, schema: { querystring: askQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, askPage(ctx, renderAsk(ctx, { values: {}, errors: {}, thanks: request.query.tak === '1' })));
  });

  // The question goes in the body, not the address: it is the citizen's own words, and addresses end up in logs.
  app.post(ASK, { config: citizenAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return submitForm(reply, request.body, {
      run: () => askQuestion(db, principalOf(request), request.body),
      then: (result) => sendPage(reply, askPage(ctx, renderAsk(ctx, { values: { spoergsmaal: result.question }, errors: {}, result }))),
      showAgain: ({ errors, values }) => askPage(ctx, renderAsk(ctx, { values, errors })),
    });
  });

  app.post(HELPED, { config: citizenAccess }, async (request, reply) => {
    await recordHelped(db, principalOf(request), request.body);
    return reply.redirect(`${ASK}?tak=1`, 303);
  });

  app.get(`${ANSWER}/:articleId`, { config: citizenAccess, schema: { params: articleParams } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const read = await readArticle(db, principalOf(request), request.params.articleId);
    const title = ctx.locale === 'en' && read.article.title_en ? read.article.title_en : read.article.title_da;
    return sendPage(reply, renderPage(ctx, { title, body: renderReadArticle(ctx, read) }));
  });

  // "Det svarede ikke på mit spørgsmål": the hand-over form with the question and the answers shown.
  app.post(HANDOVER, { config: citizenAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const draft = await prepareHandover(db, principalOf(request), request.body);
    return sendPage(reply, renderPage(ctx, { title: ctx.t('knowledge.handover.title'), body: renderHandoverForm(ctx, draft, { values: {}, errors: {} }) }));
  });

  // Sending it: one message per form token (a resubmit gives the same thread and shows the same confirmation).
  app.post(HANDOVER_SEND, { config: citizenAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: () => handOverQuestion(db, actor, request.body, formOnce(request.body, 'knowledge.handover', actor.subject)?.token),
      then: (handover) => sendPage(reply, renderPage(ctx, { title: ctx.t('knowledge.sent.title'), body: renderHandoverSent(ctx, handover) })),
      showAgain: async ({ errors, values }) => {
        const draft = await prepareHandoverAgain(db, actor, request.body);
        return renderPage(ctx, { title: ctx.t('knowledge.handover.title'), body: renderHandoverForm(ctx, draft, { values, errors }) });
      },
    });
  });
}

/** One area's staff pages (governance's national articles, or a municipality's local ones). */
function areaPages(
  app: Parameters<RouteModule>[0],
  db: Db,
  area: KnowledgeArea,
  access: { read: { access: RouteAccess }; write: { access: RouteAccess } },
  header: (request: FastifyRequest, ctx: PageContext) => Promise<SafeHtml>,
): void {
  const base = areaBase[area];

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { action: string; title: string; values: Record<string, string>; errors: Record<string, string>; creating: boolean },
    status = 200,
  ) {
    const ctx = pageContext(request, reply);
    return sendPage(reply, renderArticleForm(ctx, await header(request, ctx), area, form), status);
  }

  app.get(base, { config: access.read, schema: { querystring: listQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [list, top] = await Promise.all([listArticles(db, principalOf(request), area, request.query.side), header(request, ctx)]);
    const notice = request.query.besked ? ctx.t(notices[request.query.besked] ?? 'knowledge.flash.saved') : undefined;
    return sendPage(reply, renderArticleList(ctx, top, area, { ...list, page: request.query.side, notice }));
  });

  app.get(`${base}/ny`, { config: access.write }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    authorizeWriting(principalOf(request), area);
    return showForm(request, reply, { action: base, title: ctx.t('knowledge.staff.new'), values: { published: 'ja' }, errors: {}, creating: true });
  });

  app.post(base, { config: access.write }, async (request, reply) => {
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: () => createArticle(db, actor, area, request.body, formOnce(request.body, `knowledge.article.${area}`, actor.subject)),
      then: (created) => `${base}?besked=${created.replayed ? 'allerede' : 'oprettet'}`,
      showAgain: ({ errors, values }) =>
        showForm(request, reply, { action: base, title: pageContext(request, reply).t('knowledge.staff.new'), values, errors, creating: true }, 400),
    });
  });

  app.get(`${base}/:articleId/rediger`, { config: access.write, schema: { params: articleParams } }, async (request, reply) => {
    const article = await getArticle(db, principalOf(request), area, request.params.articleId);
    const ctx = pageContext(request, reply);
    const title = ctx.t('knowledge.staff.edit', { title: article.title_da });
    return showForm(request, reply, { action: `${base}/${article.id}/rediger`, title, values: articleFormValues(article), errors: {}, creating: false });
  });

  app.post(`${base}/:articleId/rediger`, { config: access.write, schema: { params: articleParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { articleId } = request.params;
    return submitForm(reply, request.body, {
      run: async () => {
        await updateArticle(db, actor, area, articleId, request.body);
        return `${base}?besked=gemt`;
      },
      showAgain: async ({ errors, values }) => {
        const article = await getArticle(db, actor, area, articleId);
        const title = pageContext(request, reply).t('knowledge.staff.edit', { title: article.title_da });
        return showForm(request, reply, { action: `${base}/${articleId}/rediger`, title, values, errors, creating: false }, 400);
      },
    });
  });

  // Deleting asks first: the confirmation posts here again with the confirmation field.
  app.post(`${base}/:articleId/slet`, { config: access.write, schema: { params: articleParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { articleId } = request.params;
    if (!isConfirmed(request.body)) {
      const article = await getArticle(db, actor, area, articleId);
      const ctx = pageContext(request, reply);
      return sendConfirmation(reply, ctx, {
        heading: ctx.t('knowledge.delete.heading', { title: article.title_da }),
        text: ctx.t('knowledge.delete.text'),
        action: `${base}/${articleId}/slet`,
        confirmLabel: ctx.t('knowledge.delete.confirm'),
        cancelHref: base,
      });
    }
    await deleteArticle(db, actor, area, articleId);
    return reply.redirect(`${base}?besked=slettet`, 303);
  });

  app.get(`${base}/indsigt`, { config: access.read, schema: { querystring: listQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [insight, top] = await Promise.all([getInsight(db, principalOf(request), area, request.query.side), header(request, ctx)]);
    return sendPage(reply, renderInsight(ctx, top, area, insight, request.query.side));
  });
}

/** Every page of the knowledge base; the areas' navigation comes from the composition. */
export function knowledgePages(nav: KnowledgeNavigation): RouteModule {
  return (app, { db }) => {
    citizenPages(app, db);
    areaPages(app, db, 'national', { read: governanceUsers, write: governanceAdmin }, (_request, ctx) => Promise.resolve(nav.governanceNav(ctx)));
    areaPages(app, db, 'local', { read: workspaceAccess, write: workspaceAccess }, (request, ctx) => nav.workspaceHeader(db, ctx, principalOf(request)));
  };
}
