import { publicAccess } from '../../platform/http/access.ts';
import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { html } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { presentJobcenter, presentMunicipality } from './municipalities.presenter.ts';
import { municipalityParamsSchema, regionCodeSchema, type JobcenterDto, type MunicipalityDto } from './municipalities.schemas.ts';
import { getMunicipality, listAllMunicipalities, listRegions } from './municipalities.service.ts';

// An unknown region in the filter shows all regions rather than an error: it is a view setting, not data.
const overviewQuerySchema = z.object({ region: regionCodeSchema.optional().catch(undefined) });

/** Public pages: the municipality overview and each municipality's jobcenter. */
export const municipalityPages: RouteModule = (app, { db }) => {
  app.get('/kommuner', { config: publicAccess, schema: { querystring: overviewQuerySchema } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [rows, regions] = await Promise.all([listAllMunicipalities(db, request.query.region), listRegions(db)]);
    const municipalities = rows.map((row) => presentMunicipality(row, ctx.locale));
    const regionOptions = regions.map((r) => ({ code: r.code, name: ctx.locale === 'en' ? r.name_en : r.name_da }));
    return sendPage(reply, renderOverview(ctx, municipalities, regionOptions, request.query.region));
  });

  app.get('/kommuner/:code', { config: publicAccess, schema: { params: municipalityParamsSchema } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { municipality, jobcenters } = await getMunicipality(db, request.params.code);
    return sendPage(reply, renderMunicipality(ctx, presentMunicipality(municipality, ctx.locale), jobcenters.map(presentJobcenter)));
  });
};

function renderOverview(ctx: PageContext, municipalities: MunicipalityDto[], regions: { code: string; name: string }[], selected?: string) {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t('municipalities.title'),
    body: html`<h1>${t('municipalities.title')}</h1>
<p class="font-lead">${t('municipalities.lead')}</p>
<form method="get" action="/kommuner" class="mb-6">
  <div class="form-group">
    <label class="form-label" for="region">${t('municipalities.filterRegion')}</label>
    <select class="form-select" id="region" name="region">
      <option value="">${t('municipalities.allRegions')}</option>
      ${regions.map((r) => html`<option value="${r.code}"${r.code === selected ? html` selected` : ''}>${r.name}</option>`)}
    </select>
  </div>
  <button class="button button-secondary" type="submit">${t('municipalities.show')}</button>
</form>
<div class="table--responsive-scroll">
<table class="table table--zebra">
  <caption class="sr-only">${t('municipalities.title')}</caption>
  <thead><tr><th scope="col">${t('municipalities.code')}</th><th scope="col">${t('municipalities.name')}</th><th scope="col">${t('municipalities.region')}</th><th scope="col">${t('municipalities.jobcenter')}</th></tr></thead>
  <tbody>
  ${municipalities.map(
    (m) =>
      html`<tr><td>${m.code}</td><td><a href="/kommuner/${m.code}">${m.name}</a></td><td>${m.region.name}</td><td>${
        m.hasJobcenter
          ? t('municipalities.onPlatform')
          : html`<span aria-hidden="true">${t('municipalities.notOnPlatform')}</span><span class="sr-only">${t('municipalities.notOnPlatformText')}</span>`
      }</td></tr>`,
  )}
  </tbody>
</table>
</div>`,
  });
}

function renderMunicipality(ctx: PageContext, municipality: MunicipalityDto, jobcenters: JobcenterDto[]) {
  const { t } = ctx;
  const title = `${municipality.name} Kommune`;
  return renderPage(ctx, {
    title,
    body: html`<nav aria-label="${t('shell.breadcrumb')}" class="breadcrumbs"><ol class="breadcrumbs__list"><li class="breadcrumbs__list-item"><a href="/kommuner" class="breadcrumbs__link">${t('municipality.backToList')}</a></li><li class="breadcrumbs__list-item" aria-current="page">${title}</li></ol></nav>
<h1>${title}</h1>
<p>${t('municipalities.code')}: ${municipality.code} · ${municipality.region.name}</p>
<h2>${t('municipality.jobcenterTitle')}</h2>
${jobcenters.length === 0 ? html`<p>${t('municipality.noJobcenter')}</p>` : jobcenters.map((j) => renderJobcenter(ctx, j))}`,
  });
}

// A telephone number must not wrap between its digit groups: the groups are joined by non-breaking spaces.
const keepTogether = (phone: string) => phone.replace(/ +/g, '\u00a0');

function renderJobcenter(ctx: PageContext, jobcenter: JobcenterDto) {
  const { t } = ctx;
  const hours = new Map(jobcenter.openingHours.map((h) => [h.weekday, h]));
  return html`<section class="mb-6" aria-labelledby="jc-${jobcenter.id}">
  <h3 id="jc-${jobcenter.id}">${jobcenter.name}</h3>
  <dl>
    <dt>${t('municipality.address')}</dt><dd>${jobcenter.address.street}, ${jobcenter.address.postalCode} ${jobcenter.address.city}</dd>
    <dt>${t('municipality.phone')}</dt><dd><a href="tel:${jobcenter.phone.replaceAll(' ', '')}">${keepTogether(jobcenter.phone)}</a></dd>
    <dt>${t('municipality.email')}</dt><dd><a href="mailto:${jobcenter.email}">${jobcenter.email}</a></dd>
    <dt>${t('municipality.website')}</dt><dd><a href="${jobcenter.website}">${jobcenter.website}</a></dd>
  </dl>
  <table class="table table--compact">
    <caption>${t('municipality.openingHours')}</caption>
    <tbody>
    ${([1, 2, 3, 4, 5, 6, 7] as const).map((day) => {
      const h = hours.get(day);
      return html`<tr><th scope="row">${t(`weekday.${day}`)}</th><td>${h ? `${h.opens}–${h.closes}` : t('municipality.closed')}</td></tr>`;
    })}
    </tbody>
  </table>
</section>`;
}
