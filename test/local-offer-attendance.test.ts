// Attendance at a municipality's local offers through the real app: once an offer has started its staff record on the
// participant list who came and who did not, a page at a time; saving again changes nothing; before the start, on a
// cancelled offer, for anyone not signed up to this offer, or with nonsense input nothing is written; another
// municipality's staff get 404, and underneath the database keeps attendance the municipality's own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase } from '../src/platform/db/database.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { createTestApp, localOfferForm, signedInForms, type FormFields } from './support/app.ts';
import { createCitizen, createMunicipality, createSession, principalFor } from './support/factories.ts';

const { app, db, url } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
// The database as requests see it: the application role, under row-level security.
const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });
const { open, post } = signedInForms(app);

async function staffOf(code: string, name = 'Peter Holm') {
  const principal = { ...principalFor('content_owner', { municipalityCode: code }), name, municipality: { code, name: `Testkommune ${code}` } };
  return { token: await createSession(db, principal), subject: principal.subject };
}

/** A local offer of the municipality with these citizens signed up; `started` moves it to have begun an hour ago. */
async function offerWith(owner: string, code: string, names: string[], options: { started?: boolean; title?: string } = {}) {
  const created = await post(owner, '/kommune/tilbud/ny', '/kommune/tilbud', localOfferForm(options.title ? { titleDa: options.title } : {}));
  assert.equal(created.statusCode, 303);
  const offerId = /\/kommune\/tilbud\/([0-9a-f-]{36})/.exec(created.headers.location ?? '')?.[1] ?? '';
  const citizens = [];
  for (const name of names) {
    const citizen = await createCitizen(db, { municipalityCode: code, name });
    const { rows } = await withTenant(appDb, { citizen: citizen.id }, (trx) =>
      sql<{ outcome: string }>`select sign_up_for_local_offer(${offerId}) as outcome`.execute(trx),
    );
    assert.equal(rows[0]?.outcome, 'signed_up');
    citizens.push(citizen);
  }
  if (options.started) await startNow(offerId);
  return { offerId, path: `/kommune/tilbud/${offerId}/deltagere`, citizens };
}

/** The offer began an hour ago and ends in an hour (sign-ups were taken before, as they must be). */
async function startNow(offerId: string) {
  await db
    .updateTable('local_offer')
    .set({ starts_at: sql<Date>`now() - interval '1 hour'`, ends_at: sql<Date>`now() + interval '1 hour'` })
    .where('id', '=', offerId)
    .execute();
}

async function attendanceOf(offerId: string) {
  const rows = await db
    .selectFrom('local_offer_signup')
    .select(['citizen_id', 'attended', 'attendance_recorded_at', 'attendance_recorded_by'])
    .where('offer_id', '=', offerId)
    .execute();
  return new Map(rows.map((row) => [row.citizen_id, row]));
}

const choices = (entries: [string, string][]): FormFields => Object.fromEntries(entries.map(([id, value]) => [`attended.${id}`, value]));
const checked = (body: string, citizenId: string, value: 'ja' | 'nej') =>
  new RegExp(`id="field-attended-${citizenId}-${value}" name="attended\\.${citizenId}" value="${value}" checked`).test(body);

test('staff record who came once the offer has started; the page shows it; saving again changes nothing', async () => {
  const { code } = await createMunicipality(db);
  const owner = await staffOf(code);
  const { offerId, path, citizens } = await offerWith(owner.token, code, ['Mette Jensen', 'Ali Hassan', 'Søren Berg'], { started: true });
  const [mette, ali, soren] = citizens as [(typeof citizens)[0], (typeof citizens)[0], (typeof citizens)[0]];

  let page = await open(owner.token, path);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<legend class="form-label">Mette Jensen<\/legend>/);
  assert.match(page.body, /<button class="button button-primary" type="submit">Gem fremmøde<\/button>/);
  assert.match(page.body, /Mødt: 0 · Ikke mødt: 0 · Ikke registreret: 3/);

  // Saving looks the chosen citizens up by name as the list does: their logs count it, the others' do not.
  const looked = async (id: string) =>
    (
      await db
        .selectFrom('access_log')
        .select((eb) => eb.fn.sum<string>('count').as('n'))
        .where('citizen_id', '=', id)
        .where('purpose', '=', 'Deltagerliste til det lokale tilbud »CV-værksted for ledige med en faglig uddannelse«')
        .executeTakeFirstOrThrow()
    ).n;
  const before = await Promise.all([mette.id, soren.id].map(looked));
  const saved = await post(
    owner.token,
    path,
    path,
    choices([
      [mette.id, 'ja'],
      [ali.id, 'nej'],
    ]),
  );
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, `${path}?besked=fremmoede`);
  const first = await attendanceOf(offerId);
  assert.equal(first.get(mette.id)?.attended, true);
  assert.equal(first.get(ali.id)?.attended, false);
  assert.equal(first.get(soren.id)?.attended, null, 'no choice, nothing recorded');
  assert.equal(first.get(mette.id)?.attendance_recorded_by, owner.subject);
  assert.ok(first.get(ali.id)?.attendance_recorded_at instanceof Date);
  const after = await Promise.all([mette.id, soren.id].map(looked));
  assert.equal(Number(after[0]) - Number(before[0]), Number(after[1]) - Number(before[1]) + 1, 'the save is in the chosen citizen’s log');

  page = await open(owner.token, `${path}?besked=fremmoede`);
  assert.match(page.body, /Fremmødet er gemt\./);
  assert.match(page.body, /Mødt: 1 · Ikke mødt: 1 · Ikke registreret: 1/);
  assert.ok(checked(page.body, mette.id, 'ja') && checked(page.body, ali.id, 'nej'), 'reloading shows what was recorded');
  assert.ok(!checked(page.body, soren.id, 'ja') && !checked(page.body, soren.id, 'nej'));

  const again = await post(
    owner.token,
    path,
    path,
    choices([
      [mette.id, 'ja'],
      [ali.id, 'nej'],
    ]),
  );
  assert.equal(again.statusCode, 303);
  const second = await attendanceOf(offerId);
  for (const id of [mette.id, ali.id]) {
    assert.equal(second.get(id)?.attendance_recorded_at?.getTime(), first.get(id)?.attendance_recorded_at?.getTime(), 'saving twice changes nothing');
    assert.equal(second.get(id)?.attendance_recorded_by, owner.subject);
  }

  const corrected = await post(owner.token, path, path, choices([[ali.id, 'ja']]));
  assert.equal(corrected.statusCode, 303);
  assert.equal((await attendanceOf(offerId)).get(ali.id)?.attended, true, 'a mistake can be corrected');
  assert.equal((await attendanceOf(offerId)).get(mette.id)?.attended, true, 'who was not on the form keeps what was recorded');

  const paged = await post(owner.token, path, `${path}?side=2`, choices([[soren.id, 'nej']]));
  assert.equal(paged.headers.location, `${path}?side=2&besked=fremmoede`, 'back to the same page of the list');
});

test('before the start, and on a cancelled offer, attendance is refused and nothing is written', async () => {
  const { code } = await createMunicipality(db);
  const owner = await staffOf(code);
  const { offerId, path, citizens } = await offerWith(owner.token, code, ['Mette Jensen']);
  const mette = citizens[0]!;

  const page = await open(owner.token, path);
  assert.match(page.body, /<li>Mette Jensen<\/li>/);
  assert.match(page.body, /Fremmøde kan registreres fra tilbuddets start/);
  assert.doesNotMatch(page.body, /Gem fremmøde/);
  const early = await post(owner.token, path, path, choices([[mette.id, 'ja']]));
  assert.equal(early.statusCode, 409);
  assert.equal((await attendanceOf(offerId)).get(mette.id)?.attended, null);

  await post(owner.token, `/kommune/tilbud/${offerId}`, `/kommune/tilbud/${offerId}/aflys`);
  await startNow(offerId);
  assert.doesNotMatch((await open(owner.token, path)).body, /Gem fremmøde/);
  const cancelled = await post(owner.token, path, path, choices([[mette.id, 'ja']]));
  assert.equal(cancelled.statusCode, 409);
  assert.equal((await attendanceOf(offerId)).get(mette.id)?.attended, null);
});

test('only citizens signed up to this offer are accepted, and nonsense is answered field by field; nothing is written', async () => {
  const { code } = await createMunicipality(db);
  const owner = await staffOf(code);
  const { offerId, path, citizens } = await offerWith(owner.token, code, ['Mette Jensen', 'Ali Hassan'], { started: true });
  const [mette, ali] = citizens as [(typeof citizens)[0], (typeof citizens)[0]];
  const elsewhere = await offerWith(owner.token, code, ['Karen Lund'], { started: true, title: 'Et andet værksted' });
  const karen = elsewhere.citizens[0]!;
  await db.updateTable('local_offer_signup').set({ cancelled_at: new Date() }).where('offer_id', '=', offerId).where('citizen_id', '=', ali.id).execute();
  const nobody = await createCitizen(db, { municipalityCode: code });

  for (const [other, why] of [
    [ali.id, 'a cancelled sign-up'],
    [karen.id, 'signed up to another offer'],
    [nobody.id, 'never signed up'],
    ['00000000-0000-4000-9000-00000000ffff', 'no such citizen'],
  ] as const) {
    const refused = await post(
      owner.token,
      path,
      path,
      choices([
        [mette.id, 'ja'],
        [other, 'ja'],
      ]),
    );
    assert.equal(refused.statusCode, 404, why);
    assert.match(refused.headers['content-type'] ?? '', /text\/html/);
  }
  assert.deepEqual(
    [...(await attendanceOf(offerId)).values()].map((row) => row.attended),
    [null, null],
    'nothing written for this offer',
  );
  assert.equal((await attendanceOf(elsewhere.offerId)).get(karen.id)?.attended, null, 'nor for the other');

  const nonsense = await post(owner.token, path, path, choices([[mette.id, 'maaske']]));
  assert.equal(nonsense.statusCode, 400);
  assert.match(nonsense.body, /id="error-summary"/);
  assert.match(nonsense.body, new RegExp(`<a href="#field-attended-${mette.id}">Mette Jensen: Vælg Mødt eller Ikke mødt\\.</a>`));
  assert.match(nonsense.body, new RegExp(`id="field-attended-${mette.id}-error">Vælg Mødt eller Ikke mødt\\.<`));

  const twice = await post(owner.token, path, path, { [`attended.${mette.id}`]: ['ja', 'nej'] });
  assert.equal(twice.statusCode, 400);
  const badId = await post(owner.token, path, path, { 'attended.not-a-citizen': 'ja' });
  assert.equal(badId.statusCode, 400);
  assert.match(badId.body, /id="error-summary"/);
  const empty = await post(owner.token, path, path, {});
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /<a href="#field-attendance">Fremmøde: Vælg Mødt eller Ikke mødt for mindst én deltager\.<\/a>/);
  assert.equal((await attendanceOf(offerId)).get(mette.id)?.attended, null, 'nothing written on bad input');
});

test('another municipality’s staff get 404 and change nothing; the database keeps attendance the municipality’s own', async () => {
  const a = await createMunicipality(db);
  const b = await createMunicipality(db);
  const ownerA = await staffOf(a.code);
  const ownerB = await staffOf(b.code);
  const { offerId, path, citizens } = await offerWith(ownerA.token, a.code, ['Mette Jensen'], { started: true });
  const mette = citizens[0]!;

  const foreign = await post(ownerB.token, '/kommune/tilbud', path, choices([[mette.id, 'ja']]));
  assert.equal(foreign.statusCode, 404);
  assert.equal((await open(ownerB.token, path)).statusCode, 404);
  assert.equal((await attendanceOf(offerId)).get(mette.id)?.attended, null);

  // Underneath the services: B's tenant sees no row to change, and the citizen cannot mark themselves as having come.
  const byB = await withTenant(appDb, { municipality: b.code }, (trx) =>
    trx
      .updateTable('local_offer_signup')
      .set({ attended: true, attendance_recorded_at: new Date(), attendance_recorded_by: 'b' })
      .where('offer_id', '=', offerId)
      .executeTakeFirst(),
  );
  assert.equal(Number(byB.numUpdatedRows), 0);
  await assert.rejects(
    withTenant(appDb, { citizen: mette.id }, (trx) =>
      trx
        .updateTable('local_offer_signup')
        .set({ attended: true, attendance_recorded_at: new Date(), attendance_recorded_by: 'me' })
        .where('offer_id', '=', offerId)
        .execute(),
    ),
    /only the offer's municipality records attendance/,
  );
  assert.equal((await attendanceOf(offerId)).get(mette.id)?.attended, null);
});

test('the participant list records attendance in English too', async () => {
  const { code } = await createMunicipality(db);
  const owner = await staffOf(code);
  const { path, citizens } = await offerWith(owner.token, code, ['Mette Jensen'], { started: true });
  await post(owner.token, path, path, choices([[citizens[0]!.id, 'nej']]));
  const page = await open(owner.token, `${path}?besked=fremmoede`, { cookie: `jobunivers-session=${owner.token}; lang=en` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /The attendance is saved\./);
  assert.match(page.body, /Attended: 0 · Did not attend: 1 · Not recorded: 0/);
  assert.match(page.body, /<label for="field-attended-[0-9a-f-]+-ja">Attended<\/label>/);
  assert.match(page.body, /<label for="field-attended-[0-9a-f-]+-nej">Did not attend<\/label>/);
  assert.match(page.body, />Save attendance<\/button>/);
  assert.doesNotMatch(page.body, /Gem fremmøde/);
});
