import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { principalOf } from '../../platform/http/access.ts';
import { formOnce } from '../../platform/http/form-token.ts';
import { sendConfirmation, submitForm } from '../../platform/http/forms.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { translate } from '../../platform/i18n/index.ts';
import { isConfirmed, type FormErrors } from '../../platform/views/components.ts';
import type { SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import { getOwnVendor } from '../vendors/index.ts';
import {
  draftFromForm,
  formFieldOf,
  formValuesOf,
  renderListing,
  renderListingEdit,
  renderListings,
  renderUnregistered,
  type ListingFormValues,
} from './listings.views.ts';
import type { ListingDraftInput } from './listings.schemas.ts';
import {
  createListing,
  deleteListingDraft,
  getTaxonomyLabels,
  getVendorListing,
  isEditable,
  listingPermissions,
  listVendorListings,
  saveListingDraft,
  startNextVersion,
  submitListing,
} from './listings.service.ts';

const vendorRead = { access: { roles: ['vendor_admin', 'vendor_developer'], level: 'Substantial' } } as const;
const vendorWrite = vendorRead;
const vendorSubmit = { access: { roles: ['vendor_admin'], level: 'Substantial' } } as const;
const listingParams = z.object({ listingId: z.uuid() });
const flashQuery = z.object({
  gemt: z.literal('1').optional().catch(undefined),
  indsendt: z.literal('1').optional().catch(undefined),
  allerede: z.literal('1').optional().catch(undefined),
});
const listQuery = z.object({ slettet: z.literal('1').optional().catch(undefined) });

/** The vendor portal's listings: write a listing, submit it, read the checks and governance's answers, start the next version. */
export const listingPages: RouteModule = (app, { db, config }) => {
  app.get('/leverandoer/ydelser', { config: vendorRead, schema: { querystring: listQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply, 'virk');
    const actor = principalOf(request);
    if (!(await getOwnVendor(db, actor))) return sendPage(reply, renderUnregistered(ctx));
    const { listings, notices } = await listVendorListings(db, actor);
    return sendPage(reply, renderListings(ctx, listings, notices, { deleted: request.query.slettet === '1' }));
  });

  app.get('/leverandoer/ydelser/ny', { config: vendorWrite }, async (request, reply) => {
    const ctx = pageContext(request, reply, 'virk');
    const actor = principalOf(request);
    if (!(await getOwnVendor(db, actor))) return sendPage(reply, renderUnregistered(ctx));
    return sendPage(
      reply,
      await renderEdit(ctx, {
        title: ctx.t('listing.new.title'),
        action: '/leverandoer/ydelser',
        values: formValuesOf(undefined),
        errors: {},
        canSubmit: listingPermissions(actor).submit,
        creates: true,
      }),
    );
  });

  app.post('/leverandoer/ydelser', { config: vendorWrite }, async (request, reply) => {
    const ctx = pageContext(request, reply, 'virk');
    const actor = principalOf(request);
    const { input, values } = draftFromForm(request.body);
    return submitForm(reply, request.body, {
      run: () => createListing(db, actor, input, formOnce(request.body, 'listings.listing', actor.subject)),
      then: async (created) => {
        const listingId = created.id;
        // A resubmit neither makes a second listing nor submits the first one again: it is shown as it is now.
        if (created.replayed) return `/leverandoer/ydelser/${listingId}?allerede=1`;
        if (!wantsSubmit(request.body)) return `/leverandoer/ydelser/${listingId}?gemt=1`;
        await submitListing(db, config, actor, listingId);
        return `/leverandoer/ydelser/${listingId}?indsendt=1`;
      },
      showAgain: ({ error }) =>
        renderEdit(ctx, {
          title: ctx.t('listing.new.title'),
          action: '/leverandoer/ydelser',
          values,
          errors: placedErrors(error.fields, input, ctx),
          canSubmit: listingPermissions(actor).submit,
          creates: true,
        }),
    });
  });

  app.get('/leverandoer/ydelser/:listingId', { config: vendorRead, schema: { params: listingParams, querystring: flashQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply, 'virk');
    const actor = principalOf(request);
    const [view, labels] = await Promise.all([getVendorListing(db, actor, request.params.listingId), getTaxonomyLabels(db)]);
    const { gemt, indsendt, allerede } = request.query;
    return sendPage(
      reply,
      renderListing(ctx, view, labels, {
        editable: !!view.open && isEditable(view.open.status),
        saved: gemt === '1',
        submitted: indsendt === '1',
        already: allerede === '1',
        canSubmit: listingPermissions(actor).submit,
      }),
    );
  });

  app.get('/leverandoer/ydelser/:listingId/rediger', { config: vendorWrite, schema: { params: listingParams } }, async (request, reply) => {
    const ctx = pageContext(request, reply, 'virk');
    const actor = principalOf(request);
    const view = await getVendorListing(db, actor, request.params.listingId);
    if (!view.open || !isEditable(view.open.status)) return reply.redirect(`/leverandoer/ydelser/${view.listingId}`, 303);
    const title = ctx.t('listing.edit.title', { version: view.open.version });
    return sendPage(
      reply,
      await renderEdit(ctx, {
        title,
        action: `/leverandoer/ydelser/${view.listingId}/rediger`,
        values: formValuesOf(view.open),
        errors: {},
        canSubmit: listingPermissions(actor).submit,
      }),
    );
  });

  app.post('/leverandoer/ydelser/:listingId/rediger', { config: vendorWrite, schema: { params: listingParams } }, async (request, reply) => {
    const ctx = pageContext(request, reply, 'virk');
    const actor = principalOf(request);
    const listingId = request.params.listingId;
    const { input, values } = draftFromForm(request.body);
    return submitForm(reply, request.body, {
      run: () => saveListingDraft(db, actor, listingId, input),
      then: async () => {
        if (!wantsSubmit(request.body)) return `/leverandoer/ydelser/${listingId}?gemt=1`;
        await submitListing(db, config, actor, listingId);
        return `/leverandoer/ydelser/${listingId}?indsendt=1`;
      },
      showAgain: async ({ error }) => {
        const view = await getVendorListing(db, actor, listingId);
        const title = ctx.t('listing.edit.title', { version: view.open?.version ?? 1 });
        const errors = placedErrors(error.fields, input, ctx);
        return renderEdit(ctx, { title, action: `/leverandoer/ydelser/${listingId}/rediger`, values, errors, canSubmit: listingPermissions(actor).submit });
      },
    });
  });

  app.post('/leverandoer/ydelser/:listingId/indsend', { config: vendorSubmit, schema: { params: listingParams } }, async (request, reply) => {
    await submitListing(db, config, principalOf(request), request.params.listingId);
    return reply.redirect(`/leverandoer/ydelser/${request.params.listingId}?indsendt=1`, 303);
  });

  app.post('/leverandoer/ydelser/:listingId/ny-version', { config: vendorWrite, schema: { params: listingParams } }, async (request, reply) => {
    await startNextVersion(db, principalOf(request), request.params.listingId);
    return reply.redirect(`/leverandoer/ydelser/${request.params.listingId}/rediger`, 303);
  });

  // Deleting a draft asks first: the first POST shows what will go, only the confirmed one ("Ja, slet kladden") deletes.
  app.post('/leverandoer/ydelser/:listingId/slet-kladde', { config: vendorWrite, schema: { params: listingParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const listingId = request.params.listingId;
    if (isConfirmed(request.body)) {
      await deleteListingDraft(db, actor, listingId, request.body);
      return reply.redirect('/leverandoer/ydelser?slettet=1', 303);
    }
    const view = await getVendorListing(db, actor, listingId);
    if (!view.open || !view.draftDeletable) throw new AppError('CONFLICT', 'Only a draft that governance has not had in review can be deleted.');
    const ctx = pageContext(request, reply, 'virk');
    const { t } = ctx;
    const name = view.open.name_da ?? t('listing.unnamed');
    const back = `/leverandoer/ydelser/${listingId}`;
    return sendConfirmation(reply, ctx, {
      heading: t('listing.deleteDraft.confirm', { name, version: view.open.version }),
      text: t(view.versions.length === 1 ? 'listing.deleteDraft.textWhole' : 'listing.deleteDraft.textVersion', { version: view.open.version }),
      action: `${back}/slet-kladde`,
      confirmLabel: t('listing.deleteDraft.yes'),
      cancelHref: back,
      hidden: { version: String(view.open.version) },
    });
  });

  async function renderEdit(
    ctx: PageContext,
    options: { title: string; action: string; values: ListingFormValues; errors: FormErrors; canSubmit: boolean; creates?: boolean },
  ): Promise<SafeHtml> {
    return renderListingEdit(ctx, { ...options, labels: await getTaxonomyLabels(db) });
  }
};

function wantsSubmit(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>).action === 'submit';
}

function placedErrors(fields: Parameters<typeof formFieldOf>[0][], input: ListingDraftInput, ctx: PageContext): FormErrors {
  const errors: FormErrors = {};
  for (const field of fields) {
    const name = formFieldOf(field, input);
    errors[name] ??= translate(ctx.locale, field.message, field.params);
  }
  return errors;
}
