// The workspace's branding page (display name, contact texts, logo upload without JavaScript) and the public
// address the platform serves each municipality's logo from.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { principalOf, publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { getBranding, getLogo, removeLogo, saveBranding } from './branding.service.ts';
import { workspaceAccess } from './curation.access.ts';
import { BRANDING, renderBranding, type BrandingForm } from './branding.views.ts';
import type { BrandingRow } from './curation.repository.ts';
import { LOGO_MAX_BYTES, logoParams } from './curation.schemas.ts';
import { workspaceMunicipality } from './curation.service.ts';
import { placedErrors, textValues, workspaceHeader } from './curation.views.ts';

// The ceiling of an upload request: far above any logo (a photo straight from a phone included), so an oversized file
// is read through — cut off after LOGO_MAX_BYTES + 1, the rest discarded as it streams — and the form comes back with
// the message next to the logo field and everything typed, instead of a bare 413. Only above it is the request refused.
const MULTIPART_MAX_BYTES = 16 * 1024 * 1024;
const brandingQuery = z.object({ besked: z.enum(['gemt', 'fjernet']).optional().catch(undefined) });
const brandingNotices: Record<string, MessageKey> = { gemt: 'curation.flash.saved', fjernet: 'curation.flash.logoRemoved' };

/** The branding page and its actions, and the public logo address. */
export const brandingPages: RouteModule = async (app, { db, changes }) => {
  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { notice?: MessageKey | undefined; form?: BrandingForm },
    status = 200,
  ): Promise<FastifyReply> {
    const ctx = pageContext(request, reply);
    const code = workspaceMunicipality(principalOf(request));
    const [branding, { jobcenters }] = await Promise.all([getBranding(db, code), getMunicipality(db, code)]);
    const form = options.form ?? { values: storedValues(branding), errors: {} };
    return sendPage(
      reply,
      renderBranding(ctx, workspaceHeader(ctx, branding, 'branding'), { code, branding, jobcenters, notice: options.notice, form }),
      status,
    );
  }

  app.get(BRANDING, { config: workspaceAccess, schema: { querystring: brandingQuery } }, async (request, reply) => {
    return show(request, reply, { notice: request.query.besked ? brandingNotices[request.query.besked] : undefined });
  });

  // The upload is multipart/form-data, which only this route accepts. Its fields (the CSRF token among them) are
  // parsed into the body before the route's CSRF and access checks, within tight limits: one file, a few fields.
  await app.register(async (upload) => {
    // The multipart parser reads what it is sent to the end (bodyLimit does not apply to it): a request over the
    // ceiling is refused before anything is read. Browsers always say how large a form is; a request that does not
    // is refused too. Memory stays small whatever the size: a file is kept only up to its limit, fields to theirs.
    upload.addHook('onRequest', (request, _reply, done) => {
      const length = Number(request.headers['content-length']);
      const multipart = String(request.headers['content-type'] ?? '').startsWith('multipart/');
      done(multipart && !(length <= MULTIPART_MAX_BYTES) ? new AppError('PAYLOAD_TOO_LARGE', 'The upload is larger than the platform accepts.') : undefined);
    });
    await upload.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      // A file over the limit arrives cut off at one byte more than allowed, and the service says it is too large.
      throwFileSizeLimit: false,
      limits: { fileSize: LOGO_MAX_BYTES + 1, files: 1, fields: 10, parts: 12, fieldSize: 8_000, fieldNameSize: 100 },
    });
    upload.post(BRANDING, { config: workspaceAccess }, async (request, reply) => {
      return submitForm(reply, request.body, {
        run: async () => {
          await saveBranding(db, principalOf(request), request.body, changes);
          return `${BRANDING}?besked=gemt`;
        },
        showAgain: ({ error }) => show(request, reply, { form: { values: textValues(request.body), errors: placedErrors(error.fields, request.locale) } }, 400),
      });
    });
  });

  app.post(`${BRANDING}/fjern-logo`, { config: workspaceAccess }, async (request, reply) => {
    await removeLogo(db, principalOf(request), changes);
    return reply.redirect(`${BRANDING}?besked=fjernet`, 303);
  });

  app.get(
    '/kommuner/:code/logo',
    { config: publicAccess, schema: { params: logoParams, querystring: z.object({ v: z.string().max(40).optional().catch(undefined) }) } },
    async (request, reply) => {
      const logo = await getLogo(db, request.params.code);
      const etag = `"${logo.updatedAt.getTime().toString(36)}-${logo.bytes.length.toString(36)}"`;
      reply
        .header('etag', etag)
        // Public and versioned by ?v= on the pages that show it; others revalidate within the hour.
        .header('cache-control', 'public, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        // Vendors' services show the municipality's logo in the platform header, from their own origin.
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('content-disposition', 'inline');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type(logo.type).send(logo.bytes);
    },
  );
};

function storedValues(branding: BrandingRow | undefined): Record<string, string> {
  return {
    displayName: branding?.display_name ?? '',
    contactTextDa: branding?.contact_text_da ?? '',
    contactTextEn: branding?.contact_text_en ?? '',
    logoAlt: branding?.logo_alt ?? '',
  };
}
