import { z } from 'zod';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { deletionCompletedBodySchema } from './consent.schemas.ts';
import { confirmVendorDeletion } from './consent.service.ts';

const apiClient = { access: { roles: ['vendor_api'], level: 'Substantial' } } as const;

/** The vendor API's confirmation that a deletion the platform asked for is done (docs/VENDOR-DELETION.md). */
export const consentApiRoutes: RouteModule = (app, { db }) => {
  app.post(
    '/api/vendor/v1/deletion-requests/:deletionRequestId/completed',
    {
      config: apiClient,
      schema: {
        operationId: 'completeDeletionRequest',
        tags: ['Vendor API'],
        security: [{ vendorApiToken: [] }],
        summary: 'Confirm that a deletion request is done',
        description:
          "Tells the platform that you deleted what you held about the citizen named in a deletion request (the `jti` of the Security Event Token we sent). Only your company's requests; saying it again changes nothing. The citizen sees the status in Mine samtykker.",
        params: z.object({ deletionRequestId: z.uuid() }),
        body: deletionCompletedBodySchema,
        response: { 200: z.object({ id: z.uuid(), status: z.literal('completed') }), ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const status = await confirmVendorDeletion(db, principalOf(request), request.params.deletionRequestId, request.body?.reference);
      return { id: request.params.deletionRequestId, status };
    },
  );
};
