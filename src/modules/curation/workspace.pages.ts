// The municipality's workspace (/kommune/…): the catalogue it curates, its local offers, its licences and its
// branding, plus the public address of its logo.
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import type { SafeHtml } from '../../platform/views/html.ts';
import type { PageContext } from '../../platform/views/layout.ts';
import { getBranding } from './branding.service.ts';
import { brandingPages } from './branding.pages.ts';
import { catalogueCurationPages } from './curation.pages.ts';
import { licencePages } from './licences.pages.ts';
import { localOfferPages } from './local-offers.pages.ts';
import { workspaceHeader, type WorkspaceSection } from './curation.views.ts';
import { workspaceMunicipality } from './curation.service.ts';

/** Every page and action of the workspace. */
export const curationPages: RouteModule = async (app, deps) => {
  for (const pages of [catalogueCurationPages, localOfferPages, licencePages, brandingPages]) await pages(app, deps);
};

/**
 * The workspace's band and tab bar for a workspace page another module serves (notices, ratings), with `current`
 * marked. Throws FORBIDDEN for anyone who does not work in a municipality's workspace.
 */
export async function workspaceHeaderFor(db: Db, ctx: PageContext, actor: Principal, current: WorkspaceSection): Promise<SafeHtml> {
  return workspaceHeader(ctx, await getBranding(db, workspaceMunicipality(actor)), current);
}
