// How the platform header's markup looks: the snippet a vendor copies, and the documentation page that shows it.
import { html, type SafeHtml } from '../../platform/views/html.ts';
import { renderPage, type PageContext } from '../../platform/views/layout.ts';
import { headerLinks } from '../vendor-data/index.ts';
import { HEADER_SCRIPT_PATH } from './platform-header.asset.ts';

/** The markup a vendor's page puts at the top of <body>: the script, and the element with the no-JavaScript links. */
export function headerSnippet(baseUrl: string, values: { firstName: string; municipality: string; lang: 'da' | 'en' }): string {
  const links = headerLinks(baseUrl);
  const label =
    values.lang === 'en' ? { journey: 'My job journey', help: 'Help', signOut: 'Sign out' } : { journey: 'Min jobrejse', help: 'Hjælp', signOut: 'Log af' };
  return `<script src="${baseUrl}${HEADER_SCRIPT_PATH}" defer></script>
<jobunivers-header lang="${values.lang}" first-name="${values.firstName}" municipality="${values.municipality}"
    journey-url="${links.journey}" help-url="${links.help}" signout-url="${links.signOut}">
  <nav aria-label="Jobunivers">
    <a href="${links.journey}">${label.journey}</a>
    <a href="${links.help}">${label.help}</a>
    <a href="${links.signOut}">${label.signOut}</a>
  </nav>
</jobunivers-header>`;
}

/** The documentation page: a live example, the snippet to copy, the attributes, the CSP and how it works. */
export function renderDocumentation(ctx: PageContext, baseUrl: string): SafeHtml {
  const { t } = ctx;
  const links = headerLinks(baseUrl);
  const origin = new URL(baseUrl).origin;
  const snippet = headerSnippet(baseUrl, { firstName: 'Mette', municipality: 'København', lang: ctx.locale });
  const attributes = [
    ['first-name', t('platformHeader.doc.attr.firstName')],
    ['municipality', t('platformHeader.doc.attr.municipality')],
    ['journey-url', t('platformHeader.doc.attr.journeyUrl')],
    ['help-url', t('platformHeader.doc.attr.helpUrl')],
    ['signout-url', t('platformHeader.doc.attr.signoutUrl')],
    ['lang', t('platformHeader.doc.attr.lang')],
  ] as const;
  return renderPage(ctx, {
    title: t('platformHeader.doc.title'),
    body: html`<h1>${t('platformHeader.doc.title')}</h1>
<p class="font-lead">${t('platformHeader.doc.lead')}</p>
<h2>${t('platformHeader.doc.example')}</h2>
<p>${t('platformHeader.doc.exampleText')}</p>
<div class="platform-header-example mb-6">
<script src="${HEADER_SCRIPT_PATH}" defer></script>
<jobunivers-header lang="${ctx.locale}" first-name="Mette" municipality="København" journey-url="${links.journey}" help-url="${links.help}" signout-url="${links.signOut}">
  <nav aria-label="Jobunivers">
    <a href="${links.journey}">${t('platformHeader.component.journey')}</a>
    <a href="${links.help}">${t('platformHeader.component.help')}</a>
    <a href="${links.signOut}">${t('platformHeader.component.signOut')}</a>
  </nav>
</jobunivers-header>
</div>
<h2>${t('platformHeader.doc.howTitle')}</h2>
<ol>
  <li>${t('platformHeader.doc.step1')} <code>GET /api/vendor/v1/citizen/header</code></li>
  <li>${t('platformHeader.doc.step2')}</li>
  <li>${t('platformHeader.doc.step3')}</li>
</ol>
<h2>${t('platformHeader.doc.snippet')}</h2>
<pre class="platform-header-snippet" tabindex="0" role="region" aria-label="${t('platformHeader.doc.snippet')}"><code>${snippet}</code></pre>
<h2>${t('platformHeader.doc.attributes')}</h2>
<div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${t('platformHeader.doc.attributes')}"><table class="table">
<caption class="sr-only">${t('platformHeader.doc.attributes')}</caption>
<thead><tr><th scope="col">${t('platformHeader.doc.attribute')}</th><th scope="col">${t('platformHeader.doc.meaning')}</th></tr></thead>
<tbody>${attributes.map(([name, meaning]) => html`<tr><th scope="row"><code>${name}</code></th><td>${meaning}</td></tr>`)}</tbody>
</table></div>
<h2>${t('platformHeader.doc.cspTitle')}</h2>
<p>${t('platformHeader.doc.cspText')}</p>
<pre tabindex="0" role="region" aria-label="${t('platformHeader.doc.cspTitle')}"><code>Content-Security-Policy: script-src 'self' ${origin}</code></pre>
<h2>${t('platformHeader.doc.noJsTitle')}</h2>
<p>${t('platformHeader.doc.noJsText')}</p>
<h2>${t('platformHeader.doc.cachingTitle')}</h2>
<p>${t('platformHeader.doc.cachingText')}</p>
<h2>${t('platformHeader.doc.signOutTitle')}</h2>
<p>${t('platformHeader.doc.signOutText')}</p>
<p><a href="/api/docs">${t('platformHeader.doc.apiDocs')}</a></p>`,
  });
}
