// platform-header: the platform header web component for vendor services (<jobunivers-header>), served at a versioned
// URL, and its documentation page.
export { platformHeaderRoutes } from './platform-header.routes.ts';
export { platformHeaderPages } from './platform-header.pages.ts';
export { headerSnippet } from './platform-header.views.ts';
export { HEADER_SCRIPT_PATH } from './platform-header.asset.ts';
