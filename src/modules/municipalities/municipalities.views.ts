// How municipalities and their jobcenters go out: the API's DTOs and the public pages' HTML.
import type { Locale } from '../../platform/i18n/index.ts';
import { html } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import type { JobcenterRow, MunicipalityRow } from './municipalities.repository.ts';
import type { JobcenterDto, MunicipalityDto } from './municipalities.schemas.ts';

/** A municipality as the API and the pages show it, its region named in the reader's language. */
export function presentMunicipality(row: MunicipalityRow, locale: Locale): MunicipalityDto {
  return {
    code: row.code,
    name: row.name,
    region: { code: row.region_code, name: locale === 'en' ? row.region_name_en : row.region_name_da },
    hasJobcenter: row.has_jobcenter,
  };
}

/** A jobcenter as the API and the pages show it, opening hours from Monday. */
export function presentJobcenter(row: JobcenterRow): JobcenterDto {
  return {
    id: row.id,
    name: row.name,
    address: { street: row.street, postalCode: row.postal_code, city: row.city },
    phone: row.phone,
    email: row.email,
    website: row.website,
    openingHours: [...row.opening_hours].sort((a, b) => a.weekday - b.weekday),
  };
}

/** The municipality overview page: the filter by region and the table of all 98. */
export function renderOverview(ctx: PageContext, municipalities: MunicipalityDto[], regions: { code: string; name: string }[], selected?: string) {
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

/** One municipality's page with its jobcenters. */
export function renderMunicipality(ctx: PageContext, municipality: MunicipalityDto, jobcenters: JobcenterDto[]) {
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
