// The vendor Data API (/api/vendor/v1/citizen/...): a vendor's service reads what the signed-in citizen consented
// to share with it, with the DPoP-bound access token of the single sign-on. There is no citizen parameter: the token
// names the citizen, so a service can only ever read about the citizen who signed in to it.
import { createVendorReadLog } from '../identity/index.ts';
import type { z } from 'zod';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { AuthorisationCache } from './vendor-data.cache.ts';
import { createDfdgClient, createJobnetClient } from './vendor-data.integrations.ts';
import {
  contactResponseSchema,
  cvResponseSchema,
  headerResponseSchema,
  jobWishesResponseSchema,
  planResponseSchema,
  profileResponseSchema,
} from './vendor-data.schemas.ts';
import { readContact, readCv, readHeader, readJobWishes, readPlan, readProfile, type PlanView, type VendorDataDeps } from './vendor-data.service.ts';

const vendorService = { access: { roles: ['vendor_service'], level: 'Low' } } as const;
const tags = ['Vendor Data API'];
const security = [{ vendorServiceDpop: [] }];
const refusals = problemResponses(401, 403, 404, 429);
const consentNote =
  'Served only while the token carries the scope and the citizen’s consent covers the category (checked on every call: a withdrawn consent ' +
  'is refused at once with 403). Every read is written to the citizen’s access log with the purpose the listing gives for the category.';

function planJson(view: PlanView): z.infer<typeof planResponseSchema> {
  return {
    sub: view.sub,
    jobSituation: view.jobSituation,
    activities: view.activities.map((a) => ({
      id: a.id,
      title: a.title,
      status: a.status,
      source: a.source,
      listingId: a.listing_id,
      localOfferId: a.local_offer_id,
      dueOn: a.due_on,
      createdAt: a.created_at.toISOString(),
      updatedAt: a.updated_at.toISOString(),
    })),
  };
}

/** The Data API's operations; the Jobnet and DFDG clients come from the configuration (simulators outside production). */
export const vendorDataApiRoutes: RouteModule = (app, { db, config, changes }) => {
  const authorisations = new AuthorisationCache();
  const stopFollowing = authorisations.followChanges(changes);
  app.addHook('onClose', (_instance, done) => {
    stopFollowing();
    done();
  });
  const deps: VendorDataDeps = {
    db,
    config,
    jobnet: createJobnetClient(config),
    dfdg: createDfdgClient(config),
    logRead: createVendorReadLog(db),
    authorisations,
  };
  const noStore = { 'cache-control': 'no-store' };

  app.get(
    '/api/vendor/v1/citizen/profile',
    {
      config: vendorService,
      schema: {
        operationId: 'getCitizenProfile',
        tags,
        security,
        summary: 'The citizen’s profile (scope jobunivers:profile)',
        description: consentNote,
        response: { 200: profileResponseSchema, ...refusals },
      },
    },
    async (request, reply) => reply.headers(noStore).send(await readProfile(deps, principalOf(request))),
  );

  app.get(
    '/api/vendor/v1/citizen/contact',
    {
      config: vendorService,
      schema: {
        operationId: 'getCitizenContact',
        tags,
        security,
        summary: 'The citizen’s contact details (scope jobunivers:contact)',
        description: `What the citizen wrote under "Mine kontaktoplysninger". ${consentNote}`,
        response: { 200: contactResponseSchema, ...refusals },
      },
    },
    async (request, reply) => reply.headers(noStore).send(await readContact(deps, principalOf(request))),
  );

  app.get(
    '/api/vendor/v1/citizen/cv',
    {
      config: vendorService,
      schema: {
        operationId: 'getCitizenCv',
        tags,
        security,
        summary: 'The citizen’s CV from Jobnet (scope jobunivers:cv)',
        description: `Read from Jobnet at the time of the call; 503 when Jobnet does not answer (nothing is logged then). ${consentNote}`,
        response: { 200: cvResponseSchema, ...refusals, ...problemResponses(503) },
      },
    },
    async (request, reply) => reply.headers(noStore).send(await readCv(deps, principalOf(request))),
  );

  app.get(
    '/api/vendor/v1/citizen/job-wishes',
    {
      config: vendorService,
      schema: {
        operationId: 'getCitizenJobWishes',
        tags,
        security,
        summary: 'The citizen’s job wishes from Jobnet (scope jobunivers:job_wishes)',
        description: `Read from Jobnet at the time of the call; 503 when Jobnet does not answer (nothing is logged then). ${consentNote}`,
        response: { 200: jobWishesResponseSchema, ...refusals, ...problemResponses(503) },
      },
    },
    async (request, reply) => reply.headers(noStore).send(await readJobWishes(deps, principalOf(request))),
  );

  app.get(
    '/api/vendor/v1/citizen/plan',
    {
      config: vendorService,
      schema: {
        operationId: 'getCitizenPlan',
        tags,
        security,
        summary: 'The citizen’s plan (scope jobunivers:plan)',
        description: `The activities of "Min jobrejse" and the job situation (ledighedsstatus) from DFDG; 503 when DFDG does not answer. ${consentNote}`,
        response: { 200: planResponseSchema, ...refusals, ...problemResponses(503) },
      },
    },
    async (request, reply) => reply.headers(noStore).send(planJson(await readPlan(deps, principalOf(request)))),
  );

  app.get(
    '/api/vendor/v1/citizen/header',
    {
      config: vendorService,
      schema: {
        operationId: 'getCitizenHeader',
        tags,
        security,
        summary: 'What the platform header shows (no scope beyond the token)',
        description:
          'The citizen’s first name, municipality and the platform’s links, for the platform header when the service renders it on its server. ' +
          'The first name is the only personal datum; the read is written to the citizen’s access log.',
        response: { 200: headerResponseSchema, ...refusals },
      },
    },
    async (request, reply) => reply.headers(noStore).send(await readHeader(deps, principalOf(request))),
  );
};
