import { z } from 'zod';
import { organisationKinds, roles } from '../../platform/auth/principal.ts';
import type { AppDeps, RouteModule } from '../../platform/http/app.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { lookUpCitizen } from './access-log.service.ts';
import { principalOf } from '../../platform/http/access.ts';

const meSchema = z
  .object({
    name: z.string(),
    audience: z.enum(['citizen', 'staff', 'vendor', 'governance']),
    roles: z.array(z.enum(roles)),
    nsisLevel: z.enum(['Low', 'Substantial', 'High']),
    municipality: z.object({ code: z.string(), name: z.string() }).optional(),
    /** Staff: the organisation (municipality, a-kasse or other actor) they signed in for. */
    organisation: z.object({ id: z.string(), kind: z.enum(organisationKinds), name: z.string() }).optional(),
    vendor: z.object({ cvr: z.string(), name: z.string() }).optional(),
  })
  .meta({ id: 'Me' });

const citizenSchema = z
  .object({ id: z.uuid(), name: z.string(), cprNumber: z.string(), municipalityCode: z.string(), lastSignedInAt: z.string() })
  .meta({ id: 'Citizen' });

/** JSON: who am I, and the caseworker's look-up of a citizen (purpose required and logged). */
export const identityRoutes: RouteModule = (app, deps: AppDeps) => {
  const identity = { db: deps.db, config: deps.config, logger: deps.logger };

  app.get(
    '/api/me',
    {
      config: { access: { roles, level: 'Low' } },
      schema: {
        operationId: 'getMe',
        tags: ['Identity'],
        security: [{ sessionCookie: [] }],
        summary: 'The signed-in person',
        response: { 200: meSchema, ...problemResponses(401, 429) },
      },
    },
    (request) => {
      const { name, audience, roles: granted, nsisLevel, municipality, organisation, vendor } = principalOf(request);
      return { name, audience, roles: granted, nsisLevel, municipality, organisation, vendor };
    },
  );

  app.get(
    '/api/staff/citizens/:citizenId',
    {
      config: { access: { roles: ['caseworker'], level: 'Substantial' } },
      schema: {
        operationId: 'lookUpCitizen',
        tags: ['Caseworker'],
        security: [{ sessionCookie: [] }],
        summary: 'Look up a citizen of your municipality',
        description: 'The purpose is required and is shown to the citizen in their access log (Min Log).',
        params: z.object({ citizenId: z.uuid() }),
        querystring: z.object({ purpose: z.string().max(500).describe('Why you look the citizen up; logged.') }),
        response: { 200: citizenSchema, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const citizen = await lookUpCitizen(identity, principalOf(request), { citizenId: request.params.citizenId, purpose: request.query.purpose });
      return {
        id: citizen.id,
        name: citizen.full_name,
        cprNumber: citizen.cpr_number,
        municipalityCode: citizen.municipality_code,
        lastSignedInAt: citizen.last_signed_in_at.toISOString(),
      };
    },
  );
};
