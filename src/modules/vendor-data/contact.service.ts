// "Mine kontaktoplysninger": the citizen's own e-mail, phone and preferred language — what a vendor's service reads as
// the `contact` category (and the preferred language of `profile`) once the citizen has consented to it — and the
// citizen's own job wishes from Jobnet for the platform's own pages.
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { vendorDataPolicy } from './vendor-data.policy.ts';
import type { JobnetAdapter, JobWishes } from './vendor-data.integrations.ts';
import { selectCitizenCpr, selectCitizenMunicipality, selectContact, upsertContact, type ContactRow } from './vendor-data.repository.ts';
import { contactFormSchema } from './vendor-data.schemas.ts';

function citizenIdOf(actor: Principal): string {
  if (!actor.citizenId || !vendorDataPolicy.can(actor, 'contact.keep-own')) throw new AppError('FORBIDDEN', 'Only the citizen keeps their contact details.');
  return actor.citizenId;
}

/** The signed-in citizen's contact details, when given. Throws FORBIDDEN for anyone but a citizen. */
export async function getOwnContact(db: Db, actor: Principal): Promise<ContactRow | undefined> {
  const citizenId = citizenIdOf(actor);
  return withTenant(db, { citizen: citizenId }, (trx) => selectContact(trx, citizenId));
}

/** Saves the citizen's contact details. Throws VALIDATION with a message per field, FORBIDDEN for anyone else. */
export async function saveOwnContact(db: Db, actor: Principal, input: unknown): Promise<void> {
  const citizenId = citizenIdOf(actor);
  const form = parseInput(contactFormSchema, input);
  await withTenant(db, { citizen: citizenId }, async (trx) => {
    const municipalityCode = await selectCitizenMunicipality(trx, citizenId);
    if (!municipalityCode) throw new AppError('NOT_FOUND', 'The citizen is not known.');
    await upsertContact(trx, { citizenId, municipalityCode, email: form.email, phone: form.phone, preferredLanguage: form.preferredLanguage });
  });
}

/**
 * The signed-in citizen's own job wishes from Jobnet, for their own pages (the job search starts from them); undefined
 * when Jobnet holds none. Throws UNAVAILABLE when Jobnet fails, FORBIDDEN for anyone but a citizen.
 */
export async function getOwnJobWishes(db: Db, jobnet: JobnetAdapter, actor: Principal): Promise<JobWishes | undefined> {
  const citizenId = citizenIdOf(actor);
  const cpr = await withTenant(db, { citizen: citizenId }, (trx) => selectCitizenCpr(trx, citizenId));
  return cpr ? jobnet.fetchJobWishes(cpr) : undefined;
}
