import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { principalOf } from '../../platform/http/access.ts';
import { FORM_TOKEN_FIELD, formOnce } from '../../platform/http/form-token.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { formValues, type FormErrors } from '../../platform/views/components.ts';
import {
  addRequirement,
  createDraftVersion,
  frameworkPermissions,
  getFrameworkVersion,
  listFrameworkAgreements,
  publishVersion,
  removeRequirement,
  updateRequirement,
  type FrameworkRequirement,
} from './frameworks.service.ts';
import { LIST, notices, renderList, renderVersion, versionPath, type OpenForm } from './frameworks.views.ts';

const read = { access: { roles: ['governance_reviewer', 'governance_admin'], level: 'Substantial' } } as const;
const maintain = { access: { roles: ['governance_admin'], level: 'Substantial' } } as const;

const versionParams = z.object({ versionId: z.uuid() });
const requirementParams = z.object({ versionId: z.uuid(), requirementKey: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/) });
const versionQuery = z.object({
  besked: z.enum(notices).optional().catch(undefined),
  rediger: z.string().max(60).optional().catch(undefined),
});

/** Governance's framework agreements: versions and their requirements; administrators draft, edit and publish. */
export const frameworkPages: RouteModule = (app, { db }) => {
  app.get(LIST, { config: read }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const agreements = await listFrameworkAgreements(db, actor);
    return sendPage(reply, renderList(ctx, agreements, frameworkPermissions(actor).maintain));
  });

  app.get(`${LIST}/:versionId`, { config: read, schema: { params: versionParams, querystring: versionQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const version = await getFrameworkVersion(db, actor, request.params.versionId);
    const editing = version.requirements.find((r) => r.key === request.query.rediger);
    const form: OpenForm | undefined = editing ? { kind: 'edit', key: editing.key, values: requirementValues(editing), errors: {} } : undefined;
    return sendPage(reply, renderVersion(ctx, version, { canMaintain: frameworkPermissions(actor).maintain, notice: request.query.besked, form }));
  });

  app.post(`${LIST}/:versionId/ny-version`, { config: maintain, schema: { params: versionParams } }, async (request, reply) => {
    const actor = principalOf(request);
    return changeVersion(db, request, reply, actor, request.params.versionId, async () => {
      const draft = await createDraftVersion(db, actor, request.params.versionId, formOnce(request.body, 'frameworks.version', actor.subject));
      return `${versionPath(draft.id)}?besked=${draft.replayed ? 'allerede' : 'oprettet'}`;
    });
  });

  app.post(`${LIST}/:versionId/krav`, { config: maintain, schema: { params: versionParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const values = formValues(request.body);
    // The requirement's schema is strict; the token stays in `values` so the form shown again keeps it.
    const input = Object.fromEntries(Object.entries(values).filter(([name]) => name !== FORM_TOKEN_FIELD));
    return changeVersion(
      db,
      request,
      reply,
      actor,
      request.params.versionId,
      async () => {
        const added = await addRequirement(db, actor, request.params.versionId, input, formOnce(request.body, 'frameworks.requirement', actor.subject));
        return `${versionPath(request.params.versionId)}?besked=${added.replayed ? 'allerede' : 'gemt'}#krav-${added.id}`;
      },
      (errors) => ({ kind: 'add', values, errors }),
    );
  });

  app.post(`${LIST}/:versionId/krav/:requirementKey`, { config: maintain, schema: { params: requirementParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { versionId, requirementKey } = request.params;
    const values = formValues(request.body);
    return changeVersion(
      db,
      request,
      reply,
      actor,
      versionId,
      async () => {
        await updateRequirement(db, actor, versionId, requirementKey, values);
        return `${versionPath(versionId)}?besked=gemt`;
      },
      (errors) => ({ kind: 'edit', key: requirementKey, values, errors }),
    );
  });

  app.post(`${LIST}/:versionId/krav/:requirementKey/fjern`, { config: maintain, schema: { params: requirementParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { versionId, requirementKey } = request.params;
    return changeVersion(db, request, reply, actor, versionId, async () => {
      await removeRequirement(db, actor, versionId, requirementKey);
      return `${versionPath(versionId)}?besked=fjernet`;
    });
  });

  app.post(`${LIST}/:versionId/offentliggoer`, { config: maintain, schema: { params: versionParams } }, async (request, reply) => {
    const actor = principalOf(request);
    return changeVersion(db, request, reply, actor, request.params.versionId, async () => {
      await publishVersion(db, actor, request.params.versionId);
      return `${versionPath(request.params.versionId)}?besked=offentliggjort`;
    });
  });
};

/**
 * Runs a change to a version and answers 303 to where it leads; after a refused change (VALIDATION, CONFLICT), the
 * version page again: field messages next to the form that was sent, or the reason the version cannot change.
 * Anything else (NOT_FOUND, FORBIDDEN, …) goes to the error handler.
 */
function changeVersion(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Principal,
  versionId: string,
  run: () => Promise<string>,
  openForm?: (errors: FormErrors) => OpenForm,
): Promise<FastifyReply> {
  return submitForm(reply, request.body, {
    run,
    on: ['VALIDATION', 'CONFLICT'],
    showAgain: async ({ error, errors }) => {
      const version = await getFrameworkVersion(db, actor, versionId);
      const form = error.code === 'VALIDATION' && openForm ? openForm(errors) : undefined;
      // An edit of a requirement the version does not have has no form to show its messages next to.
      if (form?.kind === 'edit' && !version.requirements.some((r) => r.key === form.key))
        throw new AppError('NOT_FOUND', 'No such requirement in this version.');
      const problems = form ? [] : Object.values(errors);
      if (!form && problems.length === 0) throw error;
      return renderVersion(pageContext(request, reply), version, { canMaintain: true, form, problems });
    },
  });
}

function requirementValues(requirement: FrameworkRequirement): Record<string, string> {
  return {
    position: String(requirement.position),
    textDa: requirement.text.da,
    textEn: requirement.text.en,
    helpDa: requirement.help.da ?? '',
    helpEn: requirement.help.en ?? '',
    answerType: requirement.answerType,
    obligation: requirement.obligation,
    checkCode: requirement.checkCode ?? '',
  };
}
