import { z } from 'zod';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { formValues } from '../../platform/views/components.ts';
import { declarationPermissions, getDeclaration, saveDeclaration } from './declarations.service.ts';
import { ANSWER_PREFIX, PATH, renderDeclarationPage } from './declarations.views.ts';

const savedQuerySchema = z.object({ gemt: z.enum(['kladde', 'indsendt']).optional().catch(undefined) });

/** The vendor's declaration against the framework agreement (virk.dk theme): administrators answer, developers read. */
export const declarationPages: RouteModule = (app, { db }) => {
  app.get(
    PATH,
    { config: { access: { roles: ['vendor_admin', 'vendor_developer'], level: 'Substantial' } }, schema: { querystring: savedQuerySchema } },
    async (request, reply) => {
      const ctx = pageContext(request, reply, 'virk');
      const actor = principalOf(request);
      const view = await getDeclaration(db, actor);
      return sendPage(reply, renderDeclarationPage(ctx, view, { canEdit: declarationPermissions(actor).answer, saved: request.query.gemt }));
    },
  );

  app.post(PATH, { config: { access: { roles: ['vendor_admin'], level: 'Substantial' } } }, async (request, reply) => {
    const ctx = pageContext(request, reply, 'virk');
    const actor = principalOf(request);
    const body = formValues(request.body);
    const answers = Object.fromEntries(
      Object.entries(body)
        .filter(([name]) => name.startsWith(ANSWER_PREFIX))
        .map(([name, value]) => [name.slice(ANSWER_PREFIX.length), value]),
    );
    const submit = body.handling === 'indsend';
    return submitForm(reply, request.body, {
      run: async () => {
        await saveDeclaration(db, actor, { versionId: body.versionId || undefined, answers }, { submit });
        return `${PATH}?gemt=${submit ? 'indsendt' : 'kladde'}`;
      },
      on: ['VALIDATION', 'CONFLICT'],
      showAgain: async ({ error, errors }) => {
        const view = await getDeclaration(db, actor);
        // Answers typed against an outdated version are not shown against the new one.
        const values = error.code === 'CONFLICT' ? {} : answers;
        return renderDeclarationPage(ctx, view, { canEdit: true, values, errors });
      },
    });
  });
};
