import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOf, publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { parseInput } from '../../platform/validation.ts';
import type { FormErrors } from '../../platform/views/components.ts';
import type { SafeHtml } from '../../platform/views/html.ts';
import { renderConfirm, renderMyConsents } from './consent.views.ts';
import { MY_CONSENTS, RECEIPT_KEYS_PATH, receiptJwks, receiptKeys } from './consent.receipt.ts';
import { confirmFormSchema, consentParamsSchema, myConsentsQuerySchema } from './consent.schemas.ts';
import { getOwnConsent, getOwnReceipt, listOwnConsents, requestDeletion, withdrawConsent, type ConsentView } from './consent.service.ts';

type ConfirmKind = 'withdraw' | 'forget' | 'deletion';

/** Citizens signed in with MitID at NSIS Substantial (as the marketplace, where the services are started). */
const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;

/**
 * "Mine samtykker": the citizen's decisions per service, each receipt for download, withdrawal and asking the vendor
 * to delete (each behind a confirmation page, so they work without JavaScript); and the public keys receipts verify with.
 */
export const consentPages: RouteModule = (app, { db, config, jobs, logger, changes }) => {
  const deps = { db, config, jobs, logger, changes };

  app.get(MY_CONSENTS, { config: citizenAccess, schema: { querystring: myConsentsQuerySchema } }, async (request, reply) => {
    const services = await listOwnConsents(db, principalOf(request));
    return sendPage(reply, renderMyConsents(pageContext(request, reply), services, request.query.besked));
  });

  app.get(`${MY_CONSENTS}/:consentId/kvittering`, { config: citizenAccess, schema: { params: consentParamsSchema } }, async (request, reply) => {
    const consentId = request.params.consentId;
    const { jws, receipt } = await getOwnReceipt(db, principalOf(request), consentId);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="samtykke-kvittering-${consentId ?? ''}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify({ receipt, jws, verifyWith: `${config.baseUrl}${RECEIPT_KEYS_PATH}` }, null, 2));
  });

  /**
   * The page asking the citizen to confirm an action on one of their decisions (which action, by the decision); with
   * the form's messages when the confirmation was not given.
   */
  async function confirmPage(
    request: FastifyRequest,
    reply: FastifyReply,
    consentId: string | undefined,
    kind: (consent: ConsentView) => ConfirmKind,
    errors?: FormErrors,
  ): Promise<SafeHtml> {
    const consent = await getOwnConsent(db, principalOf(request), consentId);
    return renderConfirm(pageContext(request, reply), consent, kind(consent), errors);
  }
  const withdrawal = (consent: ConsentView): ConfirmKind => (consent.decision === 'accepted' ? 'withdraw' : 'forget');
  const deletion = (): ConfirmKind => 'deletion';

  app.get(`${MY_CONSENTS}/:consentId/traek-tilbage`, { config: citizenAccess, schema: { params: consentParamsSchema } }, async (request, reply) => {
    const consent = await getOwnConsent(db, principalOf(request), request.params.consentId);
    if (consent.status !== 'active') return reply.redirect(MY_CONSENTS, 303);
    return sendPage(reply, renderConfirm(pageContext(request, reply), consent, withdrawal(consent)));
  });

  app.post(`${MY_CONSENTS}/:consentId/traek-tilbage`, { config: citizenAccess, schema: { params: consentParamsSchema } }, async (request, reply) => {
    return submitForm(reply, request.body, {
      run: () => parseInput(confirmFormSchema, request.body),
      then: async () => {
        const { outcome } = await withdrawConsent(deps, principalOf(request), request.params.consentId);
        return `${MY_CONSENTS}?besked=${outcome}`;
      },
      showAgain: ({ errors }) => confirmPage(request, reply, request.params.consentId, withdrawal, errors),
    });
  });

  app.get(`${MY_CONSENTS}/:consentId/slet`, { config: citizenAccess, schema: { params: consentParamsSchema } }, async (request, reply) =>
    sendPage(reply, await confirmPage(request, reply, request.params.consentId, deletion)),
  );

  app.post(`${MY_CONSENTS}/:consentId/slet`, { config: citizenAccess, schema: { params: consentParamsSchema } }, async (request, reply) => {
    return submitForm(reply, request.body, {
      run: () => parseInput(confirmFormSchema, request.body),
      then: async () => {
        await requestDeletion(deps, principalOf(request), request.params.consentId);
        return `${MY_CONSENTS}?besked=deletion_requested`;
      },
      showAgain: ({ errors }) => confirmPage(request, reply, request.params.consentId, deletion, errors),
    });
  });

  app.get(RECEIPT_KEYS_PATH, { config: publicAccess, schema: { hide: true } }, async (_request, reply) => {
    const keys = await receiptKeys(db, config);
    return reply
      .header('cache-control', 'public, max-age=300')
      .type('application/jwk-set+json')
      .send(JSON.stringify(receiptJwks(keys)));
  });
};
