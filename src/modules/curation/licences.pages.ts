// The workspace's licences: the agreements the municipality bought from vendors, and how many seats are used.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../../platform/http/access.ts';
import { formOnce } from '../../platform/http/form-token.ts';
import { submitForm } from '../../platform/http/forms.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import { getBranding } from './branding.service.ts';
import { workspaceAccess } from './curation.access.ts';
import { dateFieldValues, kronerForForm, placedErrors, textValues, workspaceHeader } from './curation.views.ts';
import type { LicenceRow } from './curation.repository.ts';
import { licenceParams, listQuery } from './curation.schemas.ts';
import { workspaceMunicipality } from './curation.service.ts';
import { getLicence, licenceListingChoices, listLicences, recordLicence, updateLicence } from './licences.service.ts';
import { LICENCES, licencePath, renderLicence, renderLicences, type LicenceForm } from './licences.views.ts';

const licencesQuery = listQuery.extend({ listing: z.uuid().optional().catch(undefined) });
const licenceNotices: Record<string, MessageKey> = {
  registreret: 'curation.flash.licenceRecorded',
  gemt: 'curation.flash.saved',
  allerede: 'form.alreadySubmitted',
};

/** The service's input from the submitted form: the date fields become dates. */
function licenceInput(body: unknown): Record<string, unknown> {
  const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const date = (name: string) => ({ day: form[`${name}Day`], month: form[`${name}Month`], year: form[`${name}Year`] });
  return {
    listingId: form.listingId,
    seats: form.seats,
    validFrom: date('validFrom'),
    validTo: date('validTo'),
    priceDkk: form.priceDkk,
    budgetHolder: form.budgetHolder,
  };
}

function storedValues(licence: LicenceRow): Record<string, string> {
  return {
    seats: String(licence.seats),
    priceDkk: kronerForForm(licence.price_dkk),
    budgetHolder: licence.budget_holder,
    ...dateFieldValues('validFrom', licence.valid_from),
    ...dateFieldValues('validTo', licence.valid_to),
  };
}

/** The workspace's licence pages and their actions. */
export const licencePages: RouteModule = (app, { db, changes }) => {
  async function header(request: FastifyRequest, ctx: PageContext): Promise<SafeHtml> {
    return workspaceHeader(ctx, await getBranding(db, workspaceMunicipality(principalOf(request))), 'licences');
  }

  async function showList(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { page: number; notice?: MessageKey | undefined; form: LicenceForm },
    status = 200,
  ): Promise<FastifyReply> {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const [list, choices, top] = await Promise.all([listLicences(db, actor, options.page), licenceListingChoices(db, actor), header(request, ctx)]);
    return sendPage(reply, renderLicences(ctx, top, { ...list, ...options, choices }), status);
  }

  async function showLicence(
    request: FastifyRequest,
    reply: FastifyReply,
    licenceId: string,
    options: { notice?: MessageKey | undefined; form?: LicenceForm },
    status = 200,
  ): Promise<FastifyReply> {
    const ctx = pageContext(request, reply);
    const [licence, top] = await Promise.all([getLicence(db, principalOf(request), licenceId), header(request, ctx)]);
    return sendPage(
      reply,
      renderLicence(ctx, top, licence, { notice: options.notice, form: options.form ?? { values: storedValues(licence), errors: {} } }),
      status,
    );
  }

  app.get(LICENCES, { config: workspaceAccess, schema: { querystring: licencesQuery } }, async (request, reply) => {
    const notice = request.query.besked ? licenceNotices[request.query.besked] : undefined;
    return showList(request, reply, { page: request.query.side, notice, form: { values: { listingId: request.query.listing ?? '' }, errors: {} } });
  });

  app.post(LICENCES, { config: workspaceAccess }, async (request, reply) => {
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: () => recordLicence(db, actor, licenceInput(request.body), changes, formOnce(request.body, 'curation.licence', actor.subject)),
      then: (created) => `${licencePath(created.id)}?besked=${created.replayed ? 'allerede' : 'registreret'}`,
      showAgain: ({ error }) =>
        showList(request, reply, { page: 1, form: { values: textValues(request.body), errors: placedErrors(error.fields, request.locale) } }, 400),
    });
  });

  app.get(`${LICENCES}/:licenceId`, { config: workspaceAccess, schema: { params: licenceParams, querystring: listQuery } }, async (request, reply) => {
    const notice = request.query.besked ? licenceNotices[request.query.besked] : undefined;
    return showLicence(request, reply, request.params.licenceId, { notice });
  });

  app.post(`${LICENCES}/:licenceId`, { config: workspaceAccess, schema: { params: licenceParams } }, async (request, reply) => {
    const { licenceId } = request.params;
    return submitForm(reply, request.body, {
      run: async () => {
        await updateLicence(db, principalOf(request), licenceId, licenceInput(request.body), changes);
        return `${licencePath(licenceId)}?besked=gemt`;
      },
      showAgain: ({ error }) =>
        showLicence(request, reply, licenceId, { form: { values: textValues(request.body), errors: placedErrors(error.fields, request.locale) } }, 400),
    });
  });
};
