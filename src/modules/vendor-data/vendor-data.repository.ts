// SQL of the Data API and the citizen's contact details. Every query runs inside the caller's tenant transaction
// (row-level security on citizen, citizen_contact, plan_activity, which the views of identity and journey read under the
// caller's rights) and names the citizen explicitly.
import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.ts';

/**
 * What a Data API call needs beside the data itself, in one round-trip: the citizen (name, CPR number for the state's
 * systems, current municipality), their contact details, the vendor behind the listing (for the pairwise `sub`) and
 * the purpose the listing's live version gives for the data category (the purpose the access log records).
 */
export type ReadContextRow = {
  citizen_id: string;
  full_name: string;
  cpr_number: string;
  municipality_code: string;
  municipality_name: string;
  email: string | null;
  phone: string | null;
  preferred_language: 'da' | 'en' | null;
  vendor_id: string | null;
  service_name: string | null;
  service_name_en: string | null;
  purpose_da: string | null;
  purpose_en: string | null;
};

export async function selectReadContext(trx: Trx, input: { citizenId: string; listingId: string; category: string }): Promise<ReadContextRow | undefined> {
  return trx
    .selectFrom('citizen_identity as c')
    .innerJoin('municipality_name as m', 'm.code', 'c.municipality_code')
    .leftJoin('citizen_contact as cc', 'cc.citizen_id', 'c.id')
    .leftJoin('listing_owner as l', (join) => join.on('l.listing_id', '=', input.listingId))
    .leftJoin('listing_live as v', 'v.listing_id', 'l.listing_id')
    .leftJoin('listing_data_use as d', (join) => join.onRef('d.version_id', '=', 'v.version_id').on('d.category', '=', input.category))
    .select([
      'c.id as citizen_id',
      'c.full_name',
      'c.cpr_number',
      'c.municipality_code',
      'm.name as municipality_name',
      'cc.email',
      'cc.phone',
      'cc.preferred_language',
      'l.vendor_id',
      'v.name_da as service_name',
      'v.name_en as service_name_en',
      'd.purpose_da',
      'd.purpose_en',
    ])
    .where('c.id', '=', input.citizenId)
    .executeTakeFirst();
}

export type PlanActivityRow = {
  id: string;
  title: string;
  status: 'planned' | 'in_progress' | 'done' | 'dropped';
  source: 'chosen' | 'recommended' | 'assigned';
  listing_id: string | null;
  local_offer_id: string | null;
  due_on: string | null;
  created_at: Date;
  updated_at: Date;
};

/** The citizen's plan (journey's citizen_plan, which leaves caseworkers' notes and names out), oldest first. */
export async function selectPlanActivities(trx: Trx, citizenId: string): Promise<PlanActivityRow[]> {
  return trx
    .selectFrom('citizen_plan')
    .select([
      'id',
      'title',
      'status',
      'source',
      'listing_id',
      'local_offer_id',
      sql<string | null>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on'),
      'created_at',
      'updated_at',
    ])
    .where('citizen_id', '=', citizenId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export type ContactRow = { email: string | null; phone: string | null; preferred_language: 'da' | 'en'; updated_at: Date };

/** The citizen's own contact details, when they have given any. */
export async function selectContact(trx: Trx, citizenId: string): Promise<ContactRow | undefined> {
  return trx
    .selectFrom('citizen_contact')
    .select(['email', 'phone', 'preferred_language', 'updated_at'])
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst();
}

/** Writes the citizen's contact details (the municipality is the citizen's current one, for row-level security). */
export async function upsertContact(
  trx: Trx,
  input: { citizenId: string; municipalityCode: string; email: string | null; phone: string | null; preferredLanguage: 'da' | 'en' },
): Promise<void> {
  await trx
    .insertInto('citizen_contact')
    .values({
      citizen_id: input.citizenId,
      municipality_code: input.municipalityCode,
      email: input.email,
      phone: input.phone,
      preferred_language: input.preferredLanguage,
    })
    .onConflict((oc) =>
      oc.column('citizen_id').doUpdateSet({
        municipality_code: input.municipalityCode,
        email: input.email,
        phone: input.phone,
        preferred_language: input.preferredLanguage,
        updated_at: new Date(),
      }),
    )
    .execute();
}

/** The citizen's CPR number (their own row, visible under `app.citizen`), for asking the state's systems about them. */
export async function selectCitizenCpr(trx: Trx, citizenId: string): Promise<string | undefined> {
  const row = await trx.selectFrom('citizen_identity').select('cpr_number').where('id', '=', citizenId).executeTakeFirst();
  return row?.cpr_number;
}

/** The citizen's current municipality (their own row, visible under `app.citizen`). */
export async function selectCitizenMunicipality(trx: Trx, citizenId: string): Promise<string | undefined> {
  const row = await trx.selectFrom('citizen_identity').select('municipality_code').where('id', '=', citizenId).executeTakeFirst();
  return row?.municipality_code;
}
