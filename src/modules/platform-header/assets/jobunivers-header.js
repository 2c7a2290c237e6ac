/*
 * <jobunivers-header> — the platform header for vendor services (Det Virtuelle Jobunivers), version 1.
 *
 * Served by the platform at /platform-header/v1/jobunivers-header.js. No dependencies, no cookies, no network
 * requests: everything it shows comes from the attributes the vendor's server sets after reading the Data API's
 * GET /api/vendor/v1/citizen/header:
 *
 *   first-name    the citizen's first name
 *   municipality  the citizen's municipality ("København")
 *   journey-url   "Min jobrejse" on the platform
 *   help-url      help on the platform
 *   signout-url   sign-out on the platform (ends the platform session and, by back-channel logout, the service's)
 *
 * Without an address attribute the link goes to the platform that served the script: /borger/jobrejse, /kommuner
 * (the municipalities and their jobcentres) and /log-af (the platform's sign-out, which ends the vendors' sessions too).
 *   lang          "da" (default) or "en"
 *
 * Without JavaScript the links the vendor put inside the element (its light DOM) are shown as they are; with it,
 * the element draws itself in a shadow root and those children are no longer rendered. The styles are a
 * constructable stylesheet (adoptedStyleSheets), which a Content-Security-Policy's style-src does not govern, so
 * the vendor needs only `script-src <platform origin>`. Links are built with the DOM API, never from markup.
 */
(() => {
  'use strict';

  // Replaced by the platform with the texts of its catalogue (keys platformHeader.component.*).
  const TEXTS = /*TEXTS*/ {
    da: { label: 'Jobunivers', signedInAs: 'Logget ind som', journey: 'Min jobrejse', help: 'Hjælp', signOut: 'Log af', municipalitySuffix: 'Kommune' },
    en: { label: 'Jobunivers', signedInAs: 'Signed in as', journey: 'My job journey', help: 'Help', signOut: 'Sign out', municipalitySuffix: 'Municipality' },
  };

  const script = document.currentScript;
  const platformOrigin = script && script.src ? new URL(script.src).origin : location.origin;

  // Close to DKFDS (borger.dk): IBM Plex Sans, text #1a1a1a, links #0059b3 (6.9:1 on white), DKFDS's focus ring.
  const CSS = `
:host { display: block; font-family: "IBM Plex Sans", system-ui, -apple-system, "Segoe UI", Arial, sans-serif; font-size: 1rem; line-height: 1.5; color: #1a1a1a; background: #ffffff; border-bottom: 1px solid #bfbfbf; }
:host([hidden]) { display: none; }
nav { box-sizing: border-box; max-width: 73.5rem; margin: 0 auto; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.25rem 1.5rem; }
.brand { font-weight: 600; display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.75rem; }
.name { margin: 0; font-size: 1.125rem; font-weight: 600; }
.who { margin: 0; font-weight: 400; color: #1a1a1a; }
ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
a { color: #0059b3; text-decoration: underline; text-underline-offset: 0.15em; display: inline-block; padding: 0.25rem 0; min-height: 1.5rem; }
a:hover { color: #003f80; text-decoration-thickness: 2px; }
a:visited { color: #0059b3; }
a:focus { outline: 4px solid #747474; outline-offset: 1px; }
a:focus:not(:focus-visible) { outline: none; }
a:focus-visible { outline: 4px solid #747474; outline-offset: 1px; }
@media (max-width: 30em) { nav { padding: 0.5rem 0.75rem; } ul { gap: 0.25rem 1rem; } }
@media (forced-colors: active) { a:focus-visible { outline-color: Highlight; } }
@media print { :host { display: none; } }
`;

  let sheet;
  function styleSheet() {
    if (!sheet && 'adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    return sheet;
  }

  /** Only absolute http(s) addresses become links (an attribute is no place for javascript: URLs). */
  function safeUrl(value, fallbackPath) {
    const raw = value || (fallbackPath ? platformOrigin + fallbackPath : '');
    if (!raw) return undefined;
    try {
      const url = new URL(raw, platformOrigin);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
    } catch {
      return undefined;
    }
  }

  function element(tag, properties, children) {
    const node = document.createElement(tag);
    Object.assign(node, properties || {});
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  class JobuniversHeader extends HTMLElement {
    static get observedAttributes() {
      return ['first-name', 'municipality', 'journey-url', 'help-url', 'signout-url', 'lang'];
    }

    connectedCallback() {
      this.render();
    }

    attributeChangedCallback() {
      if (this.shadowRoot) this.render();
    }

    locale() {
      const lang = (this.getAttribute('lang') || document.documentElement.lang || 'da').toLowerCase();
      return lang.startsWith('en') ? 'en' : 'da';
    }

    render() {
      const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
      const text = TEXTS[this.locale()];
      const adopted = styleSheet();
      if (adopted) root.adoptedStyleSheets = [adopted];
      // Browsers without constructable stylesheets get a <style> element: then the page's CSP needs style-src
      // 'unsafe-inline' for the look; without it the header is unstyled but works.
      const fallbackStyle = adopted ? undefined : element('style', { textContent: CSS });

      const firstName = (this.getAttribute('first-name') || '').trim();
      let municipality = (this.getAttribute('municipality') || '').trim();
      if (municipality && !/kommune|municipality/i.test(municipality)) municipality = `${municipality} ${text.municipalitySuffix}`;
      const who = [firstName, municipality].filter(Boolean).join(', ');

      const links = [
        [text.journey, safeUrl(this.getAttribute('journey-url'), '/borger/jobrejse')],
        [text.help, safeUrl(this.getAttribute('help-url'), '/kommuner')],
        [text.signOut, safeUrl(this.getAttribute('signout-url'), '/log-af')],
      ].filter(([, href]) => href);

      const nav = element('nav', {}, [
        element('div', { className: 'brand' }, [
          element('p', { className: 'name', textContent: text.label }),
          who ? element('p', { className: 'who', textContent: `${text.signedInAs} ${who}` }) : undefined,
        ]),
        element(
          'ul',
          {},
          links.map(([label, href]) => element('li', {}, [element('a', { href, textContent: label })])),
        ),
      ]);
      nav.setAttribute('aria-label', text.label);
      nav.setAttribute('lang', this.locale());
      root.replaceChildren(...[fallbackStyle, nav].filter(Boolean));
    }
  }

  if (!customElements.get('jobunivers-header')) customElements.define('jobunivers-header', JobuniversHeader);
})();
