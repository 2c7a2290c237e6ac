import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { pageQuerySchema } from '../../platform/http/pagination.ts';
import { formValues, type FormErrors } from '../../platform/views/components.ts';
import { renderPage } from '../../platform/views/layout.ts';
import { renderCitizenJourney, renderEarlierCitizens, renderEscalation, renderEscalationList } from './caseworker.views.ts';
import { sendPurposeQuestion } from '../identity/index.ts';
import { citizenMeetingsSummary, renderCitizenMeetingsSection } from '../meetings/index.ts';
import { citizenMessagesSummary, renderCitizenMessagesSection } from '../messages/index.ts';
import type { SafeHtml } from '../../platform/views/html.ts';
import { isAppError } from '../../platform/errors.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import {
  addActivityForCitizen,
  closeEscalation,
  getEscalation,
  listEscalations,
  listEarlierCitizens,
  openCitizenJourney,
  setCitizenTargetGroup,
  takeEscalation,
} from './caseworker.service.ts';
import { caseloadListQuery, caseworkerActionSchema, citizenParams, escalationParams } from './journey.schemas.ts';
import { assignCitizen, citizenAssignment, getCaseload, listCaseload } from './caseload.service.ts';
import { renderAssignmentSection, renderCaseload, renderCaseloadList } from './caseload.views.ts';

const caseworkerAccess = { access: { roles: ['caseworker'], level: 'Substantial' } } as const;
const listQuery = pageQuerySchema.extend({ gemt: z.enum(['taget', 'lukket']).optional().catch(undefined) });
const takenQuery = z.object({ gemt: z.enum(['taget']).optional().catch(undefined) });
// One cursor a list on the overview, so moving one list on keeps the others where they are.
const caseloadQuery = z.object({
  henvendelser: z.string().max(500).optional(),
  udenPlan: z.string().max(500).optional(),
  inaktive: z.string().max(500).optional(),
  limit: pageQuerySchema.shape.limit,
});
const citizenQuery = z.object({
  purpose: z.string().max(2000).optional(),
  gemt: z.enum(['aktivitet', 'maalgruppe', 'fordeling']).optional().catch(undefined),
});

/**
 * Shows a citizen's journey for a purpose (logged), with a form's messages if any; without a valid purpose, the
 * purpose form with its message instead, and nothing of the citizen.
 */
async function showCitizen(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Principal,
  citizenId: string,
  options: {
    purpose: unknown;
    values?: Record<string, string>;
    errors?: FormErrors;
    flash?: 'aktivitet' | 'maalgruppe' | 'fordeling' | undefined;
    status?: number;
    assignValues?: Record<string, string>;
    assignErrors?: FormErrors;
  },
): Promise<FastifyReply> {
  const ctx = pageContext(request, reply);
  return submitForm(reply, undefined, {
    run: () => openCitizenJourney(db, actor, citizenId, { purpose: options.purpose }),
    then: async (view) => {
      const assignment = await citizenAssignment(db, actor, citizenId, view.responsible);
      const assignForm = { values: options.assignValues ?? {}, errors: options.assignErrors ?? {}, saved: options.flash === 'fordeling' };
      const sections = [renderAssignmentSection(ctx, citizenId, assignment, assignForm), ...(await citizenPageSections(db, ctx, actor, citizenId))];
      const flash = options.flash === 'fordeling' ? undefined : options.flash;
      const body = renderCitizenJourney(ctx, view, { flash, values: options.values ?? {}, errors: options.errors ?? {}, sections });
      return sendPage(reply, renderPage(ctx, { title: view.citizen.full_name, body }), options.status ?? 200);
    },
    // No purpose yet for this working session: the question first, then back here.
    showAgain: ({ errors }) => sendPurposeQuestion(reply, db, { citizenId, returnTo: `/medarbejder/borgere/${citizenId}`, typed: options.purpose, errors }),
  });
}

/** The citizen's messages with the jobcenter and meetings, on the citizen's page beside the profile and plan. */
async function citizenPageSections(db: Db, ctx: PageContext, actor: Principal, citizenId: string): Promise<SafeHtml[]> {
  // A section the caseworker's organisation does not work with (an a-kasse holds no jobcenter meetings) is left out.
  const unlessForbidden = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      if (isAppError(error) && error.code === 'FORBIDDEN') return undefined;
      throw error;
    }
  };
  const messages = await unlessForbidden(() => citizenMessagesSummary(db, actor, citizenId));
  const meetings = await unlessForbidden(() => citizenMeetingsSummary(db, actor, citizenId));
  return [messages ? renderCitizenMessagesSection(ctx, messages) : undefined, meetings ? renderCitizenMeetingsSection(ctx, meetings) : undefined].filter(
    (section): section is SafeHtml => section !== undefined,
  );
}

/** Shows an escalation again after a refused change (its citizen is now helped by another organisation: read-only). */
async function showEscalation(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  escalationId: string,
  form: { values: Record<string, string>; errors: FormErrors },
) {
  const ctx = pageContext(request, reply);
  const escalation = await getEscalation(db, principalOf(request), escalationId);
  const body = renderEscalation(ctx, escalation, form);
  return renderPage(ctx, { title: ctx.t('journey.escalation.title', { name: escalation.citizen_name }), body });
}

/** The caseworker's minimum: their organisation's citizens, escalations from screenings, and a citizen's journey opened with a purpose. */
export const caseworkerPages: RouteModule = (app, { db }) => {
  // "Mine borgere", with the CPR look-up (its form posts to identity's POST /medarbejder/borgere).
  app.get('/medarbejder/borgere', { config: caseworkerAccess, schema: { querystring: caseloadListQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    if (request.query.vis !== 'tidligere') {
      const view = await listCaseload(db, actor, request.query);
      const body = renderCaseloadList(ctx, view, request.query, actor.organisation?.name ?? '');
      return sendPage(reply, renderPage(ctx, { title: ctx.t('journey.citizens.title'), body }));
    }
    const list = await listEarlierCitizens(db, actor, { cursor: request.query.cursor, limit: request.query.limit ?? 25 });
    return sendPage(
      reply,
      renderPage(ctx, {
        title: ctx.t('journey.citizens.title'),
        body: renderEarlierCitizens(ctx, list, { limit: request.query.limit ?? 25, organisationName: actor.organisation?.name ?? '' }),
      }),
    );
  });

  // The caseload overview: names and ages only, so nothing is logged per citizen here (nor on "Mine borgere");
  // opening a citizen is the citizen's page, which asks for the purpose and logs the look-up.
  app.get('/medarbejder/overblik', { config: caseworkerAccess, schema: { querystring: caseloadQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { limit, ...cursors } = request.query;
    const caseload = await getCaseload(db, principalOf(request), { cursors, limit });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('journey.caseload.title'), body: renderCaseload(ctx, caseload, { cursors, limit }) }));
  });

  app.get('/medarbejder/henvendelser', { config: caseworkerAccess, schema: { querystring: listQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const list = await listEscalations(db, principalOf(request), request.query);
    return sendPage(reply, renderPage(ctx, { title: ctx.t('journey.escalations.title'), body: renderEscalationList(ctx, list, request.query.gemt) }));
  });

  app.get(
    '/medarbejder/henvendelser/:escalationId',
    { config: caseworkerAccess, schema: { params: escalationParams, querystring: takenQuery } },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const escalation = await getEscalation(db, principalOf(request), request.params.escalationId);
      const body = renderEscalation(ctx, escalation, { values: {}, errors: {}, taken: request.query.gemt === 'taget' });
      return sendPage(reply, renderPage(ctx, { title: ctx.t('journey.escalation.title', { name: escalation.citizen_name }), body }));
    },
  );

  app.post('/medarbejder/henvendelser/:escalationId/tag', { config: caseworkerAccess, schema: { params: escalationParams } }, async (request, reply) =>
    submitForm(reply, request.body, {
      run: async () => {
        await takeEscalation(db, principalOf(request), request.params.escalationId);
        // Taking a case is to work on it: the case opens, with the purpose form for the citizen's journey.
        return `/medarbejder/henvendelser/${request.params.escalationId}?gemt=taget`;
      },
      on: ['FORBIDDEN'],
      showAgain: () => showEscalation(db, request, reply, request.params.escalationId, { values: {}, errors: {} }),
    }),
  );

  app.post('/medarbejder/henvendelser/:escalationId/luk', { config: caseworkerAccess, schema: { params: escalationParams } }, async (request, reply) => {
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: async () => {
        await closeEscalation(db, actor, request.params.escalationId, request.body);
        return '/medarbejder/henvendelser?gemt=lukket';
      },
      on: ['VALIDATION', 'FORBIDDEN'],
      showAgain: ({ errors, values }) => showEscalation(db, request, reply, request.params.escalationId, { values, errors }),
    });
  });

  app.get(
    '/medarbejder/borgere/:citizenId',
    { config: caseworkerAccess, schema: { params: citizenParams, querystring: citizenQuery } },
    async (request, reply) => {
      const { purpose, gemt } = request.query;
      return showCitizen(db, request, reply, principalOf(request), request.params.citizenId, { purpose, flash: gemt });
    },
  );

  // Assigning the citizen to a caseworker of the organisation, or handing them over (with a note).
  app.post('/medarbejder/borgere/:citizenId/sagsbehandler', { config: caseworkerAccess, schema: { params: citizenParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { citizenId } = request.params;
    return submitForm(reply, request.body, {
      run: async () => {
        await assignCitizen(db, actor, citizenId, request.body);
        return `/medarbejder/borgere/${citizenId}?gemt=fordeling#assign-heading`;
      },
      on: ['VALIDATION', 'FORBIDDEN'],
      showAgain: ({ error, errors, values }) =>
        showCitizen(db, request, reply, actor, citizenId, { purpose: undefined, assignValues: values, assignErrors: errors, status: error.status }),
    });
  });

  // One address for the forms on a citizen's page; `action` says which (opening it with a purpose, by default).
  app.post('/medarbejder/borgere/:citizenId', { config: caseworkerAccess, schema: { params: citizenParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { citizenId } = request.params;
    const values = formValues(request.body);
    const action = caseworkerActionSchema.safeParse(request.body ?? {}).data?.action ?? 'open';
    if (action === 'open') return showCitizen(db, request, reply, actor, citizenId, { purpose: values.purpose });
    return submitForm(reply, request.body, {
      run: async () => {
        if (action === 'add_activity') await addActivityForCitizen(db, actor, citizenId, request.body);
        else await setCitizenTargetGroup(db, actor, citizenId, request.body);
        const flash = action === 'add_activity' ? 'aktivitet' : 'maalgruppe';
        return `/medarbejder/borgere/${citizenId}?gemt=${flash}`;
      },
      // A citizen another organisation now helps: the page again, read-only, saying so (403).
      on: ['VALIDATION', 'FORBIDDEN'],
      showAgain: ({ error, errors }) => showCitizen(db, request, reply, actor, citizenId, { purpose: values.purpose, values, errors, status: error.status }),
    });
  });
};
