// Consent: what a citizen is asked before entering a vendor's service, their decision with a signed receipt, the
// categories a Data API call may read, and "Mine samtykker" (see, withdraw, ask the vendor to delete).
import { decodeJwt } from 'jose';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { isLocale, type Locale } from '../../platform/i18n/index.ts';
import type { JobSender } from '../../platform/jobs/runner.ts';
import type { Logger } from 'pino';
import { parseInput } from '../../platform/validation.ts';
import { announceChange, type ChangeBus } from '../../platform/changes.ts';
import type { ConsentAnswer, ConsentRequest, ConsentStanding, RequestedCategory } from './consent.contract.ts';
import { sendDeletionRequestJob } from './consent.jobs.ts';
import { pairwiseSubjectFor, policyHash, receiptKeys, signReceipt } from './consent.receipt.ts';
import {
  confirmDeletion,
  insertConsent,
  insertConsentCategories,
  insertDeletionRequest,
  markWithdrawn,
  selectConsentCategories,
  selectConsentedCategories,
  selectCurrentConsent,
  selectDeletionUri,
  selectLiveVersion,
  selectOwnConsent,
  selectOwnConsents,
  selectOwnDeletionRequests,
  selectOwnReceipt,
  selectVendor,
  selectVendorIdByCvr,
  selectVersionCategories,
  supersedeCurrent,
  updateReceipt,
  type ConsentCategoryRow,
  type DeletionRequestRow,
  type OwnConsentRow,
} from './consent.repository.ts';
import { consentPolicy, type ConsentAction } from './consent.policy.ts';
import { recordOutboundEvent } from '../webhooks/index.ts';
import { consentAnswerFormSchema } from './consent.schemas.ts';

/** What the consent module needs to record and withdraw: the database, the configuration, and (when running) the job runner. */
export type ConsentDeps = { db: Db; config: Config; jobs?: JobSender | undefined; logger?: Logger | undefined };
/** Withdrawing also tells the app's change bus, whose subscribers end what the vendor holds (sso). */
export type WithdrawDeps = ConsentDeps & { changes: ChangeBus };

/**
 * What a citizen is asked about a listing's live version: its vendor, the data categories with purposes and legal
 * bases, whether the service works without the data, and the hash of that policy. Throws NOT_FOUND when the listing
 * has no live version (never approved, suspended, delisted).
 */
export async function loadConsentRequest(db: Db, input: { citizenId: string; municipalityCode: string; listingId: string }): Promise<ConsentRequest> {
  const live = await selectLiveVersion(db, input.listingId);
  if (!live) throw new AppError('NOT_FOUND', 'No such service.');
  const rows = await selectVersionCategories(db, live.version_id);
  const categories: RequestedCategory[] = rows.map((row) => ({
    code: row.code,
    nameDa: row.name_da,
    nameEn: row.name_en,
    // An approved version has both (the automated checks ask for them); an empty text never widens what is shown.
    purposeDa: row.purpose_da ?? '',
    purposeEn: row.purpose_en ?? row.purpose_da ?? '',
    legalBasis: row.legal_basis ?? 'consent',
  }));
  return {
    citizenId: input.citizenId,
    municipalityCode: input.municipalityCode,
    vendorId: live.vendor_id,
    vendorName: live.vendor_name,
    listingId: live.listing_id,
    listingVersionId: live.version_id,
    listingNameDa: live.name_da ?? live.name_en ?? '',
    listingNameEn: live.name_en ?? live.name_da ?? '',
    categories,
    worksWithoutData: live.works_without_data,
    policyHash: policyHash(live.listing_id, categories),
  };
}

/**
 * Whether the citizen has decided about exactly this policy (no screen then) or must be asked: no current decision,
 * the categories, purposes or legal bases changed since, the decision's validity ran out, or the citizen said no to
 * a service that cannot work without the data.
 */
export async function consentStanding(db: Db, request: ConsentRequest): Promise<ConsentStanding> {
  const read = (trx: Trx) => selectCurrentConsent(trx, request.citizenId, request.listingId);
  // In the caller's transaction when given one (it acts as this citizen), else in one of its own as the citizen.
  const current = db.isTransaction ? await read(db as Trx) : await withTenant(db, { citizen: request.citizenId }, read);
  if (!current) return { kind: 'ask' };
  const accepted = current.decision === 'accepted' ? current.categories : [];
  if (current.policy_hash !== request.policyHash || current.valid_until.getTime() <= Date.now())
    return { kind: 'ask', previous: { acceptedCategories: accepted } };
  // A remembered "no" lets the citizen in without data; where the service cannot work without it, pressing Start
  // again means they may have changed their mind, so they are asked rather than turned away.
  if (current.decision === 'declined' && !request.worksWithoutData) return { kind: 'ask', previous: { acceptedCategories: [] } };
  return { kind: 'decided', acceptedCategories: accepted, consentId: current.id };
}

/**
 * Reads the citizen's answer from the consent screen's form (the button pressed). Throws VALIDATION with a field
 * message for `decision` when it is neither accepted nor declined.
 */
export function parseConsentAnswer(body: unknown, locale: Locale): ConsentAnswer {
  const { decision } = parseInput(consentAnswerFormSchema, body);
  return { decision, locale };
}

/**
 * Records the citizen's decision about the request's policy, in one transaction as the citizen: the current decision
 * about the listing (if any) is superseded, the new one is stored with the categories shown (valid for the configured
 * months), and its signed receipt attached. A declined decision is recorded too, so the citizen is not asked again at
 * every launch. Returns the categories accepted (all asked for, or none). Throws VALIDATION for an unknown decision.
 */
export async function recordConsent(
  deps: { db: Db; config: Config },
  request: ConsentRequest,
  answer: ConsentAnswer,
): Promise<{ consentId: string; acceptedCategories: string[] }> {
  const { db, config } = deps;
  const { decision } = parseInput(consentAnswerFormSchema, answer);
  const locale: Locale = isLocale(answer.locale) ? answer.locale : 'da';
  const [keys, vendor] = await Promise.all([receiptKeys(db, config), selectVendor(db, request.vendorId)]);
  if (!vendor) throw new AppError('NOT_FOUND', 'No such vendor.');
  const en = locale === 'en';
  return withTenant(db, { citizen: request.citizenId }, async (trx) => {
    await supersedeCurrent(trx, request.citizenId, request.listingId);
    const record = await insertConsent(
      trx,
      {
        citizen_id: request.citizenId,
        municipality_code: request.municipalityCode,
        vendor_id: request.vendorId,
        listing_id: request.listingId,
        listing_version_id: request.listingVersionId,
        decision,
        policy_hash: request.policyHash,
        language: locale,
      },
      config.consent.validityMonths,
    );
    await insertConsentCategories(
      trx,
      request.categories.map((category) => ({
        consent_id: record.id,
        category: category.code,
        citizen_id: request.citizenId,
        municipality_code: request.municipalityCode,
        purpose_da: category.purposeDa,
        purpose_en: category.purposeEn,
        legal_basis: category.legalBasis,
      })),
    );
    const receipt = await signReceipt(config, keys, {
      consentId: record.id,
      decision,
      givenAt: record.given_at,
      validUntil: record.valid_until,
      locale,
      policyHash: request.policyHash,
      piiPrincipalId: pairwiseSubjectFor(config, request.vendorId, request.citizenId),
      vendor: { name: vendor.name, cvr: vendor.cvr, email: vendor.contact_email, phone: vendor.contact_phone, supportUrl: vendor.support_url },
      listing: { id: request.listingId, name: en ? request.listingNameEn : request.listingNameDa },
      categories: request.categories.map((category) => ({
        ...category,
        name: en ? category.nameEn : category.nameDa,
        purpose: en ? category.purposeEn : category.purposeDa,
      })),
    });
    await updateReceipt(trx, record.id, receipt);
    return { consentId: record.id, acceptedCategories: decision === 'accepted' ? request.categories.map((category) => category.code).sort() : [] };
  });
}

/**
 * The data categories the citizen's current decision lets the listing's vendor read: an active, accepted decision
 * that has not run out. Empty otherwise. Runs in the caller's transaction (which must see the citizen's rows).
 */
export function consentedCategories(trx: Trx, input: { citizenId: string; listingId: string }): Promise<string[]> {
  return selectConsentedCategories(trx, input.citizenId, input.listingId);
}

// ---- Mine samtykker ----

/** The signed-in citizen, after the policy said they may do this with their own consents. Throws FORBIDDEN. */
function citizenScope(actor: Principal, action: ConsentAction = 'consent.read-own'): { citizenId: string; municipalityCode: string } {
  const citizenId = actor.citizenId;
  const municipalityCode = actor.municipality?.code;
  if (!citizenId || !municipalityCode || !consentPolicy.can(actor, action, { citizenId, municipalityCode })) {
    throw new AppError('FORBIDDEN', 'Only a signed-in citizen manages their consents.');
  }
  return { citizenId, municipalityCode };
}

export type ConsentView = OwnConsentRow & { categories: ConsentCategoryRow[]; expired: boolean };
export type ServiceConsents = {
  listingId: string;
  vendorName: string;
  vendorEmail: string;
  vendorPhone: string;
  nameDa: string | null;
  nameEn: string | null;
  current: ConsentView | undefined;
  past: ConsentView[];
  deletionRequests: DeletionRequestRow[];
  /** The decision a deletion request would refer to (the latest accepted one), when none is under way. */
  deletable: string | undefined;
};

/** The citizen's decisions grouped per service (the one most recently decided first), with their deletion requests. */
export async function listOwnConsents(db: Db, actor: Principal): Promise<ServiceConsents[]> {
  const { citizenId } = citizenScope(actor);
  return withTenant(db, { citizen: citizenId }, async (trx) => {
    const records = await selectOwnConsents(trx, citizenId, 500);
    const [categories, requests] = await Promise.all([
      selectConsentCategories(
        trx,
        records.map((record) => record.id),
      ),
      selectOwnDeletionRequests(trx, citizenId),
    ]);
    const now = Date.now();
    const services = new Map<string, ServiceConsents>();
    for (const record of records) {
      let service = services.get(record.listing_id);
      if (!service) {
        service = {
          listingId: record.listing_id,
          vendorName: record.vendor_name,
          vendorEmail: record.vendor_email,
          vendorPhone: record.vendor_phone,
          nameDa: record.name_da,
          nameEn: record.name_en,
          current: undefined,
          past: [],
          deletionRequests: requests.filter((request) => request.listing_id === record.listing_id),
          deletable: undefined,
        };
        services.set(record.listing_id, service);
      }
      const view: ConsentView = { ...record, categories: categories.filter((c) => c.consent_id === record.id), expired: record.valid_until.getTime() <= now };
      if (record.status === 'active') service.current = view;
      else service.past.push(view);
      if (record.decision === 'accepted' && !service.deletable) service.deletable = record.id;
    }
    for (const service of services.values()) {
      if (service.deletionRequests.some((request) => request.status === 'pending' || request.status === 'accepted')) service.deletable = undefined;
    }
    return [...services.values()];
  });
}

/** One of the citizen's decisions (for the confirmation pages). Throws NOT_FOUND for anyone else's. */
export async function getOwnConsent(db: Db, actor: Principal, consentId: string | undefined): Promise<ConsentView> {
  const { citizenId } = citizenScope(actor);
  if (!consentId) throw new AppError('NOT_FOUND', 'No such consent.');
  return withTenant(db, { citizen: citizenId }, async (trx) => {
    const record = await selectOwnConsent(trx, citizenId, consentId);
    if (!record) throw new AppError('NOT_FOUND', 'No such consent.');
    const categories = await selectConsentCategories(trx, [record.id]);
    return { ...record, categories, expired: record.valid_until.getTime() <= Date.now() };
  });
}

/** The signed receipt of one of the citizen's decisions, and its claims. Throws NOT_FOUND for anyone else's. */
export async function getOwnReceipt(db: Db, actor: Principal, consentId: string | undefined): Promise<{ jws: string; receipt: Record<string, unknown> }> {
  const { citizenId } = citizenScope(actor);
  if (!consentId) throw new AppError('NOT_FOUND', 'No such consent.');
  const row = await withTenant(db, { citizen: citizenId }, (trx) => selectOwnReceipt(trx, citizenId, consentId));
  if (!row?.receipt) throw new AppError('NOT_FOUND', 'No such receipt.');
  return { jws: row.receipt, receipt: decodeJwt(row.receipt) };
}

/** Queues the sending of a deletion request; when that fails the sweep sends it later (the row is the outbox). */
async function queueDeletionRequest(deps: ConsentDeps, request: { id: string; citizenId: string }): Promise<void> {
  if (!deps.jobs) return;
  try {
    await deps.jobs.send(sendDeletionRequestJob, { deletionRequestId: request.id, citizenId: request.citizenId });
  } catch (error) {
    deps.logger?.warn({ err: error, deletionRequestId: request.id }, 'could not queue a deletion request; the sweep will send it');
  }
}

/**
 * Withdraws one of the citizen's current decisions, in one transaction as the citizen: the decision is marked
 * withdrawn, the withdrawal announced to the other processes (at commit), and — when data was shared (accepted) — a
 * deletion request to the vendor is written, sent by a job after the commit. Announcing `consentWithdrawn` in the
 * transaction lets sso revoke every grant and token of that vendor for the citizen in it; after the commit the change is
 * published and awaited, so token caches are forgotten and the vendor's next Data API call is refused by the time the
 * citizen is answered (and the Data API reads only under a current consent in any case). Withdrawing a declined decision only forgets it, so the citizen is asked again. Throws
 * NOT_FOUND for anyone else's decision, CONFLICT for one that is no longer current.
 */
export async function withdrawConsent(
  deps: WithdrawDeps,
  actor: Principal,
  consentId: string | undefined,
): Promise<{ outcome: 'withdrawn' | 'forgotten'; deletionRequestId?: string | undefined }> {
  const { citizenId, municipalityCode } = citizenScope(actor, 'consent.withdraw-own');
  if (!consentId) throw new AppError('NOT_FOUND', 'No such consent.');
  const result = await withTenant(deps.db, { citizen: citizenId }, async (trx) => {
    const record = await selectOwnConsent(trx, citizenId, consentId, { lock: true });
    if (!record) throw new AppError('NOT_FOUND', 'No such consent.');
    if (record.status !== 'active') throw new AppError('CONFLICT', 'The consent is no longer current.');
    await markWithdrawn(trx, record.id);
    const withdrawn = { citizenId, vendorId: record.vendor_id, listingId: record.listing_id, consentId: record.id };
    await announceChange(trx, deps.changes, 'consentWithdrawn', withdrawn);
    await recordOutboundEvent(trx, {
      audience: { vendorId: record.vendor_id },
      type: 'consent.withdrawn',
      citizenId,
      data: { listingId: record.listing_id, consentId: record.id },
    });
    if (record.decision === 'declined') return { outcome: 'forgotten' as const, deletion: undefined, withdrawn };
    const deletion = await writeDeletionRequest(trx, record, citizenId, municipalityCode, 'consent_withdrawn');
    return { outcome: 'withdrawn' as const, deletion, withdrawn };
  });
  await deps.changes.publish('consentWithdrawn', result.withdrawn);
  if (result.deletion?.status === 'pending') await queueDeletionRequest(deps, { id: result.deletion.id, citizenId });
  return { outcome: result.outcome, deletionRequestId: result.deletion?.id };
}

async function writeDeletionRequest(
  trx: Trx,
  record: OwnConsentRow,
  citizenId: string,
  municipalityCode: string,
  reason: 'consent_withdrawn' | 'deletion_requested',
): Promise<{ id: string; status: 'pending' | 'not_supported' }> {
  const uri = await selectDeletionUri(trx, record.listing_id, record.listing_version_id);
  // Without an address the request cannot be sent; it is kept as not supported, and the citizen is told so.
  const status = uri ? ('pending' as const) : ('not_supported' as const);
  const { id } = await insertDeletionRequest(trx, {
    citizen_id: citizenId,
    // The citizen's municipality of today (the decision may be from before a move).
    municipality_code: municipalityCode,
    vendor_id: record.vendor_id,
    listing_id: record.listing_id,
    consent_id: record.id,
    reason,
    status,
  });
  await recordOutboundEvent(trx, {
    audience: { vendorId: record.vendor_id },
    type: 'deletion.requested',
    citizenId,
    data: { listingId: record.listing_id, deletionRequestId: id, reason },
  });
  return { id, status };
}

/**
 * Asks the vendor behind one of the citizen's accepted decisions to delete what it holds about them (without
 * withdrawing the decision). The request is written and sent by a job after the commit; a vendor without a deletion
 * address gets one marked not supported, which the citizen is shown. Throws NOT_FOUND for anyone else's decision,
 * CONFLICT when nothing was shared or a request is already under way.
 */
export async function requestDeletion(deps: ConsentDeps, actor: Principal, consentId: string | undefined): Promise<{ deletionRequestId: string }> {
  const { citizenId, municipalityCode } = citizenScope(actor, 'consent.withdraw-own');
  if (!consentId) throw new AppError('NOT_FOUND', 'No such consent.');
  const deletion = await withTenant(deps.db, { citizen: citizenId }, async (trx) => {
    const record = await selectOwnConsent(trx, citizenId, consentId, { lock: true });
    if (!record) throw new AppError('NOT_FOUND', 'No such consent.');
    if (record.decision !== 'accepted') throw new AppError('CONFLICT', 'Nothing was shared with the vendor under this decision.');
    const open = (await selectOwnDeletionRequests(trx, citizenId)).some(
      (r) => r.listing_id === record.listing_id && (r.status === 'pending' || r.status === 'accepted'),
    );
    if (open) throw new AppError('CONFLICT', 'A deletion request is already under way.');
    return writeDeletionRequest(trx, record, citizenId, municipalityCode, 'deletion_requested');
  });
  if (deletion.status === 'pending') await queueDeletionRequest(deps, { id: deletion.id, citizenId });
  return { deletionRequestId: deletion.id };
}

/**
 * A vendor's API client confirms that it deleted what a deletion request named: the request moves to completed.
 * Only the company's own requests; confirming again changes nothing. Throws FORBIDDEN for anyone but a vendor API
 * client, NOT_FOUND for a request that is not the company's.
 */
export async function confirmVendorDeletion(db: Db, actor: Principal, requestId: string, reference: string | undefined): Promise<'completed'> {
  consentPolicy.authorize(actor, 'deletion.confirm');
  const vendorId = actor.vendor && (await selectVendorIdByCvr(db, actor.vendor.cvr));
  if (!vendorId) throw new AppError('NOT_FOUND', 'No such deletion request.');
  const status = await confirmDeletion(db, requestId, vendorId, reference ?? null);
  if (status !== 'completed') throw new AppError('NOT_FOUND', 'No such deletion request.');
  return 'completed';
}
