// The vendor API for the framework declaration (/api/vendor/v1/declaration): the same service as the portal's
// page, so a company's systems read the current requirements and answer only what changed.
import { z } from 'zod';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { AppError } from '../../platform/errors.ts';
import { getDeclaration, saveDeclaration, type Declaration } from './declarations.service.ts';

const apiClient = { access: { roles: ['vendor_api'], level: 'Substantial' } } as const;
const tags = ['Vendor API'];
const security = [{ vendorApiToken: [] }];
const localized = z.object({ da: z.string(), en: z.string() });

const declarationSchema = z.object({
  framework: z.object({ id: z.uuid(), agreementCode: z.string(), title: localized, version: z.number().int(), publishedAt: z.string().nullable() }),
  status: z.enum(['missing', 'draft', 'submitted']),
  submittedAt: z.string().nullable(),
  previousVersion: z.number().int().nullable().describe('The earlier version whose unchanged answers were carried over.'),
  requirements: z.array(
    z.object({
      key: z.string(),
      text: localized,
      help: localized.nullable(),
      answerType: z.string(),
      obligation: z.enum(['must', 'may']),
      answer: z.string().nullable(),
      carriedOverFromVersion: z.number().int().nullable(),
      change: z.enum(['unchanged', 'changed', 'new']).nullable().describe('Since the declaration against the previous version; null without one.'),
    }),
  ),
});

const saveSchema = z
  .object({
    versionId: z.uuid().optional().describe('The framework version the answers are for; a newer published version answers 409.'),
    answers: z
      .record(z.string(), z.string().max(2000))
      .optional()
      .describe('Answers by requirement key; a key left out keeps its answer, an empty string clears it.'),
    submit: z.boolean().default(false).describe('Submit the declaration (every must answered, and yes where it is a yes/no question).'),
  })
  .strict();

function declarationJson(d: Declaration): z.infer<typeof declarationSchema> {
  return {
    framework: { ...d.framework, publishedAt: d.framework.publishedAt?.toISOString() ?? null },
    status: d.status,
    submittedAt: d.submittedAt?.toISOString() ?? null,
    previousVersion: d.previousVersion,
    requirements: d.items.map((item) => ({
      key: item.key,
      text: item.text,
      help: item.help,
      answerType: item.answerType,
      obligation: item.obligation,
      answer: item.answer?.value ?? null,
      carriedOverFromVersion: item.answer?.carriedOverFromVersion ?? null,
      change: item.change,
    })),
  };
}

/** The vendor API's declaration operations. */
export const declarationApiRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/vendor/v1/declaration',
    {
      config: apiClient,
      schema: {
        operationId: 'getDeclaration',
        tags,
        security,
        summary: "The company's declaration against the current framework agreement",
        response: { 200: declarationSchema, ...problemResponses(401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const view = await getDeclaration(db, principalOf(request));
      if (view.kind === 'unregistered') throw new AppError('CONFLICT', 'Register the company in the vendor portal first.');
      if (view.kind === 'no-framework') throw new AppError('NOT_FOUND', 'No framework agreement is published.');
      return declarationJson(view);
    },
  );

  app.put(
    '/api/vendor/v1/declaration',
    {
      config: apiClient,
      schema: {
        operationId: 'saveDeclaration',
        tags,
        security,
        summary: 'Answer (and optionally submit) the declaration',
        description: 'All or nothing: an answer of the wrong form, or a submit with a must unanswered, stores nothing and lists every field.',
        body: saveSchema,
        response: { 200: declarationSchema, ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const { submit, ...input } = request.body;
      return declarationJson(await saveDeclaration(db, principalOf(request), input, { submit }));
    },
  );
};
