import type { Locale, Translator } from '../i18n/index.ts';
import { html, type SafeHtml } from './html.ts';

/** What every server-rendered page knows about the request it answers. */
export type PageContext = {
  locale: Locale;
  t: Translator;
  /** Path and query of the current page, for the language switch to come back to. */
  path: string;
  requestId: string;
  /** CSRF token for forms on the page, made lazily. */
  csrfToken: () => string;
  /** borger.dk look for citizens, virk.dk look for businesses (vendors). */
  theme: 'borger' | 'virk';
  /** The signed-in person as the header shows them; absent when nobody is signed in. */
  person?: { name: string; role: string } | undefined;
  /** With a session: minutes of inactivity before it ends, for the warning shown shortly before. */
  sessionIdleMinutes?: number | undefined;
  /** The municipality the page is seen in, shown in the header. */
  municipality?: { code: string; name: string } | undefined;
};

export type PageOptions = {
  title: string;
  body: SafeHtml;
  /** Extra class on <main>, e.g. for a wide layout. */
  mainClass?: string;
};

const themeCss = { borger: '/dkfds/css/dkfds-borgerdk.min.css', virk: '/dkfds/css/dkfds-virkdk.min.css' } as const;

/** The shell around every page: DKFDS header with language switch, main content and footer. */
export function renderPage(ctx: PageContext, page: PageOptions): SafeHtml {
  const { t } = ctx;
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} — ${t('app.name')}</title>
<link rel="stylesheet" href="${themeCss[ctx.theme]}">
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<script src="/dkfds/js/dkfds.min.js" defer></script>
<script src="/static/app.js" defer></script>
</head>
<body>
<a class="skipnav" href="#main-content">${t('shell.skipLink')}</a>
${languageSwitcher(ctx)}
<header class="header">
  <div class="portal-info">
    <div class="portal-info-inner container">
      <a href="/" class="logo" aria-label="${t('shell.homeLink')}"><span>${t('app.name')}</span></a>
      <div class="portal-user">
        ${ctx.person
          ? html`<p class="user">${ctx.person.name}, ${ctx.person.role}</p>
        <form method="post" action="/log-af" class="d-print-none"><input type="hidden" name="_csrf" value="${ctx.csrfToken()}"><button class="function-link log-off" type="submit">${t('shell.signOut')}</button></form>`
          : html`<p class="user">${t('shell.notSignedIn')}</p>`}
      </div>
    </div>
  </div>
  <div class="solution-info">
    <div class="solution-info-inner container">
      <div class="solution-heading"><a href="/">${t('app.tagline')}</a></div>
      <div class="additional-info">
        <p><strong class="authority-name">${ctx.municipality ? `${ctx.municipality.name} Kommune` : t('shell.authority')}</strong></p>
      </div>
    </div>
  </div>
</header>
<main id="main-content" class="container page-container${page.mainClass ? ` ${page.mainClass}` : ''}">
${ctx.person && ctx.sessionIdleMinutes
  ? html`<div id="session-warning" class="alert alert-warning" role="alert" data-idle-minutes="${ctx.sessionIdleMinutes}" hidden><div class="alert-body"><p class="alert-text">${t('session.idleWarning')} <a href="${ctx.path}">${t('session.stay')}</a></p></div></div>`
  : ''}
${page.body}
</main>
${footer(ctx)}
</body>
</html>`;
}

function languageSwitcher(ctx: PageContext): SafeHtml {
  const target = (locale: Locale) => `/sprog?til=${locale}&tilbage=${encodeURIComponent(ctx.path)}`;
  const option = (locale: Locale, name: string) =>
    html`<li><a href="${target(locale)}" lang="${locale}" hreflang="${locale}"${ctx.locale === locale ? html` aria-current="true"` : ''}>${name}</a></li>`;
  return html`<div class="language-switcher">
  <div class="container">
    <ul aria-label="${ctx.t('shell.languageLabel')}">${option('da', 'Dansk')}${option('en', 'English')}</ul>
  </div>
</div>`;
}

function footer(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  return html`<footer>
  <div class="footer">
    <div class="container">
      <div class="row">
        <div class="col-12 col-md-6 footer-col">
          <section>
            <h2 class="h5">${t('shell.footer.about')}</h2>
            <p>${t('shell.footer.aboutText')}</p>
          </section>
        </div>
        <div class="col-12 col-md-6 footer-col">
          <section>
            <ul class="unstyled-list">
              <li><a href="/tilgaengelighed">${t('shell.footer.accessibility')}</a></li>
              <li><a href="/katalog">${t('shell.footer.catalogue')}</a></li>
              <li><a href="/kommuner">${t('shell.footer.municipalities')}</a></li>
              <li><a href="/api/docs">${t('shell.footer.api')}</a></li>
            </ul>
          </section>
        </div>
      </div>
    </div>
  </div>
</footer>`;
}
