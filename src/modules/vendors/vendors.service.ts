import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { isValidCvr } from './cvr.ts';
import { vendorPolicy } from './vendors.policy.ts';
import { selectVendorByCvr, selectVendorName, upsertVendor, type VendorRow } from './vendors.repository.ts';
import { vendorProfileSchema } from './vendors.schemas.ts';

function ownCvr(actor: Principal): string {
  const cvr = actor.vendor?.cvr;
  if (!cvr || !isValidCvr(cvr)) throw new AppError('FORBIDDEN', 'Sign in with MitID Erhverv for a company with a valid CVR number.');
  return cvr;
}

/** The signed-in vendor user's own company, or undefined while it is not registered yet. Throws FORBIDDEN for non-vendors. */
export async function getOwnVendor(db: Db, actor: Principal): Promise<VendorRow | undefined> {
  return selectVendorByCvr(db, ownCvr(actor));
}

/** What the signed-in vendor user may do on the company's pages (the pages show the forms from this). */
export function vendorPermissions(actor: Principal): { editProfile: boolean; manageClients: boolean } {
  return { editProfile: vendorPolicy.can(actor, 'vendor.edit-profile'), manageClients: vendorPolicy.can(actor, 'credential.create') };
}

/** A company's name, for pages that show whose a listing is. Throws NOT_FOUND for an unknown company. */
export async function getVendorName(db: Db, vendorId: string): Promise<string> {
  const name = await selectVendorName(db, vendorId);
  if (name === undefined) throw new AppError('NOT_FOUND');
  return name;
}

/**
 * Registers the signed-in administrator's company (CVR from the identity) or updates its profile.
 * Throws VALIDATION with field messages (nothing is stored), FORBIDDEN for anyone but a vendor administrator.
 */
export async function saveOwnVendorProfile(db: Db, actor: Principal, input: unknown): Promise<VendorRow> {
  const cvr = ownCvr(actor);
  vendorPolicy.authorize(actor, 'vendor.edit-profile');
  const profile = parseInput(vendorProfileSchema, input);
  return upsertVendor(db, {
    cvr,
    name: profile.name,
    contact_email: profile.contactEmail,
    contact_phone: profile.contactPhone,
    support_url: profile.supportUrl,
    dpa_status: profile.dpaStatus,
    registered_by: actor.subject,
  });
}
