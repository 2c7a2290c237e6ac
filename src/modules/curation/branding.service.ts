// Use cases of a municipality's branding within the design system: a display name, contact texts and a logo
// the platform serves itself (so no page ever loads an image from elsewhere).
import type { Principal } from '../../platform/auth/principal.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { deleteLogo, selectBranding, selectLogo, upsertBranding, type BrandingRow } from './curation.repository.ts';
import { announceOfferChange, publishOfferChange } from './curation.changes.ts';
import { brandingSchema, imageTypeOf } from './curation.schemas.ts';
import { workspaceMunicipality } from './curation.service.ts';

/** A municipality's branding (public: it is what the municipality shows); undefined when it has none yet. */
export function getBranding(db: Db, municipalityCode: string): Promise<BrandingRow | undefined> {
  return selectBranding(db, municipalityCode);
}

/** The signed-in content owner's municipality's branding. */
export function getOwnBranding(db: Db, actor: Principal): Promise<BrandingRow | undefined> {
  return selectBranding(db, workspaceMunicipality(actor));
}

/**
 * Saves the branding: texts, and a new logo when a file is given (PNG or JPEG by its bytes, at most 200 kB),
 * which needs an alternative text. Throws VALIDATION with field messages; nothing is stored then.
 */
export async function saveBranding(db: Db, actor: Principal, input: unknown, changes: ChangeBus): Promise<void> {
  const code = workspaceMunicipality(actor);
  await withTenant(db, { municipality: code }, async (trx) => {
    const current = await selectBranding(trx, code);
    const branding = parseInput(brandingSchema({ hasLogo: current?.has_logo ?? false }), input);
    const type = branding.logo ? imageTypeOf(branding.logo) : undefined;
    await upsertBranding(
      trx,
      code,
      {
        display_name: branding.displayName,
        contact_text_da: branding.contactTextDa,
        contact_text_en: branding.contactTextEn,
        logo_alt: branding.logoAlt,
        logo: branding.logo && type ? { bytes: branding.logo, type } : undefined,
      },
      actor.subject,
    );
    await announceOfferChange(trx, changes, code);
  });
  await publishOfferChange(changes, code);
}

/** Removes the municipality's logo (and its text). Throws NOT_FOUND when there is none. */
export async function removeLogo(db: Db, actor: Principal, changes: ChangeBus): Promise<void> {
  const code = workspaceMunicipality(actor);
  await withTenant(db, { municipality: code }, async (trx) => {
    if (!(await deleteLogo(trx, code, actor.subject))) throw new AppError('NOT_FOUND', 'There is no logo.');
    await announceOfferChange(trx, changes, code);
  });
  await publishOfferChange(changes, code);
}

/** A municipality's logo for anyone to fetch. Throws NOT_FOUND when it has none. */
export async function getLogo(db: Db, municipalityCode: string): Promise<{ bytes: Buffer; type: 'image/png' | 'image/jpeg'; updatedAt: Date }> {
  const logo = await selectLogo(db, municipalityCode);
  if (!logo) throw new AppError('NOT_FOUND', 'This municipality has no logo.');
  return { bytes: logo.logo, type: logo.logo_type, updatedAt: logo.updated_at };
}
