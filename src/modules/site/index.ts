// site: the public face — landing page, entry points per audience, accessibility statement, language switch.
export { sitePages } from './site.pages.ts';
