import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { isAppError } from '../../platform/errors.ts';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { formErrors, formValues, type FormErrors } from '../../platform/views/components.ts';
import { renderPage } from '../../platform/views/layout.ts';
import { caseworkerSuggestionsAction, caseworkerSuggestionsQuery, citizenSuggestionsQuery, suggestionCitizenParams } from './suggestions.schemas.ts';
import { answerSuggestion, listOwnSuggestions, openCitizenSuggestions, searchAdsToSuggest, suggestJob, type SuggestionSearch } from './suggestions.service.ts';
import { renderCitizenSuggestions, renderOwnSuggestions } from './suggestions.views.ts';
import { sendPurposeQuestion } from '../identity/index.ts';

const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;
const caseworkerAccess = { access: { roles: ['caseworker'], level: 'Substantial' } } as const;

type SearchQuery = { q?: string | undefined; sted?: string | undefined };

/**
 * Shows a citizen's job suggestions to the caseworker for a purpose (logged), with the job search and a refused
 * suggestion's messages if any; without a valid purpose, the purpose question with its message, and nothing of the citizen.
 */
async function showSuggestions(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  citizenId: string,
  options: { purpose: unknown; query: SearchQuery; sent?: boolean; values?: Record<string, string>; errors?: FormErrors; status?: number },
): Promise<FastifyReply> {
  const ctx = pageContext(request, reply);
  const actor = principalOf(request);
  return submitForm(reply, undefined, {
    run: () => openCitizenSuggestions(db, actor, citizenId, { purpose: options.purpose }),
    then: async (view) => {
      let result: SuggestionSearch | undefined;
      let searchErrors: FormErrors = {};
      if (view.responsible) {
        try {
          result = await searchAdsToSuggest(db, actor, view.citizen, options.query);
        } catch (error) {
          if (!isAppError(error) || error.code !== 'VALIDATION') throw error;
          searchErrors = formErrors(error.fields, ctx.locale);
        }
      }
      const body = renderCitizenSuggestions(ctx, view, {
        sent: options.sent ?? false,
        search: { query: options.query, result, errors: searchErrors },
        form: { values: options.values ?? {}, errors: options.errors ?? {} },
      });
      const status = options.status ?? (Object.keys(searchErrors).length > 0 ? 400 : 200);
      return sendPage(reply, renderPage(ctx, { title: ctx.t('jobs.suggestion.caseworker.title', { name: view.citizen.full_name }), body }), status);
    },
    // No purpose yet for this working session: the question first (nothing of the citizen is read), then back here.
    showAgain: ({ errors }) =>
      sendPurposeQuestion(reply, db, { citizenId, returnTo: `/medarbejder/borgere/${citizenId}/jobforslag`, typed: options.purpose, errors }),
  });
}

/** Where the caseworker's page leads after a suggestion: the page again (its purpose and search kept), saying it was sent. */
function afterSuggestion(citizenId: string, values: Record<string, string>): string {
  const query = new URLSearchParams();
  if (values.q) query.set('q', values.q);
  if (values.sted) query.set('sted', values.sted);
  query.set('gemt', '1');
  return `/medarbejder/borgere/${citizenId}/jobforslag?${query.toString()}#sent-heading`;
}

/**
 * Job suggestions: the caseworker's page for a citizen (/medarbejder/borgere/:citizenId/jobforslag: the purpose first,
 * then the suggestions sent with their answers and a job search to suggest from) and the citizen's (/borger/job/forslag:
 * each suggestion with its answer form).
 */
export const jobSuggestionPages: RouteModule = (app, { db }) => {
  app.get(
    '/medarbejder/borgere/:citizenId/jobforslag',
    { config: caseworkerAccess, schema: { params: suggestionCitizenParams, querystring: caseworkerSuggestionsQuery } },
    async (request, reply) => {
      const { citizenId } = request.params;
      const { purpose, q, sted, gemt } = request.query;
      return showSuggestions(db, request, reply, citizenId, { purpose, query: { q, sted }, sent: gemt === '1' });
    },
  );

  // One address for the forms on the page; `action` says which (opening it with a purpose, by default, or a suggestion).
  app.post('/medarbejder/borgere/:citizenId/jobforslag', { config: caseworkerAccess, schema: { params: suggestionCitizenParams } }, async (request, reply) => {
    const { citizenId } = request.params;
    const values = formValues(request.body);
    const query = { q: values.q, sted: values.sted };
    const action = caseworkerSuggestionsAction.safeParse(request.body ?? {}).data?.action ?? 'open';
    if (action === 'open') return showSuggestions(db, request, reply, citizenId, { purpose: values.purpose, query });
    return submitForm(reply, request.body, {
      run: async () => {
        await suggestJob(db, principalOf(request), citizenId, request.body);
        return afterSuggestion(citizenId, values);
      },
      // A citizen another organisation now helps: the page again, read-only, saying so (403).
      on: ['VALIDATION', 'FORBIDDEN'],
      showAgain: ({ error, errors, values: typed }) =>
        showSuggestions(db, request, reply, citizenId, { purpose: typed.purpose, query, values: typed, errors, status: error.status }),
    });
  });

  app.get('/borger/job/forslag', { config: citizenAccess, schema: { querystring: citizenSuggestionsQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const view = await listOwnSuggestions(db, principalOf(request));
    const body = renderOwnSuggestions(ctx, view, { saved: request.query.gemt === '1', values: {}, errors: {} });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('jobs.suggestion.title'), body }));
  });

  app.post('/borger/job/forslag', { config: citizenAccess }, async (request, reply) => {
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: async () => `/borger/job/forslag?gemt=1#forslag-${await answerSuggestion(db, actor, request.body)}`,
      showAgain: async ({ errors, values }) => {
        const ctx = pageContext(request, reply);
        const body = renderOwnSuggestions(ctx, await listOwnSuggestions(db, actor), { saved: false, values, errors });
        return renderPage(ctx, { title: ctx.t('jobs.suggestion.title'), body });
      },
    });
  });
};
