// Authorisation lives in one policy per module (`src/modules/<m>/<m>.policy.ts`, after Outline's server/policies):
// services ask it with `authorize`/`can`, and pages render what the service says the user may do. These tests ask
// a few modules' policies directly, with principals like the ones sign-in makes, and check that no other file under
// src/modules decides from a role literal.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { definePolicy, hasRole } from '../src/platform/auth/policy.ts';
import { isAppError } from '../src/platform/errors.ts';
import { consentPolicy } from '../src/modules/consent/consent.policy.ts';
import { curationPolicy } from '../src/modules/curation/curation.policy.ts';
import { frameworksPolicy } from '../src/modules/frameworks/frameworks.policy.ts';
import { identityPolicy } from '../src/modules/identity/identity.policy.ts';
import { journeyPolicy } from '../src/modules/journey/journey.policy.ts';
import { listingsPolicy } from '../src/modules/listings/listings.policy.ts';
import { marketplacePolicy } from '../src/modules/marketplace/marketplace.policy.ts';
import { vendorPolicy } from '../src/modules/vendors/vendors.policy.ts';
import { principalFor } from './support/factories.ts';

const modulesDir = path.resolve(import.meta.dirname, '../src/modules');

/** Runs `refuse` and returns the FORBIDDEN AppError it threw; fails if it threw nothing or anything else. */
function refusal(refuse: () => void): { status: number; detail: string | undefined } {
  try {
    refuse();
  } catch (error) {
    assert.ok(isAppError(error) && error.code === 'FORBIDDEN', `expected FORBIDDEN, got ${String(error)}`);
    return { status: error.status, detail: error.detail };
  }
  assert.fail('the policy allowed what it should refuse');
}

test('authorize refuses with the one FORBIDDEN AppError (403), naming who may when the rule says', () => {
  const policy = definePolicy<'thing.open' | 'thing.close'>({
    'thing.open': (actor) => hasRole(actor, 'caseworker'),
    'thing.close': { allow: (actor) => hasRole(actor, 'municipal_admin'), refusal: 'Only the administrator closes things.' },
  });
  const caseworker = principalFor('caseworker');
  assert.equal(policy.can(caseworker, 'thing.open'), true);
  assert.doesNotThrow(() => policy.authorize(caseworker, 'thing.open'));
  assert.equal(policy.can(caseworker, 'thing.close'), false);
  assert.deepEqual(
    refusal(() => policy.authorize(caseworker, 'thing.close')),
    { status: 403, detail: 'Only the administrator closes things.' },
  );
  assert.deepEqual(
    refusal(() => policy.authorize(principalFor('citizen'), 'thing.open')),
    { status: 403, detail: undefined },
  );
});

test("curation: the municipality's own content owners and administrators, never another municipality's", () => {
  const workspace = { municipalityCode: '101' };
  assert.equal(curationPolicy.can(principalFor('content_owner', { municipalityCode: '101' }), 'curation.manage', workspace), true);
  assert.equal(curationPolicy.can(principalFor('municipal_admin', { municipalityCode: '101' }), 'curation.manage', workspace), true);
  assert.equal(curationPolicy.can(principalFor('content_owner', { municipalityCode: '147' }), 'curation.manage', workspace), false);
  assert.equal(curationPolicy.can(principalFor('caseworker', { municipalityCode: '101' }), 'curation.manage', workspace), false);
  assert.equal(curationPolicy.can(principalFor('citizen', { municipalityCode: '101', citizenId: randomUUID() }), 'curation.manage', workspace), false);
  assert.equal(curationPolicy.can(principalFor('content_owner', { municipalityCode: '101' }), 'curation.manage'), false);
});

// Which citizens a caseworker's organisation is responsible for is the database's answer (row-level security, migration
// 0048; test/responsibility-access.test.ts): the policy admits caseworkers who act for an organisation, and no one else.
test('journey: a citizen uses their own journey; a caseworker acting for an organisation assists, other staff do not', () => {
  const citizenId = randomUUID();
  const citizen = principalFor('citizen', { municipalityCode: '101', citizenId });
  assert.equal(journeyPolicy.can(citizen, 'journey.use-own', { citizenId }), true);
  assert.equal(journeyPolicy.can(citizen, 'journey.use-own', { citizenId: randomUUID() }), false);
  assert.equal(journeyPolicy.can(citizen, 'journey.assist', { municipalityCode: '101' }), false);
  const journey = { municipalityCode: '101', citizenId };
  assert.equal(journeyPolicy.can(principalFor('caseworker', { municipalityCode: '101' }), 'journey.assist', journey), true);
  assert.equal(journeyPolicy.can(principalFor('caseworker', { municipalityCode: '101' }), 'escalation.handle', journey), true);
  const withoutOrganisation = { ...principalFor('caseworker', { municipalityCode: '101' }), organisation: undefined };
  assert.equal(journeyPolicy.can(withoutOrganisation, 'journey.assist', journey), false);
  assert.equal(journeyPolicy.can(withoutOrganisation, 'journey.look-up', journey), false);
  assert.equal(journeyPolicy.can(principalFor('content_owner', { municipalityCode: '101' }), 'escalation.handle', journey), false);
  assert.equal(identityPolicy.can(withoutOrganisation, 'citizen.look-up', journey), false);
  assert.equal(identityPolicy.can(principalFor('caseworker', { municipalityCode: '101' }), 'citizen.look-up', journey), true);
});

test('marketplace and consent: a citizen in their own municipality only, with their own id; consent has its own actions', () => {
  const citizenId = randomUUID();
  const citizen = principalFor('citizen', { municipalityCode: '101', citizenId });
  const own = { municipalityCode: '101', citizenId };
  for (const can of [
    (resource: typeof own) => marketplacePolicy.can(citizen, 'marketplace.use-own', resource),
    (resource: typeof own) => consentPolicy.can(citizen, 'consent.read-own', resource),
    (resource: typeof own) => consentPolicy.can(citizen, 'consent.withdraw-own', resource),
  ]) {
    assert.equal(can(own), true);
    assert.equal(can({ municipalityCode: '147', citizenId }), false);
    assert.equal(can({ municipalityCode: '101', citizenId: randomUUID() }), false);
  }
  assert.equal(marketplacePolicy.can(principalFor('content_owner', { municipalityCode: '101' }), 'marketplace.use-own', own), false);
  assert.equal(marketplacePolicy.can(principalFor('content_owner', { municipalityCode: '101' }), 'marketplace.moderate', own), true);
  assert.equal(marketplacePolicy.can(principalFor('content_owner', { municipalityCode: '147' }), 'marketplace.moderate', own), false);
  assert.equal(consentPolicy.can(principalFor('vendor_api'), 'deletion.confirm'), true);
  assert.equal(refusal(() => consentPolicy.authorize(principalFor('vendor_admin'), 'deletion.confirm')).status, 403);
  assert.equal(refusal(() => consentPolicy.authorize(citizen, 'deletion.confirm')).status, 403);
});

test('vendors, listings and frameworks: administrators act, developers read, governance reviews', () => {
  const admin = principalFor('vendor_admin');
  const developer = principalFor('vendor_developer');
  const reviewer = principalFor('governance_reviewer');
  const governanceAdmin = principalFor('governance_admin');
  assert.equal(vendorPolicy.can(admin, 'credential.create'), true);
  assert.deepEqual(
    refusal(() => vendorPolicy.authorize(developer, 'credential.create')),
    {
      status: 403,
      detail: 'Only the vendor administrator creates API clients.',
    },
  );
  assert.equal(vendorPolicy.can(developer, 'vendor.edit-profile'), false);
  assert.equal(listingsPolicy.can(admin, 'listing.submit'), true);
  assert.equal(listingsPolicy.can(principalFor('vendor_api'), 'listing.submit'), true);
  assert.equal(listingsPolicy.can(developer, 'listing.submit'), false);
  assert.equal(listingsPolicy.can(reviewer, 'listing.review'), true);
  assert.equal(refusal(() => listingsPolicy.authorize(admin, 'listing.review')).status, 403);
  assert.equal(frameworksPolicy.can(governanceAdmin, 'framework.maintain'), true);
  assert.equal(frameworksPolicy.can(reviewer, 'framework.maintain'), false);
  assert.equal(frameworksPolicy.can(reviewer, 'framework.read'), true);
  assert.equal(frameworksPolicy.can(developer, 'declaration.read-own'), true);
  assert.equal(frameworksPolicy.can(developer, 'declaration.write-own'), false);
  assert.equal(frameworksPolicy.can(reviewer, 'declaration.read-own'), false);
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

// A role asked of a principal: `actor.roles.includes('…')`, `.roles.some(…)`, `hasRole(…)`, `role === '…'`.
// (`actor_role === 'system'` on a stored row is a label, not a decision, and does not match.)
const roleChecks = [/\.roles\.(?:includes|some|every|find|indexOf)\(/, /\bhasRole\(/, /\brole\s*[!=]==/];

test('no file under src/modules except *.policy.ts decides from roles', () => {
  const offences = sourceFiles(modulesDir)
    .filter((file) => !file.endsWith('.policy.ts'))
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          roleChecks.some((pattern) => pattern.test(line)) ? [`${path.relative(path.resolve(modulesDir, '../..'), file)}:${index + 1}: ${line.trim()}`] : [],
        ),
    );
  assert.deepEqual(offences, [], `role checks belong in the module's policy:\n${offences.join('\n')}`);
});
