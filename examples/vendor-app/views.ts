// The reference service's pages. Plain HTML, every value escaped; the platform header on top of every page.
import type { VendorConfig } from './config.ts';
import { dataCategories, type DataRead } from './oidc.ts';
import type { Received, Session } from './store.ts';

export const escapeHtml = (value: string | number | undefined) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** What the platform's GET /api/vendor/v1/citizen/header answered (or nothing, before sign-in). */
export type HeaderData = { firstName: string; municipality: { code: string; name: string }; links: { journey: string; help: string; signOut: string } };

/**
 * The platform header: the script from the platform, the element with the attributes our server read from the Data
 * API, and inside it the same links as a plain link bar for browsers without JavaScript.
 */
export function platformHeader(vendor: VendorConfig, header: HeaderData | undefined): string {
  // Before sign-in (or when the platform does not answer) the links go to the platform's own pages.
  const links = header?.links ?? {
    journey: `${vendor.platformUrl}/borger/jobrejse`,
    help: `${vendor.platformUrl}/kommuner`,
    signOut: `${vendor.platformUrl}/log-af`,
  };
  const attributes = [
    ['lang', 'da'],
    ['first-name', header?.firstName],
    ['municipality', header?.municipality.name],
    ['journey-url', links.journey],
    ['help-url', links.help],
    ['signout-url', links.signOut],
  ]
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}="${escapeHtml(value)}"`)
    .join(' ');
  return `<script src="${escapeHtml(vendor.platformUrl)}/platform-header/v1/jobunivers-header.js" defer></script>
<jobunivers-header ${attributes}>
  <nav aria-label="Jobunivers">
    <a href="${escapeHtml(links.journey)}">Min jobrejse</a>
    <a href="${escapeHtml(links.help)}">Hjælp</a>
    <a href="${escapeHtml(links.signOut)}">Log af</a>
  </nav>
</jobunivers-header>`;
}

function page(vendor: VendorConfig, header: HeaderData | undefined, title: string, body: string): string {
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Referencetjenesten</title>
<link rel="stylesheet" href="/app.css">
</head>
<body>
${platformHeader(vendor, header)}
<main id="indhold">
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

/** The front page before sign-in: this service is started from Jobunivers. */
export function signedOutPage(vendor: VendorConfig, note?: string): string {
  return page(
    vendor,
    undefined,
    'Referencetjenesten',
    `${note ? `<p class="note">${escapeHtml(note)}</p>` : ''}
<p>Du er ikke logget ind. Tjenesten startes fra Jobunivers: vælg den på markedspladsen, og tryk "Start".</p>
<p><a href="/login?${new URLSearchParams({ iss: vendor.issuer, target_link_uri: `${vendor.publicUrl}/` }).toString()}">Log ind via Jobunivers</a></p>`,
  );
}

/** What we tell the platform and what it told us: the report buttons, and the newest webhooks and feed items. */
export type ActivityPanel = { note: string | undefined; catalogueSize: number; received: readonly Received[] };

function activitySection(vendor: VendorConfig, session: Session, panel: ActivityPanel): string {
  const form = (kind: string, label: string) => `<form method="post" action="/aktivitet">
<input type="hidden" name="csrf" value="${escapeHtml(session.csrf)}"><input type="hidden" name="kind" value="${kind}">
<button type="submit">${escapeHtml(label)}</button>
</form>`;
  const received = panel.received
    .map(
      (r) =>
        `<li>${r.via === 'webhook' ? 'Webhook' : 'Feed'}: <code>${escapeHtml(r.type)}</code> (${escapeHtml(r.at)}, id <code>${escapeHtml(r.id)}</code>${
          // Another citizen's pairwise sub is theirs, not for this page: only "about you" is said.
          r.subject === session.sub ? ', om dig' : ''
        })</li>`,
    )
    .join('');
  return `<h2>Din fremdrift</h2>
${panel.note ? `<p class="note" role="status">${escapeHtml(panel.note)}</p>` : ''}
${vendor.apiClient ? `${form('progress', 'Rapportér 50 % gennemført')}${form('completed', 'Markér som gennemført')}` : '<p>Tjenesten har ingen API-nøgle til Jobunivers (API_CLIENT_ID).</p>'}
<h2>Fra Jobunivers</h2>
<p>Vores kopi af det nationale katalog har ${panel.catalogueSize} ydelser.</p>
${received ? `<ul>${received}</ul>` : '<p>Intet modtaget endnu.</p>'}`;
}

/** The front page after sign-in: who the platform says is here, and exactly the data it let us read. */
export function signedInPage(
  vendor: VendorConfig,
  session: Session,
  header: HeaderData | undefined,
  reads: Map<string, DataRead>,
  panel: ActivityPanel = { note: undefined, catalogueSize: 0, received: [] },
): string {
  const rows = dataCategories
    .map((category) => {
      const read = reads.get(category.code);
      const result =
        read?.status === 'shared'
          ? `<p class="shared">Delt</p><pre>${escapeHtml(JSON.stringify(read.body, null, 2))}</pre>`
          : `<p class="not-shared">Ikke delt${read?.status === 'not_shared' && read.reason === 'refused' ? ` (platformen afviste: HTTP ${read.httpStatus ?? '?'})` : ''}</p>`;
      return `<section class="category" id="kategori-${category.code}" aria-labelledby="kategori-${category.code}-titel">
<h3 id="kategori-${category.code}-titel">${escapeHtml(category.name)}</h3>
${result}
</section>`;
    })
    .join('\n');
  return page(
    vendor,
    header,
    'Referencetjenesten',
    `<p>Du er logget ind via Jobunivers.</p>
<dl>
  <dt>Dit id hos os (pairwise sub)</dt><dd><code id="sub">${escapeHtml(session.sub)}</code></dd>
  <dt>Sikringsniveau (acr)</dt><dd><code>${escapeHtml(session.acr ?? 'ukendt')}</code></dd>
  <dt>Tilladelser (scopes)</dt><dd><code>${escapeHtml(session.scopes.join(' '))}</code></dd>
</dl>
${activitySection(vendor, session, panel)}
<h2>De oplysninger, du har delt med os</h2>
${rows}`,
  );
}

/** A plain error page: what went wrong, in words. */
export function errorPage(vendor: VendorConfig, title: string, text: string): string {
  return page(vendor, undefined, title, `<p>${escapeHtml(text)}</p><p><a href="/">Til forsiden</a></p>`);
}

/** A small stylesheet in the spirit of DKFDS (served from our own origin, so our CSP stays strict). */
export const stylesheet = `body { margin: 0; font-family: "IBM Plex Sans", system-ui, Arial, sans-serif; color: #1a1a1a; line-height: 1.5; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
jobunivers-header:not(:defined) nav { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0.5rem 1rem; border-bottom: 1px solid #bfbfbf; }
a { color: #0059b3; }
a:focus-visible { outline: 4px solid #747474; outline-offset: 1px; }
pre { background: #f5f5f5; padding: 0.75rem; overflow-x: auto; white-space: pre-wrap; }
dt { font-weight: 600; }
dd { margin: 0 0 0.5rem 0; word-break: break-all; }
.category { border-top: 1px solid #bfbfbf; }
.not-shared { color: #5c5c5c; }
.note { background: #fff8e1; padding: 0.5rem; }
form { display: inline-block; margin: 0 0.5rem 0.5rem 0; }
button { font: inherit; padding: 0.5rem 1rem; background: #0059b3; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
button:focus-visible { outline: 4px solid #747474; outline-offset: 1px; }
`;
