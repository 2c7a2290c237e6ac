import type { Principal } from '../../platform/auth/principal.ts';
import { AppError } from '../../platform/errors.ts';
import { principalOf, publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { sendConfirmation, submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { isConfirmed } from '../../platform/views/components.ts';
import { renderPage } from '../../platform/views/layout.ts';
import { listAllMunicipalities } from '../municipalities/index.ts';
import { getOwnContact } from '../vendor-data/index.ts';
import { agentByUnsubscribeToken, changeAgent, createAgent, listAgents, openAgent, unsubscribeByToken } from './agents.service.ts';
import { agentCriteriaFields, renderAgent, renderAgentForm, renderAgents, renderUnsubscribe } from './agents.views.ts';
import { agentParams, unsubscribedSchema, unsubscribeParams } from './jobs.schemas.ts';
import { occupationTitles } from './jobs.service.ts';
import { queryValuesOf, type QueryValues } from './jobs.views.ts';
import type { Db } from '../../platform/db/database.ts';

const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;

function criteriaOf(values: QueryValues): QueryValues {
  return Object.fromEntries(agentCriteriaFields.filter((name) => values[name]).map((name) => [name, values[name] ?? []]));
}

async function namesFor(db: Db, criteria: QueryValues) {
  const [titles, municipalities] = await Promise.all([occupationTitles(db, criteria.stilling ?? []), listAllMunicipalities(db)]);
  return { occupationTitles: titles, municipalityNames: new Map(municipalities.map((m) => [m.code, m.name])) };
}

async function contactEmail(db: Db, actor: Principal): Promise<string> {
  return (await getOwnContact(db, actor))?.email ?? '';
}

/** The citizen's job agents: save a search, see what they found, pause, delete; and the unsubscribe link of every mail. */
export const jobAgentPages: RouteModule = (app, { db }) => {
  app.get('/borger/job/agenter', { config: citizenAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const view = await listAgents(db, principalOf(request));
    const query = request.query as Record<string, unknown>;
    const body = renderAgents(ctx, { ...view, created: query.gemt === '1', deleted: query.slettet === '1' });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('jobs.agent.listTitle'), body }));
  });

  app.get('/borger/job/agenter/ny', { config: citizenAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const criteria = criteriaOf(queryValuesOf(request.query));
    const actor = principalOf(request);
    const body = renderAgentForm(ctx, { criteria, values: { email: await contactEmail(db, actor) }, errors: {}, ...(await namesFor(db, criteria)) });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('jobs.agent.newTitle'), body }));
  });

  app.post('/borger/job/agenter', { config: citizenAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: () => createAgent(db, actor, request.body),
      then: () => '/borger/job/agenter?gemt=1',
      showAgain: async ({ errors, values }) => {
        const criteria = criteriaOf(queryValuesOf(request.body));
        return renderPage(ctx, {
          title: ctx.t('jobs.agent.newTitle'),
          body: renderAgentForm(ctx, { criteria, values, errors, ...(await namesFor(db, criteria)) }),
        });
      },
    });
  });

  app.get('/borger/job/agenter/:agentId', { config: citizenAccess, schema: { params: agentParams } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const view = await openAgent(db, principalOf(request), request.params.agentId);
    return sendPage(reply, renderPage(ctx, { title: view.agent.name, body: renderAgent(ctx, view) }));
  });

  for (const [path, change] of [
    ['pause', 'stop'],
    ['start', 'start'],
  ] as const)
    app.post(`/borger/job/agenter/:agentId/${path}`, { config: citizenAccess, schema: { params: agentParams } }, async (request, reply) => {
      await changeAgent(db, principalOf(request), request.params.agentId, change);
      return reply.redirect(`/borger/job/agenter/${request.params.agentId}`, 303);
    });

  app.post('/borger/job/agenter/:agentId/slet', { config: citizenAccess, schema: { params: agentParams } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const { agentId } = request.params;
    if (!isConfirmed(request.body)) {
      const { agent } = await openAgent(db, actor, agentId);
      return sendConfirmation(reply, ctx, {
        heading: ctx.t('jobs.agent.deleteConfirm', { name: agent.name }),
        text: ctx.t('jobs.agent.deleteText'),
        action: `/borger/job/agenter/${agentId}/slet`,
        confirmLabel: ctx.t('jobs.agent.delete'),
        cancelHref: `/borger/job/agenter/${agentId}`,
      });
    }
    await changeAgent(db, actor, agentId, 'delete');
    return reply.redirect('/borger/job/agenter?slettet=1', 303);
  });

  // The link in every mail: a page that asks, and the answer; no sign-in, the link's secret is the key.
  app.get('/job/agent/afmeld/:token', { config: publicAccess, schema: { params: unsubscribeParams } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const agent = await agentByUnsubscribeToken(db, request.params.token);
    return sendPage(
      reply,
      renderPage(ctx, { title: ctx.t('jobs.agent.unsubscribeTitle'), body: renderUnsubscribe(ctx, request.params.token, agent, false) }),
      agent ? 200 : 404,
    );
  });

  app.post('/job/agent/afmeld/:token', { config: publicAccess, schema: { params: unsubscribeParams } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const stopped = await unsubscribeByToken(db, request.params.token);
    const body = renderUnsubscribe(ctx, request.params.token, stopped && { name: stopped.name, active: false }, true);
    return sendPage(reply, renderPage(ctx, { title: ctx.t('jobs.agent.unsubscribeTitle'), body }), stopped ? 200 : 404);
  });
};

/** RFC 8058 one-click unsubscribe: the mail client POSTs `List-Unsubscribe=One-Click` to the List-Unsubscribe address. */
export const jobAgentApiRoutes: RouteModule = (app, { db }) => {
  app.post(
    '/api/public/v1/job-agents/unsubscribe/:token',
    {
      config: publicAccess,
      schema: {
        operationId: 'unsubscribeJobAgent',
        tags: ['Jobs'],
        security: [],
        summary: 'One-click unsubscribe from a job agent (RFC 8058), the address in its mails’ List-Unsubscribe header',
        params: unsubscribeParams,
        response: {
          200: { description: 'The job agent sends no more mail', content: { 'application/json': { schema: unsubscribedSchema } } },
          ...problemResponses(400, 404, 429),
        },
      },
    },
    async (request, reply) => {
      if (!(await unsubscribeByToken(db, request.params.token))) throw new AppError('NOT_FOUND', 'The unsubscribe link names no job agent.');
      return reply.header('cache-control', 'no-store').send({ unsubscribed: true });
    },
  );
};
