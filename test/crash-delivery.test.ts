// kill -9 in the middle of work (issue 15): the app runs as its own process with jobs on, a vendor's service posts
// event batches without pause — each with a `completed` event, which the ingest turns into an `activity.completed`
// webhook to the citizen's municipality in the same transaction — and the municipality's receiver (in this test)
// holds its answers open after the first few. The app is killed while all of that is under way. Started again on the
// same database: nothing acknowledged is lost or stored twice, each stored completion made exactly one webhook, and
// every delivery — the ones in flight at the kill included — arrives, duplicates only under the same webhook-id with
// the same body.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { pairwiseSubject } from '../src/platform/crypto/pairwise.ts';
import { createTestDatabase } from './support/database.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';
import { formsOverHttp } from './support/http-forms.ts';
import { startApp, type AppProcess } from './support/server.ts';
import { temporaryFolder } from './support/temporary.ts';
import { startWebhookReceiver, until } from './support/webhook-receiver.ts';

const BATCH = 100;
const LOADERS = 2;
const MUNICIPALITY = '101';
const COMPLETED = 'dk.jobunivers.activity.completed';

type SentEvent = { id: string; type: string };

test('kill -9 under load: every acknowledged event is stored once, every webhook delivery resumes and arrives under one id', async () => {
  const { db, url } = await createTestDatabase({ seeded: true });
  const env = {
    DATABASE_URL: url,
    DATA_DIR: temporaryFolder('jobunivers-crash-'),
    COOKIE_SECRET: randomBytes(32).toString('base64url'),
    JOBS_ENABLED: 'true',
    // The database is a copy of the seeded template: nothing for the demo seed to do at either start.
    SEED_DEMO: 'false',
    WEBHOOK_RETRY_SCHEDULE: '0,1,1,1,1',
    RATE_LIMIT_EVENTS_PER_MINUTE: '10000000',
    RATE_LIMIT_API_PER_MINUTE: '100000',
    RATE_LIMIT_FORMS_PER_MINUTE: '100000',
  };
  const receiver = await startWebhookReceiver();
  let app: AppProcess | undefined = await startApp(env);
  try {
    const vendor = await db.selectFrom('vendor').select('id').where('cvr', '=', '39000008').executeTakeFirstOrThrow();
    // The listing the events are about, and citizens of the municipality who launched it.
    const listing = await db.insertInto('listing').values({ vendor_id: vendor.id }).returning('id').executeTakeFirstOrThrow();
    const subjects: string[] = [];
    for (let i = 0; i < 10; i++) {
      const citizen = await createCitizen(db, { municipalityCode: MUNICIPALITY });
      await db
        .insertInto('listing_launch')
        .values({ citizen_id: citizen.id, municipality_code: MUNICIPALITY, listing_id: listing.id, version: 1, outcome: 'launched' })
        .execute();
      subjects.push(pairwiseSubject({ cookieSecret: env.COOKIE_SECRET }, vendor.id, citizen.id));
    }

    const forms = formsOverHttp(app.baseUrl);
    const token = await forms.vendorApiToken(await createSession(db, principalFor('vendor_admin')), 'Nedbrudstest');
    const municipalAdmin = await createSession(db, principalFor('municipal_admin', { municipalityCode: MUNICIPALITY }));
    const added = await forms.post(municipalAdmin, '/kommune/webhooks', '/kommune/webhooks', {
      url: receiver.url('/kommune'),
      eventTypes: 'activity_completed',
    });
    assert.equal(added.status, 200, added.body);
    const secret = /<code id="webhook-secret">(whsec_[A-Za-z0-9+/=]+)<\/code>/.exec(added.body)?.[1] ?? '';
    const endpoint = await db.selectFrom('webhook_endpoint').select('id').where('url', '=', receiver.url('/kommune')).executeTakeFirstOrThrow();

    // The receiver answers the first three messages and then holds every request open: the app dies with deliveries
    // sent but not answered (their row locks held), and others not yet tried or not yet dispatched.
    receiver.answer = () => (receiver.arrivals.length <= 3 ? 200 : 'hold');

    // The load: batches posted back to back; an id counts as acknowledged only when its batch's answer says so.
    const sent = new Map<string, SentEvent>();
    const acknowledged = new Set<string>();
    const postBatch = async (baseUrl: string, batch: SentEvent[]) => {
      const response = await fetch(`${baseUrl}/api/vendor/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/cloudevents-batch+json' },
        body: JSON.stringify(batch),
      });
      const body = await response.text();
      assert.equal(response.status, 200, body);
      for (const result of (JSON.parse(body) as { results: { id: string; status: string }[] }).results) {
        assert.ok(result.status === 'accepted' || result.status === 'duplicate', `${result.id}: ${result.status}`);
        acknowledged.add(result.id);
      }
    };
    let loading = true;
    let batches = 0;
    const loader = async (baseUrl: string) => {
      while (loading) {
        // One completion per batch (a webhook each), the rest certificates.
        const batch = Array.from({ length: BATCH }, (_, i) => ({
          specversion: '1.0',
          id: randomUUID(),
          source: `/listings/${listing.id}`,
          type: i === 0 ? COMPLETED : 'dk.jobunivers.activity.certificate-issued',
          subject: subjects[(batches + i) % subjects.length],
          time: new Date().toISOString(),
          data: i === 0 ? {} : { title: `Certifikat ${batches}.${i}` },
        }));
        for (const event of batch) sent.set(event.id, event);
        try {
          await postBatch(baseUrl, batch);
          batches += 1;
        } catch (error) {
          // The app died under this batch: it is not acknowledged, and is sent again after the restart.
          if (!(error instanceof TypeError)) throw error;
        }
      }
    };
    const loaders = Array.from({ length: LOADERS }, () => loader(app?.baseUrl ?? ''));
    // A held message keeps its transaction open, and with it the outbox's horizon: what was recorded after it is not
    // dispatched until the sender gives up (10 s). One held message is enough; waiting for more could wait that long.
    await until('a delivery held open and batches acknowledged', () => receiver.held() >= 1 && batches >= 10, 15_000);

    const killed = app;
    app = undefined;
    assert.equal(await killed.stop('SIGKILL'), null, 'killed');
    loading = false;
    await Promise.all(loaders);
    receiver.dropHeld();
    const atKill = await db.selectFrom('webhook_delivery').select(['message_id', 'status']).where('endpoint_id', '=', endpoint.id).execute();
    const heldIds = new Set(receiver.arrivals.slice(3).map((a) => a.id));
    const pendingAtKill = atKill.filter((d) => d.status === 'pending');
    assert.ok(heldIds.size >= 1, 'a message was in flight at the kill');
    for (const id of heldIds)
      assert.ok(
        pendingAtKill.some((d) => d.message_id === id),
        `${id}, in flight at the kill, is still pending`,
      );
    const acknowledgedCompletions = [...acknowledged].filter((id) => sent.get(id)?.type === COMPLETED).length;
    assert.ok(
      atKill.filter((d) => d.status === 'delivered').length + heldIds.size < acknowledgedCompletions,
      'some acknowledged completions were neither delivered nor in flight at the kill',
    );
    assert.ok(acknowledged.size > 0 && acknowledged.size < sent.size, `${acknowledged.size} of ${sent.size} acknowledged before the kill`);

    // Started again on the same database; the receiver answers now. What was not acknowledged is sent again.
    receiver.answer = () => 200;
    app = await startApp(env);
    const restarted = app.baseUrl;
    const unacknowledged = [...sent.values()].filter((event) => !acknowledged.has(event.id));
    for (let i = 0; i < unacknowledged.length; i += 500) await postBatch(restarted, unacknowledged.slice(i, i + 500));
    assert.equal(acknowledged.size, sent.size, 'every event acknowledged in the end');

    const stored = await sql<{ event_id: string; type: string; n: number }>`
      select event_id, min(type) as type, count(*)::int as n from activity_event
      where vendor_id = ${vendor.id} and listing_id = ${listing.id} group by event_id`.execute(db);
    assert.equal(stored.rows.length, sent.size, 'every acknowledged event is stored');
    assert.deepEqual(
      stored.rows.filter((r) => r.n !== 1 || !acknowledged.has(r.event_id)),
      [],
      'each exactly once, and nothing that was not sent',
    );
    const completions = stored.rows.filter((r) => r.type === COMPLETED).length;
    assert.equal(completions, [...sent.values()].filter((e) => e.type === COMPLETED).length);

    // Each stored completion made one outbound event (none for a batch that died uncommitted), and each outbound
    // event one delivery, all delivered — polling the database, no fixed wait.
    const outbound = await db
      .selectFrom('outbound_event')
      .select('seq')
      .where('municipality_code', '=', MUNICIPALITY)
      .where('type', '=', 'activity.completed')
      .where(sql<boolean>`data->>'listingId' = ${listing.id}`)
      .execute();
    assert.equal(outbound.length, completions, 'one activity.completed per stored completion');
    const deliveries = await until(
      'every delivery delivered',
      async () => {
        const rows = await db.selectFrom('webhook_delivery').select(['id', 'message_id', 'status']).where('endpoint_id', '=', endpoint.id).execute();
        return rows.length === completions && rows.every((r) => r.status === 'delivered') ? rows : undefined;
      },
      15_000,
    );
    for (const pending of pendingAtKill)
      assert.ok(
        deliveries.some((d) => d.message_id === pending.message_id),
        'a delivery pending at the kill resumed',
      );

    // At the receiver: every delivery at least once, duplicates only under the same id with the same body, each signed.
    const byId = new Map<string, string[]>();
    for (const arrival of receiver.arrivals) byId.set(arrival.id, [...(byId.get(arrival.id) ?? []), arrival.body]);
    assert.equal(byId.size, deliveries.length, 'distinct webhook-ids at the receiver = deliveries the database made');
    for (const delivery of deliveries) {
      const bodies = byId.get(delivery.message_id);
      assert.ok(bodies, `${delivery.message_id} arrived`);
      assert.equal(new Set(bodies).size, 1, `${delivery.message_id}: every copy has the same body`);
    }
    for (const id of heldIds) assert.ok((byId.get(id)?.length ?? 0) >= 2, `${id}, unanswered at the kill, was sent again`);
    const verifier = new Webhook(secret);
    for (const arrival of receiver.arrivals) {
      const payload = verifier.verify(arrival.body, {
        'webhook-id': arrival.id,
        'webhook-timestamp': arrival.timestamp,
        'webhook-signature': arrival.signature,
      }) as { type: string; data: { listingId: string; citizenId?: string } };
      assert.equal(payload.type, 'activity.completed');
      assert.equal(payload.data.listingId, listing.id);
      assert.ok(payload.data.citizenId, 'the municipality is told which citizen');
    }
  } finally {
    await app?.stop('SIGTERM');
  }
});
