import type { Locale, MessageKey, Translator } from '../i18n/index.ts';
import { nameSummaryEntries } from './components.ts';
import { escapeHtml, html, SafeHtml } from './html.ts';

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
  /** The header menu to show: a signed-in citizen's pages (`citizenMenu`); none for other audiences yet. */
  navigation?: 'citizen' | undefined;
  /** Links modules add to the footer for this app (the development pages outside production: dev-mail's caught mails). */
  footerLinks?: readonly FooterLink[] | undefined;
};

/** A link in every page's footer, after the platform's own. */
export type FooterLink = { href: string; text: MessageKey };

export type PageOptions = {
  title: string;
  body: SafeHtml;
  /** Extra class on <main>, e.g. for a wide layout. */
  mainClass?: string;
};

const themeCss = { borger: '/dkfds/css/dkfds-borgerdk.min.css', virk: '/dkfds/css/dkfds-virkdk.min.css' } as const;

/** The parts of the shell that are the same for every page in a language and look, made once. */
type Shell = {
  head: string;
  afterTitle: string;
  header: string;
  afterUser: string;
  footer: string;
  signOut: string;
  notSignedIn: string;
  authority: string;
  idleWarning: string;
  stay: string;
  languageLabel: string;
};

const shells = new Map<string, Shell>();

function shellFor(ctx: PageContext): Shell {
  const key = `${ctx.locale}:${ctx.theme}:${(ctx.footerLinks ?? []).map((link) => link.href).join(' ')}`;
  const known = shells.get(key);
  if (known) return known;
  const { t } = ctx;
  const made: Shell = {
    head: html`<!DOCTYPE html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>`.value,
    afterTitle: html` — ${t('app.name')}</title>
<link rel="stylesheet" href="${themeCss[ctx.theme]}">
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<script src="/dkfds/js/dkfds.min.js" defer></script>
<script src="/static/app.js" defer></script>
</head>
<body>
<a class="skipnav" href="#main-content">${t('shell.skipLink')}</a>
`.value,
    header: html`
<header class="header">
  <div class="portal-info">
    <div class="portal-info-inner container">
      <a href="/" class="logo" aria-label="${t('shell.homeLink')}"><span>${t('app.name')}</span></a>
      <div class="portal-user">
        `.value,
    afterUser: html`
    </div>
  </div>
  <div class="solution-info">
    <div class="solution-info-inner container">
      <div class="solution-heading"><a href="/">${t('app.tagline')}</a></div>
      <div class="additional-info">
        <p><strong class="authority-name">`.value,
    footer: footer(ctx).value,
    signOut: html`<button class="function-link log-off" type="submit">${t('shell.signOut')}</button></form>`.value,
    notSignedIn: html`<p class="user">${t('shell.notSignedIn')}</p>`.value,
    authority: escapeHtml(t('shell.authority')),
    idleWarning: escapeHtml(t('session.idleWarning')),
    stay: escapeHtml(t('session.stay')),
    languageLabel: escapeHtml(t('shell.languageLabel')),
  };
  shells.set(key, made);
  return made;
}

/**
 * The shell around every page: DKFDS header with language switch, main content and footer. Pages are answered often
 * (the marketplace above all), so what is the same on every page in a language is made once (`shellFor`) and only
 * the page's own parts are escaped per request.
 */
export function renderPage(ctx: PageContext, page: PageOptions): SafeHtml {
  const shell = shellFor(ctx);
  // A signed-in citizen's notifications are one link from every page, beside their name (the menu holds the pages).
  const notifications = ctx.navigation === 'citizen' ? ` · <a href="/borger/notifikationer">${escapeHtml(ctx.t('notifications.nav'))}</a>` : '';
  const person = ctx.person
    ? `<p class="user">${escapeHtml(ctx.person.name)}, ${escapeHtml(ctx.person.role)}${notifications}</p>
        <form method="post" action="/log-af" class="d-print-none"><input type="hidden" name="_csrf" value="${escapeHtml(ctx.csrfToken())}">${shell.signOut}`
    : shell.notSignedIn;
  // The municipality's own name ("Fjordby Kommune") is a Danish proper name in either language.
  const authority = ctx.municipality ? danishText(ctx, `${ctx.municipality.name} Kommune`).value : shell.authority;
  const menu = ctx.navigation === 'citizen' ? headerMenu(ctx, citizenMenu, person) : { opener: '', menus: '' };
  const warning =
    ctx.person && ctx.sessionIdleMinutes
      ? `<div id="session-warning" class="alert alert-warning" role="alert" data-idle-minutes="${ctx.sessionIdleMinutes}" hidden><div class="alert-body"><p class="alert-text">${shell.idleWarning} <a href="${escapeHtml(ctx.path)}">${shell.stay}</a></p></div></div>`
      : '';
  return new SafeHtml(
    `${shell.head}${escapeHtml(page.title)}${shell.afterTitle}${languageSwitcher(ctx, shell)}${shell.header}${person}
      </div>${menu.opener}${shell.afterUser}${authority}</strong></p>
      </div>
    </div>
  </div>${menu.menus}
</header>
<main id="main-content" class="container page-container${page.mainClass ? ` ${escapeHtml(page.mainClass)}` : ''}">
${warning}
${nameSummaryEntries(page.body.value)}
</main>
${shell.footer}
</body>
</html>`,
  );
}

/**
 * Text that stays Danish whatever the page's language — a Danish name, what someone typed — marked as Danish
 * (`lang="da"`) where the page is in another language, so screen readers say it right.
 */
export function danishText(ctx: Pick<PageContext, 'locale'>, text: string): SafeHtml {
  return ctx.locale === 'da' ? html`${text}` : html`<span lang="da">${text}</span>`;
}

/** A signed-in citizen's pages, in the header menu of every page they see. */
export const citizenMenu: readonly { href: string; text: MessageKey }[] = [
  { href: '/borger', text: 'nav.citizen.overview' },
  { href: '/borger/jobrejse', text: 'nav.citizen.journey' },
  { href: '/borger/tidslinje', text: 'timeline.nav' },
  { href: '/borger/hvem-hjaelper-mig', text: 'nav.citizen.whoHelps' },
  { href: '/borger/markedsplads', text: 'nav.menu.marketplace' },
  { href: '/borger/job', text: 'jobs.nav' },
  { href: '/borger/beskeder', text: 'messages.nav' },
  { href: '/borger/moeder', text: 'meetings.nav' },
  { href: '/borger/samtykker', text: 'nav.citizen.consents' },
  { href: '/borger/min-log', text: 'nav.citizen.minLog' },
  { href: '/borger/kontakt', text: 'nav.citizen.contact' },
];

/**
 * The DKFDS header menu: a row of links from the lg breakpoint up, and below it a drawer with the same links and the
 * signed-in person (whose place in the header is hidden on small screens). Without JavaScript the Menu link opens the
 * drawer as the page's :target (public/app.css); dkfds.js turns it into the sliding drawer with overlay and focus trap.
 */
function headerMenu(ctx: PageContext, items: readonly { href: string; text: MessageKey }[], person: string): { opener: string; menus: string } {
  const { t } = ctx;
  const path = ctx.path.split(/[?#]/)[0] ?? '';
  // The item whose address is the longest start of the path is where the person is (the overview only on itself).
  const current = items
    .filter((item) => path === item.href || (item.href !== items[0]?.href && path.startsWith(`${item.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
  const list = items.map((item) => {
    const here = item === current;
    return html`<li${here ? html` class="active current"` : ''}><a href="${item.href}" class="nav-link"${here ? html` aria-current="page"` : ''}><span>${t(item.text)}</span></a></li>`;
  });
  // Two landmarks with two names: the row (wide screens) and the drawer (narrow screens) are both in the page.
  return {
    opener: html`
      <a href="#header-menu-drawer" class="button button-secondary button-menu-open js-menu-open ml-auto" aria-controls="header-menu-drawer">${t('shell.menu')}</a>`
      .value,
    menus: html`
  <nav class="navigation-menu" aria-label="${t('shell.mainMenu')}">
    <div class="navigation-menu-inner container">
      <ul class="mainmenu">${list}</ul>
    </div>
  </nav>
  <div class="overlay"></div>
  <div class="mobile-drawer" id="header-menu-drawer">
    <div class="menu-top">
      <span class="menu-heading" aria-hidden="true">${t('shell.menu')}</span>
      <a href="#" class="button button-tertiary button-menu-close js-menu-close">${t('shell.closeMenu')}</a>
    </div>
    <nav class="navigation-menu-mobile" aria-label="${t('shell.mobileMenu')}">
      <ul class="mainmenu">${list}</ul>
    </nav>
    <div class="portal-info-mobile">
      ${new SafeHtml(person)}
    </div>
  </div>`.value,
  };
}

function languageSwitcher(ctx: PageContext, shell: Shell): string {
  // encodeURIComponent leaves nothing HTML-special but the apostrophe, which the attribute's double quotes allow.
  const back = encodeURIComponent(ctx.path);
  // DKFDS sets the first language in bold, as the current one: its own template lists the current language first.
  const option = (locale: Locale, name: string) =>
    `<li><a href="/sprog?til=${locale}&amp;tilbage=${back}" lang="${locale}" hreflang="${locale}"${ctx.locale === locale ? ' aria-current="true"' : ''}>${name}</a></li>`;
  return `<div class="language-switcher">
  <div class="container">
    <nav aria-label="${shell.languageLabel}"><ul>${ctx.locale === 'en' ? option('en', 'English') + option('da', 'Dansk') : option('da', 'Dansk') + option('en', 'English')}</ul></nav>
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
              <li><a href="/job">${t('shell.footer.jobs')}</a></li>
              <li><a href="/katalog">${t('shell.footer.catalogue')}</a></li>
              <li><a href="/kommuner">${t('shell.footer.municipalities')}</a></li>
              <li><a href="/statistik">${t('shell.footer.statistics')}</a></li>
              <li><a href="/api/docs">${t('shell.footer.api')}</a></li>
              ${(ctx.footerLinks ?? []).map((link) => html`<li><a href="${link.href}">${t(link.text)}</a></li>`)}
            </ul>
          </section>
        </div>
      </div>
    </div>
  </div>
</footer>`;
}
