// How the open statistics look: the page /statistik with both tables and the method, and the tables as JSON and CSV.
import { formatNumber, type Locale } from '../../platform/i18n/index.ts';
import { html } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { UNKNOWN, type MunicipalityMonthTable, type Term, type VendorMonthTable } from './statistics.service.ts';
import type { Published } from './statistics.suppression.ts';

/** How a hidden figure is written in CSV (and shown on the page), as Statistics Denmark does. */
export const HIDDEN = '..';

/** The municipality table as the API answers it; an empty table while no month is published. */
export function presentMunicipalityTable(table: MunicipalityMonthTable | undefined) {
  return {
    table: 'municipality-month' as const,
    month: table?.month ?? null,
    months: table?.months ?? [],
    threshold: table?.threshold ?? 5,
    columns: table?.columns ?? [],
    rows: table?.rows ?? [],
    totals: table?.totals ?? { cells: [], total: null },
  };
}

/** The vendor table as the API answers it. */
export function presentVendorTable(table: VendorMonthTable) {
  return { table: 'vendor-month' as const, months: table.months, threshold: table.threshold, rows: table.rows };
}

/** A CSV field: quoted when it must be, and never read as a formula by a spreadsheet (a vendor names itself). */
function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: (string | number)[]) => `${fields.map(csvField).join(',')}\r\n`;

/** Rows as CSV text, each field made safe for a spreadsheet. */
export const toCsv = (rows: (string | number)[][]): string => rows.map(csvLine).join('');
const csvFigure = (value: Published) => (value === null ? HIDDEN : value);

/** The municipality table as CSV: one line per figure, totals as 'total', a hidden figure as "..". */
export function municipalityTableCsv(table: MunicipalityMonthTable | undefined): string {
  let out = csvLine(['month', 'municipality_code', 'municipality', 'journey_stage', 'target_group', 'citizens']);
  if (!table) return out;
  for (const row of table.rows) {
    table.columns.forEach((column, j) => {
      out += csvLine([
        table.month,
        row.municipalityCode,
        row.municipalityName,
        column.journeyStage.code,
        column.targetGroup.code,
        csvFigure(row.cells[j] ?? null),
      ]);
    });
    out += csvLine([table.month, row.municipalityCode, row.municipalityName, 'total', 'total', csvFigure(row.total)]);
  }
  table.columns.forEach((column, j) => {
    out += csvLine([table.month, 'total', 'total', column.journeyStage.code, column.targetGroup.code, csvFigure(table.totals.cells[j] ?? null)]);
  });
  out += csvLine([table.month, 'total', 'total', 'total', 'total', csvFigure(table.totals.total)]);
  return out;
}

/** The vendor table as CSV: one line per vendor and month, a hidden figure as "..". */
export function vendorTableCsv(table: VendorMonthTable): string {
  let out = csvLine(['month', 'cvr', 'vendor', 'citizens']);
  for (const row of table.rows) table.months.forEach((month, j) => (out += csvLine([month, row.cvr, row.vendorName, csvFigure(row.cells[j] ?? null)])));
  return out;
}

/** "oktober 2026" / "October 2026". */
export function monthName(locale: Locale, month: string): string {
  const [year = 1970, number = 1] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'da-DK', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, number - 1, 1)),
  );
}

/** The page /statistik: the municipality table of one month, the vendor table, downloads and the method. */
export function renderStatistics(ctx: PageContext, municipalities: MunicipalityMonthTable | undefined, vendors: VendorMonthTable) {
  const { t, locale } = ctx;
  const termName = (term: Term) => (term.code === UNKNOWN ? t('statistics.unknown') : locale === 'en' ? term.nameEn : term.nameDa);
  const figure = (value: Published) =>
    value === null ? html`<span aria-hidden="true">${HIDDEN}</span><span class="sr-only">${t('statistics.hidden')}</span>` : formatNumber(locale, value);
  const monthQuery = municipalities ? `&month=${municipalities.month}` : '';
  return renderPage(ctx, {
    title: t('statistics.title'),
    body: html`<h1>${t('statistics.title')}</h1>
<p class="font-lead">${t('statistics.lead')}</p>
<p>${t('statistics.hiddenNote', { threshold: municipalities?.threshold ?? vendors.threshold })} <a href="#metode">${t('statistics.methodLink')}</a></p>
<h2>${municipalities ? t('statistics.municipalities.title', { month: monthName(locale, municipalities.month) }) : t('statistics.municipalities.titleEmpty')}</h2>
${
  municipalities
    ? html`<nav aria-label="${t('statistics.months')}"><p>${t('statistics.months')}:</p><ul class="nobullet-list d-flex flex-wrap">
${municipalities.months.map((month) =>
  month === municipalities.month
    ? html`<li class="mr-5"><a href="/statistik?maaned=${month}" aria-current="page"><strong>${monthName(locale, month)}</strong></a></li>`
    : html`<li class="mr-5"><a href="/statistik?maaned=${month}">${monthName(locale, month)}</a></li>`,
)}
</ul></nav>
<ul>
  <li><a href="/api/public/v1/statistics?table=municipality-month&format=csv${monthQuery}" download>${t('statistics.download.csv')}</a></li>
  <li><a href="/api/public/v1/statistics?table=municipality-month&format=json${monthQuery}">${t('statistics.download.json')}</a></li>
</ul>
<div class="table--responsive-scroll">
<table class="table table--compact table--zebra">
  <caption>${t('statistics.municipalities.caption', { month: monthName(locale, municipalities.month) })}</caption>
  <thead><tr><th scope="col">${t('statistics.municipality')}</th>${municipalities.columns.map(
    (c) => html`<th scope="col">${termName(c.journeyStage)} · ${termName(c.targetGroup)}</th>`,
  )}<th scope="col">${t('statistics.total')}</th></tr></thead>
  <tbody>
  ${municipalities.rows.map(
    (row) =>
      html`<tr><th scope="row">${row.municipalityName}</th>${row.cells.map((value) => html`<td class="align-text-right">${figure(value)}</td>`)}<td class="align-text-right">${figure(row.total)}</td></tr>`,
  )}
  </tbody>
  <tfoot><tr><th scope="row">${t('statistics.total')}</th>${municipalities.totals.cells.map((value) => html`<td class="align-text-right">${figure(value)}</td>`)}<td class="align-text-right">${figure(municipalities.totals.total)}</td></tr></tfoot>
</table>
</div>`
    : html`<p>${t('statistics.empty')}</p>`
}
<h2>${t('statistics.vendors.title')}</h2>
<ul>
  <li><a href="/api/public/v1/statistics?table=vendor-month&format=csv" download>${t('statistics.download.csv')}</a></li>
  <li><a href="/api/public/v1/statistics?table=vendor-month&format=json">${t('statistics.download.json')}</a></li>
</ul>
${
  vendors.rows.length === 0
    ? html`<p>${t('statistics.empty')}</p>`
    : html`<div class="table--responsive-scroll">
<table class="table table--compact table--zebra">
  <caption>${t('statistics.vendors.caption')}</caption>
  <thead><tr><th scope="col">${t('statistics.vendor')}</th>${vendors.months.map((month) => html`<th scope="col">${monthName(locale, month)}</th>`)}</tr></thead>
  <tbody>
  ${vendors.rows.map(
    (row) =>
      html`<tr><th scope="row">${row.vendorName} <span class="small-text">(${t('statistics.cvr')} ${row.cvr})</span></th>${row.cells.map((value) => html`<td class="align-text-right">${figure(value)}</td>`)}</tr>`,
  )}
  </tbody>
</table>
</div>`
}
<h2 id="metode">${t('statistics.method.title')}</h2>
<p>${t('statistics.method.counted')}</p>
<p>${t('statistics.method.primary', { threshold: municipalities?.threshold ?? vendors.threshold })}</p>
<p>${t('statistics.method.secondary')}</p>
<p>${t('statistics.method.twoTables')}</p>
<p>${t('statistics.method.months')}</p>`,
  });
}
