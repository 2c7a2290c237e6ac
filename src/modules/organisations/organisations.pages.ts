// Governance's a-kasser and a municipality's other actors, as pages. The navigation around them belongs to the
// modules whose areas these pages join (governance's to listings, the municipal workspace's to curation); those
// modules depend on identity, which depends on this one, so the composition (src/modules.ts) hands it in.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { formOnce } from '../../platform/http/form-token.ts';
import { sendConfirmation, submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { formValues, isConfirmed } from '../../platform/views/components.ts';
import type { SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import { listQuery, organisationParams } from './organisations.schemas.ts';
import {
  createAkasse,
  endContract,
  getActorWorkspace,
  getAkasse,
  getContract,
  listAkasser,
  registerActor,
  setAkasseActive,
  setEmploymentServiceName,
  updateAkasse,
  updateContract,
  type Organisation,
} from './organisations.service.ts';
import {
  ACTORS,
  actorPath,
  AKASSER,
  akassePath,
  dateFieldValues,
  EMPLOYMENT_SERVICE,
  emptyForm,
  renderActors,
  renderAkasse,
  renderAkasser,
  renderContract,
  type FormState,
} from './organisations.views.ts';

/** The navigation these pages are shown in, from the modules that own it. */
export type OrganisationNavigation = {
  /** Governance's row of links, with the a-kasser marked current. */
  governanceNav: (ctx: PageContext) => SafeHtml;
  /** The municipal workspace's band and sections, with the other actors marked current. */
  workspaceHeader: (db: Db, ctx: PageContext, actor: Principal) => Promise<SafeHtml>;
};

const governanceUsers = { access: { roles: ['governance_reviewer', 'governance_admin'], level: 'Substantial' } } as const;
const governanceAdmin = { access: { roles: ['governance_admin'], level: 'Substantial' } } as const;
const workspaceUsers = { access: { roles: ['content_owner', 'municipal_admin'], level: 'Substantial' } } as const;
const municipalAdmin = { access: { roles: ['municipal_admin'], level: 'Substantial' } } as const;

const notices: Record<string, MessageKey> = {
  oprettet: 'organisations.flash.created',
  gemt: 'organisations.flash.saved',
  deaktiveret: 'organisations.flash.deactivated',
  aktiveret: 'organisations.flash.activated',
  registreret: 'organisations.flash.registered',
  afsluttet: 'organisations.flash.ended',
  tilbagetrukket: 'organisations.flash.withdrawn',
  uaendret: 'organisations.flash.unchanged',
  navn: 'organisations.flash.nameSaved',
  allerede: 'form.alreadySubmitted',
};
const endOutcome = { ended: 'afsluttet', withdrawn: 'tilbagetrukket', unchanged: 'uaendret' } as const;

/** A contract's dates from a submitted form: each date's fields become { day, month, year }. */
function datesOf(body: unknown): Record<string, unknown> {
  const form = formValues(body);
  const date = (name: string) => ({ day: form[`${name}Day`], month: form[`${name}Month`], year: form[`${name}Year`] });
  return { validFrom: date('validFrom'), validTo: date('validTo') };
}

/** Only the fields the schemas know, so a stray field (the CSRF token, the form token) is no "unknown field". */
function detailsOf(body: unknown): Record<string, unknown> {
  const { name, cvr, phone, email, website } = formValues(body);
  return { name, cvr, phone, email, website };
}

function storedDetails(organisation: Organisation): Record<string, string> {
  return {
    name: organisation.name,
    cvr: organisation.cvr ?? '',
    phone: organisation.phone ?? '',
    email: organisation.email ?? '',
    website: organisation.website ?? '',
  };
}

/** Governance's a-kasser and a municipality's other actors; `nav` is the navigation they are shown in. */
export function organisationPages(nav: OrganisationNavigation): RouteModule {
  return (app, { db, changes }) => {
    async function showAkasser(request: FastifyRequest, reply: FastifyReply, page: number, notice: MessageKey | undefined, form: FormState, status = 200) {
      const ctx = pageContext(request, reply);
      const list = await listAkasser(db, principalOf(request), page);
      return sendPage(reply, renderAkasser(ctx, nav.governanceNav(ctx), { ...list, page, notice, form }), status);
    }

    async function showAkasse(request: FastifyRequest, reply: FastifyReply, id: string, notice: MessageKey | undefined, form?: FormState, status = 200) {
      const ctx = pageContext(request, reply);
      const akasse = await getAkasse(db, principalOf(request), id);
      return sendPage(
        reply,
        renderAkasse(ctx, nav.governanceNav(ctx), akasse, { notice, form: form ?? { values: storedDetails(akasse), errors: {} } }),
        status,
      );
    }

    app.get(AKASSER, { config: governanceUsers, schema: { querystring: listQuery } }, async (request, reply) =>
      showAkasser(request, reply, request.query.side, request.query.besked ? notices[request.query.besked] : undefined, emptyForm),
    );

    app.post(AKASSER, { config: governanceAdmin }, async (request, reply) => {
      const actor = principalOf(request);
      return submitForm(reply, request.body, {
        run: () => createAkasse(db, actor, detailsOf(request.body), formOnce(request.body, 'organisations.akasse', actor.subject)),
        then: (created) => `${akassePath(created.id)}?besked=${created.replayed ? 'allerede' : 'oprettet'}`,
        showAgain: ({ errors, values }) => showAkasser(request, reply, 1, undefined, { values, errors }, 400),
      });
    });

    app.get(`${AKASSER}/:organisationId`, { config: governanceUsers, schema: { params: organisationParams, querystring: listQuery } }, async (request, reply) =>
      showAkasse(request, reply, request.params.organisationId, request.query.besked ? notices[request.query.besked] : undefined),
    );

    app.post(`${AKASSER}/:organisationId`, { config: governanceAdmin, schema: { params: organisationParams } }, async (request, reply) => {
      const { organisationId } = request.params;
      return submitForm(reply, request.body, {
        run: async () => {
          await updateAkasse(db, principalOf(request), organisationId, detailsOf(request.body));
          return `${akassePath(organisationId)}?besked=gemt`;
        },
        showAgain: ({ errors, values }) => showAkasse(request, reply, organisationId, undefined, { values, errors }, 400),
      });
    });

    app.post(`${AKASSER}/:organisationId/deaktiver`, { config: governanceAdmin, schema: { params: organisationParams } }, async (request, reply) => {
      const { organisationId } = request.params;
      const actor = principalOf(request);
      if (isConfirmed(request.body)) {
        await setAkasseActive(db, actor, organisationId, false);
        return reply.redirect(`${akassePath(organisationId)}?besked=deaktiveret`, 303);
      }
      const akasse = await getAkasse(db, actor, organisationId);
      const ctx = pageContext(request, reply);
      return sendConfirmation(reply, ctx, {
        heading: ctx.t('organisations.akasse.deactivate.confirm', { name: akasse.name }),
        text: ctx.t('organisations.akasse.deactivate.text'),
        action: `${akassePath(organisationId)}/deaktiver`,
        confirmLabel: ctx.t('organisations.akasse.deactivate.yes'),
        cancelHref: akassePath(organisationId),
      });
    });

    app.post(`${AKASSER}/:organisationId/aktiver`, { config: governanceAdmin, schema: { params: organisationParams } }, async (request, reply) => {
      await setAkasseActive(db, principalOf(request), request.params.organisationId, true);
      return reply.redirect(`${akassePath(request.params.organisationId)}?besked=aktiveret`, 303);
    });

    async function showActors(
      request: FastifyRequest,
      reply: FastifyReply,
      view: { notice?: MessageKey | undefined; register?: FormState; name?: FormState },
      status = 200,
    ) {
      const ctx = pageContext(request, reply);
      const actor = principalOf(request);
      const [workspace, header] = await Promise.all([getActorWorkspace(db, actor), nav.workspaceHeader(db, ctx, actor)]);
      return sendPage(
        reply,
        renderActors(ctx, header, workspace, { notice: view.notice, register: view.register ?? emptyForm, name: view.name ?? emptyForm }),
        status,
      );
    }

    async function showContract(request: FastifyRequest, reply: FastifyReply, id: string, notice: MessageKey | undefined, form?: FormState, status = 200) {
      const ctx = pageContext(request, reply);
      const actor = principalOf(request);
      const [contract, header] = await Promise.all([getContract(db, actor, id), nav.workspaceHeader(db, ctx, actor)]);
      const stored = { values: { ...dateFieldValues('validFrom', contract.validFrom), ...dateFieldValues('validTo', contract.validTo) }, errors: {} };
      return sendPage(reply, renderContract(ctx, header, contract, { notice, form: form ?? stored, today: contract.today }), status);
    }

    app.get(ACTORS, { config: workspaceUsers, schema: { querystring: listQuery } }, async (request, reply) =>
      showActors(request, reply, { notice: request.query.besked ? notices[request.query.besked] : undefined }),
    );

    app.post(ACTORS, { config: municipalAdmin }, async (request, reply) => {
      const actor = principalOf(request);
      return submitForm(reply, request.body, {
        run: () =>
          registerActor(db, actor, { ...detailsOf(request.body), ...datesOf(request.body) }, formOnce(request.body, 'organisations.actor', actor.subject)),
        then: (created) => `${actorPath(created.id)}?besked=${created.replayed ? 'allerede' : 'registreret'}`,
        showAgain: ({ errors, values }) => showActors(request, reply, { register: { values, errors: placed(errors) } }, 400),
      });
    });

    app.post(EMPLOYMENT_SERVICE, { config: municipalAdmin }, async (request, reply) => {
      const { employmentServiceName } = formValues(request.body);
      return submitForm(reply, request.body, {
        run: async () => {
          await setEmploymentServiceName(db, principalOf(request), { employmentServiceName }, changes);
          return `${ACTORS}?besked=navn`;
        },
        showAgain: ({ errors, values }) => showActors(request, reply, { name: { values, errors } }, 400),
      });
    });

    app.get(`${ACTORS}/:organisationId`, { config: workspaceUsers, schema: { params: organisationParams, querystring: listQuery } }, async (request, reply) =>
      showContract(request, reply, request.params.organisationId, request.query.besked ? notices[request.query.besked] : undefined),
    );

    app.post(`${ACTORS}/:organisationId`, { config: municipalAdmin, schema: { params: organisationParams } }, async (request, reply) => {
      const { organisationId } = request.params;
      return submitForm(reply, request.body, {
        run: async () => {
          await updateContract(db, principalOf(request), organisationId, datesOf(request.body));
          return `${actorPath(organisationId)}?besked=gemt`;
        },
        showAgain: ({ errors, values }) => showContract(request, reply, organisationId, undefined, { values, errors: placed(errors) }, 400),
      });
    });

    app.post(`${ACTORS}/:organisationId/afslut`, { config: municipalAdmin, schema: { params: organisationParams } }, async (request, reply) => {
      const { organisationId } = request.params;
      const actor = principalOf(request);
      if (isConfirmed(request.body)) {
        const outcome = await endContract(db, actor, organisationId);
        // A withdrawn contract is gone, and its page with it: back to the list.
        const where = outcome === 'withdrawn' ? ACTORS : actorPath(organisationId);
        return reply.redirect(`${where}?besked=${endOutcome[outcome]}`, 303);
      }
      const contract = await getContract(db, actor, organisationId);
      const ctx = pageContext(request, reply);
      return sendConfirmation(reply, ctx, {
        heading: ctx.t('organisations.contract.end.confirm', { name: contract.actor.name }),
        text: ctx.t('organisations.contract.end.text'),
        action: `${actorPath(organisationId)}/afslut`,
        confirmLabel: ctx.t('organisations.contract.end.yes'),
        cancelHref: actorPath(organisationId),
      });
    });
  };
}

/** Field messages placed on the form's fields: a date's part ("validFrom.day") belongs to its group. */
function placed(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) out[field.split('.')[0] ?? field] ??= message;
  return out;
}
