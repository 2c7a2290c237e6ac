import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { principalOf } from '../../platform/http/access.ts';
import { formOnce } from '../../platform/http/form-token.ts';
import { sendConfirmation, submitForm } from '../../platform/http/forms.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { formatDateTime, translate, type MessageKey } from '../../platform/i18n/index.ts';
import { csrfField, isConfirmed, type FormErrors } from '../../platform/views/components.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { getOwnVendor } from '../vendors/index.ts';
import {
  draftFromForm,
  formFieldOf,
  formValuesOf,
  renderChecks,
  renderHistory,
  renderListingForm,
  renderNotices,
  renderVersion,
  statusLabel,
  type ListingFormValues,
} from './listings.presenter.ts';
import { editableStatuses, selectTaxonomyLabels, type ListingSummaryRow } from './listings.repository.ts';
import type { ListingDraftInput } from './listings.schemas.ts';
import type { ListingStatus } from './listings.tables.ts';
import {
  createListing,
  deleteListingDraft,
  getVendorListing,
  listingPermissions,
  listVendorListings,
  saveListingDraft,
  startNextVersion,
  submitListing,
  type ListingView,
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
    const [view, labels] = await Promise.all([getVendorListing(db, actor, request.params.listingId), selectTaxonomyLabels(db)]);
    const { gemt, indsendt, allerede } = request.query;
    return sendPage(
      reply,
      renderListing(ctx, view, labels, {
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
    if (!view.open || !editableStatuses.includes(view.open.status)) return reply.redirect(`/leverandoer/ydelser/${view.listingId}`, 303);
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
    const labels = await selectTaxonomyLabels(db);
    return renderPage(ctx, {
      title: options.title,
      body: html`<nav aria-label="${ctx.t('shell.breadcrumb')}"><a href="/leverandoer/ydelser">${ctx.t('listing.list.title')}</a></nav>
<h1>${options.title}</h1>
<p class="font-lead">${ctx.t('listing.edit.lead')}</p>
${renderListingForm(ctx, { ...options, labels })}`,
    });
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

function renderUnregistered(ctx: PageContext): SafeHtml {
  return renderPage(ctx, {
    title: ctx.t('listing.list.title'),
    body: html`<h1>${ctx.t('listing.list.title')}</h1>
<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${ctx.t('listing.list.registerFirst')} <a href="/leverandoer/virksomhed">${ctx.t('start.vendor.profile')}</a></p></div></div>`,
  });
}

function renderListings(ctx: PageContext, listings: ListingSummaryRow[], notices: Parameters<typeof renderNotices>[1], state: { deleted: boolean }): SafeHtml {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('listing.list.title'),
    body: html`<h1>${t('listing.list.title')}</h1>
${state.deleted ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('listing.flash.draftDeleted')}</p></div></div>` : ''}
<p class="font-lead">${t('listing.list.lead')}</p>
<p><a class="button button-primary" href="/leverandoer/ydelser/ny">${t('listing.list.new')}</a></p>
<h2>${t('listing.list.yours')}</h2>
${
  listings.length === 0
    ? html`<p>${t('listing.list.none')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table">
<caption class="sr-only">${t('listing.list.yours')}</caption>
<thead><tr><th scope="col">${t('listing.list.name')}</th><th scope="col">${t('listing.list.latest')}</th><th scope="col">${t('listing.list.live')}</th><th scope="col">${t('listing.list.updated')}</th></tr></thead>
<tbody>${listings.map(
        (l) =>
          html`<tr><td><a href="/leverandoer/ydelser/${l.listing_id}">${l.latest_name ?? t('listing.unnamed')}</a></td><td>${t('listing.versionN', { version: l.latest_version })}: ${statusLabel(t, l.latest_status)}</td><td>${l.live_version ? t('listing.versionN', { version: l.live_version }) : l.delisted_at ? t('listing.status.delisted') : t('listing.list.notLive')}</td><td>${formatDateTime(ctx.locale, l.updated_at)}</td></tr>`,
      )}</tbody></table></div>`
}
<h2>${t('notice.title')}</h2>
${renderNotices(ctx, notices, { link: (id) => `/leverandoer/ydelser/${id}` })}`,
  });
}

/** What the vendor does next with an open version (one being written or reviewed); no other version has a next step. */
const nextStep: Partial<Record<ListingStatus, MessageKey>> = {
  draft: 'listing.next.draft',
  checks_failed: 'listing.next.checks_failed',
  changes_requested: 'listing.next.changes_requested',
  submitted: 'listing.next.submitted',
  in_review: 'listing.next.in_review',
};

function renderListing(
  ctx: PageContext,
  view: ListingView,
  labels: Awaited<ReturnType<typeof selectTaxonomyLabels>>,
  state: { saved: boolean; submitted: boolean; already?: boolean; canSubmit: boolean },
): SafeHtml {
  const { t } = ctx;
  const open = view.open;
  const next = open && nextStep[open.status];
  const name = open?.name_da ?? view.live?.name_da ?? view.versions[0]?.name_da ?? t('listing.unnamed');
  const feedback = view.transitions.find(
    (tr) =>
      tr.reason && ['changes_requested', 'rejected', 'approved', 'suspended', 'delisted', 'reinstated'].includes(tr.to_status) && tr.actor_role !== 'system',
  );
  const flash = state.submitted
    ? open?.status === 'in_review'
      ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('listing.flash.inReview')}</p></div></div>`
      : html`<div class="alert alert-warning" role="status"><div class="alert-body"><p class="alert-text">${t('listing.flash.checksFailed')}</p></div></div>`
    : state.saved
      ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('listing.flash.saved')}</p></div></div>`
      : state.already
        ? html`<div class="alert alert-info" role="status"><div class="alert-body"><p class="alert-text">${t('form.alreadySubmitted')}</p></div></div>`
        : '';
  const editable = open && editableStatuses.includes(open.status);
  const actions = html`<div class="mt-6 mb-6">
${editable ? html`<a class="button button-secondary" href="/leverandoer/ydelser/${view.listingId}/rediger">${t('listing.action.edit')}</a>` : ''}
${
  editable && state.canSubmit
    ? html`<form method="post" action="/leverandoer/ydelser/${view.listingId}/indsend" class="d-inline">${csrfField(ctx.csrfToken())}<button class="button button-primary" type="submit">${t('listing.action.submit')}</button></form>`
    : ''
}
${
  open && view.draftDeletable
    ? html`<form method="post" action="/leverandoer/ydelser/${view.listingId}/slet-kladde" class="d-inline">${csrfField(ctx.csrfToken())}<input type="hidden" name="version" value="${String(open.version)}"><button class="button button-secondary" type="submit">${t('listing.action.deleteDraft')}</button></form>`
    : ''
}
${
  !open && !view.delisted
    ? html`<form method="post" action="/leverandoer/ydelser/${view.listingId}/ny-version">${csrfField(ctx.csrfToken())}<button class="button button-primary" type="submit">${t('listing.action.nextVersion', { version: (view.versions[0]?.version ?? 0) + 1 })}</button></form>`
    : ''
}
</div>`;
  return renderPage(ctx, {
    title: name,
    body: html`<nav aria-label="${t('shell.breadcrumb')}"><a href="/leverandoer/ydelser">${t('listing.list.title')}</a></nav>
<h1>${name}</h1>
${flash}
<dl class="listing-status">
  <dt>${t('listing.liveVersion')}</dt><dd>${view.live ? html`${t('listing.versionN', { version: view.live.version })} — <a href="/katalog/${view.listingId}">${t('listing.seeInCatalogue')}</a>` : view.delisted ? t('listing.status.delisted') : t('listing.list.notLive')}</dd>
  ${open ? html`<dt>${t('listing.openVersion')}</dt><dd>${t('listing.versionN', { version: open.version })}: <strong>${statusLabel(t, open.status)}</strong>${open.status === 'in_review' ? html` — ${t('listing.inReviewBy', { who: open.assignee_name ?? t('listing.unassigned') })}` : ''}</dd>` : ''}
  ${view.latestClosed ? html`<dt>${t('listing.latestDecision')}</dt><dd>${t('listing.versionN', { version: view.latestClosed.version })}: ${statusLabel(t, view.latestClosed.status)}</dd>` : ''}
</dl>
${next ? html`<p>${t(next)}</p>` : ''}
${feedback ? html`<div class="alert alert-info"><div class="alert-body"><p class="alert-heading">${t('listing.feedback', { who: feedback.actor_name, time: formatDateTime(ctx.locale, feedback.at) })}</p><p class="alert-text preserve-lines">${feedback.reason ?? ''}</p></div></div>` : ''}
${actions}
${renderChecks(ctx, view.checks)}
${open ? html`<h2>${t('listing.versionContent', { version: open.version })}</h2>${renderVersion(ctx, open, labels)}` : view.live ? html`<h2>${t('listing.versionContent', { version: view.live.version })}</h2>${renderVersion(ctx, view.live, labels)}` : ''}
${renderHistory(ctx, view.transitions)}`,
  });
}
