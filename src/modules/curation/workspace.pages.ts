// The municipality's workspace (/kommune/…): the catalogue it curates, its local offers, its licences and its
// branding, plus the public address of its logo.
import type { RouteModule } from '../../platform/http/app.ts';
import { brandingPages } from './branding.pages.ts';
import { catalogueCurationPages } from './curation.pages.ts';
import { licencePages } from './licences.pages.ts';
import { localOfferPages } from './local-offers.pages.ts';

/** Every page and action of the workspace. */
export const curationPages: RouteModule = async (app, deps) => {
  for (const pages of [catalogueCurationPages, localOfferPages, licencePages, brandingPages]) await pages(app, deps);
};
