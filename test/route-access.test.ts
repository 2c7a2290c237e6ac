// Every registered route, checked against every role, no session, too low a level, and another
// municipality's data. Routes come from the app itself, so a new route is covered without editing this file;
// a route with a path parameter this file cannot fill makes the test fail and name it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { meetsLevel, type NsisLevel } from '../src/platform/auth/nsis.ts';
import { roles, type Role } from '../src/platform/auth/principal.ts';
import type { RouteAccess } from '../src/platform/http/access.ts';
import { createTestApp, csrfPairFor } from './support/app.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';

const { app, db, config } = await createTestApp({ env: { RATE_LIMIT_API_PER_MINUTE: '100000', RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });

const home = '101';
const own = await createCitizen(db, { municipalityCode: home });
const foreign = await createCitizen(db, { municipalityCode: '751' });

const frameworkVersion = await db.selectFrom('framework_version').select('id').where('status', '=', 'published').executeTakeFirstOrThrow();

const sampleParams: Record<string, (variant: 'own' | 'foreign') => string> = {
  code: () => home,
  citizenId: (variant) => (variant === 'own' ? own.id : foreign.id),
  uid: () => 'no-such-interaction',
  reference: () => 'TG-AAAA-AAAA',
  audience: () => 'borger',
  versionId: () => frameworkVersion.id,
  requirementKey: () => 'gdpr_dpa',
  listingId: () => '00000000-0000-4000-9000-000000000001',
  clientId: () => '00000000-0000-4000-9000-0000000000ff',
  // The demo's local offer and licence of København (curation seed).
  offerId: () => '00000000-0000-4000-a000-000000000101',
  licenceId: () => '00000000-0000-4000-a000-000000000201',
  escalationId: () => '00000000-0000-4000-9000-0000000000e5',
  activityId: () => '00000000-0000-4000-9000-0000000000a5',
  // The marketplace: København's demo workshop (curation seed) and a rating that is not waiting for anyone.
  localOfferId: () => '00000000-0000-4000-a000-000000000101',
  ratingId: () => '00000000-0000-4000-9000-0000000000b5',
  // Consent: a decision and a deletion request nobody has (another citizen's is the same: not found).
  consentId: () => '00000000-0000-4000-9000-0000000000c5',
  deletionRequestId: () => '00000000-0000-4000-9000-0000000000d5',
  // Organisations: the demo's other actor contracted by København (organisations seed); an a-kasse page finds no such a-kasse.
  organisationId: () => 'aktoer-56900004',
  // Events: a type of the registry (public).
  type: () => 'dk.jobunivers.activity.started',
  // Webhooks: an endpoint and a delivery nobody has.
  endpointId: () => '00000000-0000-4000-9000-0000000000f5',
  deliveryId: () => '00000000-0000-4000-9000-0000000000f6',
  // Dev-mail (on in tests, as outside production): a caught mail nobody has.
  mailId: () => '00000000-0000-4000-9000-0000000000e7',
  // Jobs: an ad the feed never had, a job agent and an unsubscribe link nobody has.
  adId: () => 'sim-9999999',
  agentId: () => '00000000-0000-4000-9000-0000000000a7',
  token: () => 'x'.repeat(43),
  // Messages: a thread and an attachment nobody has.
  threadId: () => '00000000-0000-4000-9000-0000000000a8',
  attachmentId: () => '00000000-0000-4000-9000-0000000000a9',
  // Notifications: one nobody has.
  notificationId: () => '00000000-0000-4000-9000-0000000000aa',
  // Knowledge: an article nobody has.
  articleId: () => '00000000-0000-4000-9000-0000000000ab',
  // Meetings: a meeting and a slot nobody has.
  meetingId: () => '00000000-0000-4000-9000-0000000000d7',
  slotId: () => '00000000-0000-4000-9000-0000000000d8',
};

/** Routes whose resource belongs to a municipality: a path id, or a CPR number in the form. */
const holdsTenantData = (route: { method: string; url: string }) =>
  route.url.includes(':citizenId') || (route.method === 'POST' && route.url === '/medarbejder/borgere');

const routes = app.declaredRoutes.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/dkfds/') && !r.url.startsWith('/static/'));

function fill(url: string, variant: 'own' | 'foreign'): string {
  return url.replace(/:(\w+)/g, (_all, name: string) => {
    const sample = sampleParams[name];
    if (!sample) throw new Error(`route ${url}: no sample for path parameter :${name}; add one to sampleParams`);
    return sample(variant);
  });
}

async function call(route: { method: string; url: string }, options: { token?: string; variant?: 'own' | 'foreign' } = {}) {
  const variant = options.variant ?? 'own';
  const isApi = route.url.startsWith('/api/') && !route.url.startsWith('/api/docs');
  const pair = route.method === 'POST' ? await csrfPairFor(app, options.token) : undefined;
  const cookie = [pair?.cookie, options.token ? `jobunivers-session=${options.token}` : ''].filter(Boolean).join('; ');
  const citizen = variant === 'own' ? own : foreign;
  return app.inject({
    method: route.method as 'GET',
    url: fill(route.url, variant),
    query: route.method === 'GET' ? { purpose: 'Kontrol af adgang' } : {},
    headers: {
      cookie,
      accept: isApi ? 'application/json' : 'text/html',
      ...(route.url === '/metrics' ? { authorization: `Bearer ${config.metricsToken}` } : {}),
    },
    ...(route.method === 'POST'
      ? {
          payload: {
            _csrf: pair?.token,
            cpr: citizen.cpr,
            purpose: 'Kontrol af adgang',
            purposeChoice: 'followup',
            caseworker: '',
            description: 'En beskrivelse af et problem',
          },
        }
      : {}),
  });
}

const protectedRoutes = routes.filter((r): r is typeof r & { access: Extract<RouteAccess, { roles: readonly Role[] }> } => 'roles' in r.access);

test('the app has routes of both kinds to check, and every route declares its access', () => {
  assert.ok(routes.length >= 20, `only ${routes.length} routes found`);
  assert.ok(protectedRoutes.length >= 8, `only ${protectedRoutes.length} protected routes found`);
  for (const route of routes) assert.ok(route.access, `${route.method} ${route.url}`);
});

test('without a session: API routes answer 401 problem+json, pages send the browser to sign in', async () => {
  for (const route of protectedRoutes) {
    const response = await call(route);
    const where = `${route.method} ${route.url}`;
    if (route.url.startsWith('/api/')) {
      assert.equal(response.statusCode, 401, where);
      assert.equal(response.json().code, 'UNAUTHENTICATED', where);
    } else if (route.method === 'GET') {
      assert.equal(response.statusCode, 303, where);
      assert.match(response.headers.location ?? '', /^\/log-ind\/(borger|medarbejder|leverandoer|faellesskab)\?/, where);
    } else {
      assert.equal(response.statusCode, 401, where);
    }
  }
});

test('public routes need no session', async () => {
  for (const route of routes.filter((r) => 'public' in r.access)) {
    const response = await call(route);
    assert.ok(![401, 403].includes(response.statusCode), `${route.method} ${route.url} answered ${response.statusCode}`);
  }
});

for (const role of roles) {
  test(`as ${role}: allowed routes open, all others answer 403`, async () => {
    for (const route of protectedRoutes) {
      // A fresh session per route: signing out everywhere is one of the routes.
      const token = await createSession(db, principalFor(role, { municipalityCode: home, citizenId: own.id }));
      const response = await call(route, { token });
      const where = `${role} ${route.method} ${route.url} → ${response.statusCode}`;
      if (route.access.roles.includes(role)) assert.ok(response.statusCode < 500 && ![401, 403].includes(response.statusCode), where);
      else assert.equal(response.statusCode, 403, where);
    }
  });
}

test('too low an assurance level: pages step up at the IdP, APIs answer 401 STEP_UP_REQUIRED', async () => {
  for (const route of protectedRoutes.filter((r) => !meetsLevel('Low', r.access.level))) {
    const role = route.access.roles[0] as Role;
    const token = await createSession(db, principalFor(role, { municipalityCode: home, citizenId: own.id, nsisLevel: 'Low' }));
    const response = await call(route, { token });
    const where = `${route.method} ${route.url}`;
    if (route.url.startsWith('/api/')) {
      assert.equal(response.statusCode, 401, where);
      assert.equal(response.json().code, 'STEP_UP_REQUIRED', where);
    } else if (route.method === 'GET') {
      assert.equal(response.statusCode, 303, where);
      assert.match(response.headers.location ?? '', new RegExp(`niveau=${route.access.level satisfies NsisLevel}`), where);
    } else {
      assert.equal(response.statusCode, 401, where);
    }
  }
});

test('another municipality’s data is not found (404), never forbidden, so its existence does not leak', async () => {
  const tenantRoutes = protectedRoutes.filter(holdsTenantData);
  assert.ok(tenantRoutes.length >= 2, 'there are routes holding municipal data to check');
  for (const route of tenantRoutes) {
    for (const role of route.access.roles) {
      const token = await createSession(db, principalFor(role, { municipalityCode: home, citizenId: own.id }));
      const mine = await call(route, { token, variant: 'own' });
      // A form that did its work answers 303 (the CPR look-up leads to the citizen, a purpose or an assignment is saved).
      assert.ok(
        mine.statusCode === 200 || (route.method === 'POST' && mine.statusCode === 303),
        `${role} ${route.method} ${route.url} own municipality: ${mine.statusCode}`,
      );
      const theirs = await call(route, { token, variant: 'foreign' });
      assert.equal(theirs.statusCode, 404, `${role} ${route.method} ${route.url} another municipality`);
    }
  }
});

test('an a-kasse’s or another actor’s staff: the pages of a municipality’s own work (curation, moderation) refuse them', async () => {
  const contentRoutes = protectedRoutes.filter(
    (r) => r.access.roles.some((role) => role === 'content_owner' || role === 'municipal_admin') && /^\/(kommune\/|api\/municipalit)/.test(r.url),
  );
  assert.ok(contentRoutes.length >= 8, `only ${contentRoutes.length} routes of a municipality's own work found`);
  const organisations = [
    { id: 'akasse-12345678', kind: 'akasse', name: 'Test A-kasse' },
    { id: 'aktoer-87654321', kind: 'anden_aktoer', name: 'Test Aktør' },
  ] as const;
  for (const organisation of organisations) {
    for (const role of ['content_owner', 'municipal_admin'] as const) {
      for (const route of contentRoutes.filter((r) => r.access.roles.includes(role))) {
        const token = await createSession(db, principalFor(role, { organisation }));
        const response = await call(route, { token });
        const where = `${organisation.kind} ${role} ${route.method} ${route.url} → ${response.statusCode}`;
        assert.ok([403, 404].includes(response.statusCode), where);
      }
    }
  }
});
