// Simulators of Jobnet and DFDG (Det Fælles Datagrundlag), served by the app itself under /simulatorer/ outside
// production (config.integrations.simulators; refused in production like the test IdP), so the Data API's adapters
// speak real HTTP in development, tests and benchmarks. The answers are invented but believable Danish data, the same
// every time for the same CPR number, in the systems' own (Danish) field names.
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { AppError } from '../../platform/errors.ts';
import { copenhagenDate } from '../../platform/time.ts';
import { fieldErrorsFromIssues } from '../../platform/validation.ts';
import { joblogActivityKinds } from './vendor-data.integrations.ts';

type Track = {
  experience: { stilling: string; arbejdsgiver: string; beskrivelse: string }[];
  uddannelse: { titel: string; institution: string }[];
  kompetencer: string[];
  joboensker: { discoKode: string; titel: string }[];
  koerekort: string[];
  resume: string;
};

const tracks: Track[] = [
  {
    resume: 'Stabil lagermedarbejder med truckcertifikat og erfaring fra både plukning og vareindlevering. Søger fast arbejde med faste mødetider.',
    experience: [
      {
        stilling: 'Lagermedarbejder',
        arbejdsgiver: 'Nordlager A/S, Brøndby',
        beskrivelse: 'Plukning og pakning af ordrer med håndterminal, vareindlevering og optælling.',
      },
      {
        stilling: 'Truckfører',
        arbejdsgiver: 'Fragtcentralen Taastrup ApS',
        beskrivelse: 'Af- og pålæsning af lastbiler, reolkørsel og kontrol af følgesedler.',
      },
    ],
    uddannelse: [
      { titel: 'Lager- og terminaluddannelsen (AMU)', institution: 'AMU Hovedstaden' },
      { titel: 'Truckcertifikat B', institution: 'AMU Hovedstaden' },
    ],
    kompetencer: ['Truckkørsel (certifikat B)', 'Plukning med håndterminal', 'Vareindlevering og kvalitetskontrol', 'Sikkerhed på lager'],
    joboensker: [
      { discoKode: '9333', titel: 'Lagerarbejder' },
      { discoKode: '8344', titel: 'Truckfører' },
      { discoKode: '8322', titel: 'Chauffør, varebil' },
    ],
    koerekort: ['B'],
  },
  {
    resume: 'Serviceminded butiksassistent med erfaring fra dagligvarer og tøj. God til kunder, kasse og varepasning.',
    experience: [
      { stilling: 'Butiksassistent', arbejdsgiver: 'Dagligvarehuset Amagerbro ApS', beskrivelse: 'Kundebetjening, kasse, varebestilling og opfyldning.' },
      { stilling: 'Salgsassistent (deltid)', arbejdsgiver: 'Sko & Stil, Strøget', beskrivelse: 'Salg, vejledning og visual merchandising.' },
    ],
    uddannelse: [
      { titel: 'Detailhandelsuddannelsen med speciale i salg', institution: 'Niels Brock' },
      { titel: 'Hygiejnebevis', institution: 'AMU Syd' },
    ],
    kompetencer: ['Kundeservice', 'Kassesystemer', 'Varebestilling', 'Butiksindretning'],
    joboensker: [
      { discoKode: '5223', titel: 'Butiksassistent' },
      { discoKode: '5230', titel: 'Kassemedarbejder' },
    ],
    koerekort: ['B'],
  },
  {
    resume: 'Omsorgsfuld og rolig med erfaring fra ældreplejen og en børnehave. Vil gerne uddanne sig videre som social- og sundhedsassistent.',
    experience: [
      {
        stilling: 'Social- og sundhedshjælper',
        arbejdsgiver: 'Plejecentret Solbakken',
        beskrivelse: 'Personlig pleje, praktisk hjælp og dokumentation i omsorgssystemet.',
      },
      {
        stilling: 'Pædagogmedhjælper (vikar)',
        arbejdsgiver: 'Børnehuset Mælkebøtten',
        beskrivelse: 'Pædagogiske aktiviteter, udeliv og samarbejde med forældre.',
      },
    ],
    uddannelse: [
      { titel: 'Social- og sundhedshjælper', institution: 'SOSU H' },
      { titel: 'Førstehjælp (12 timer)', institution: 'Dansk Førstehjælpsråd' },
    ],
    kompetencer: ['Personlig pleje', 'Forflytning', 'Dokumentation', 'Pædagogiske aktiviteter'],
    joboensker: [
      { discoKode: '5322', titel: 'Social- og sundhedshjælper' },
      { discoKode: '5312', titel: 'Pædagogmedhjælper' },
    ],
    koerekort: ['B'],
  },
  {
    resume: 'Struktureret administrativ medarbejder med erfaring i bogføring, kundeservice og sagsbehandling. Tilbage efter en sygemelding og klar til deltid.',
    experience: [
      { stilling: 'Administrativ medarbejder', arbejdsgiver: 'Kontorservice Vest ApS', beskrivelse: 'Fakturering, kreditorbogholderi, post og telefon.' },
      {
        stilling: 'Kundeservicemedarbejder',
        arbejdsgiver: 'Fyns Forsyning (vikariat)',
        beskrivelse: 'Telefon- og mailbetjening af kunder, flytninger og aflæsninger.',
      },
    ],
    uddannelse: [
      { titel: 'Kontoruddannelsen med speciale i administration', institution: 'Business College Syd' },
      { titel: 'Excel for øvede (AMU)', institution: 'AMU Fyn' },
    ],
    kompetencer: ['Bogføring i e-conomic', 'Microsoft 365', 'Kundeservice', 'Journalisering'],
    joboensker: [
      { discoKode: '4110', titel: 'Kontorassistent' },
      { discoKode: '4222', titel: 'Kundeservicemedarbejder' },
      { discoKode: '4311', titel: 'Bogholderassistent' },
    ],
    koerekort: ['B'],
  },
  {
    resume: 'Erfaren tømrer og byggeleder, vant til at styre tidsplaner, underentreprenører og økonomi på mindre byggesager.',
    experience: [
      {
        stilling: 'Byggeleder',
        arbejdsgiver: 'Jensen & Søn Byg ApS',
        beskrivelse: 'Ledelse af renoveringssager, tidsplaner, byggemøder og økonomiopfølgning.',
      },
      { stilling: 'Tømrer', arbejdsgiver: 'Østjysk Tømrer- og Snedkerfirma', beskrivelse: 'Tagrenoveringer, vinduesudskiftning og indvendigt snedkerarbejde.' },
    ],
    uddannelse: [
      { titel: 'Bygningskonstruktør', institution: 'VIA University College' },
      { titel: 'Tømrer (svendebrev)', institution: 'Aarhus Tech' },
    ],
    kompetencer: ['Projektledelse', 'Tidsplanlægning', 'Arbejdsmiljø (BAR-uddannelse)', 'Tilbudsgivning'],
    joboensker: [
      { discoKode: '1323', titel: 'Projektleder, byggeri' },
      { discoKode: '3112', titel: 'Bygningskonstruktør' },
    ],
    koerekort: ['B', 'BE'],
  },
  {
    resume: 'Kok med erfaring fra kantine og restaurant. Arbejder hurtigt og hygiejnisk og trives med at planlægge menuer.',
    experience: [
      { stilling: 'Kok', arbejdsgiver: 'Kantinen i Domicilet, Aalborg', beskrivelse: 'Frokostbuffet til 300 gæster, menuplanlægning og egenkontrol.' },
      { stilling: 'Køkkenmedhjælper', arbejdsgiver: 'Restaurant Havnefronten', beskrivelse: 'Forberedelse, anretning og opvask.' },
    ],
    uddannelse: [
      { titel: 'Ernæringsassistent', institution: 'Tech College Aalborg' },
      { titel: 'Hygiejnebevis', institution: 'AMU Nordjylland' },
    ],
    kompetencer: ['Menuplanlægning', 'Egenkontrol', 'Storkøkken', 'Allergener og diæter'],
    joboensker: [
      { discoKode: '5120', titel: 'Kok' },
      { discoKode: '9412', titel: 'Køkkenmedhjælper' },
    ],
    koerekort: [],
  },
  {
    resume: 'IT-supporter med flair for brugere, Windows-drift og netværk. Har selv lært webudvikling og vil gerne videre i den retning.',
    experience: [
      { stilling: 'IT-supporter', arbejdsgiver: 'Datahjælpen Midt ApS', beskrivelse: 'Førstelinjesupport, klargøring af pc’er og brugeradministration.' },
      { stilling: 'Elev, IT-support', arbejdsgiver: 'Region Midtjylland (praktik)', beskrivelse: 'Support på hospitalernes udstyr og netværk.' },
    ],
    uddannelse: [
      { titel: 'Datatekniker med speciale i infrastruktur', institution: 'Mercantec' },
      { titel: 'Webudvikling, online kursus', institution: 'Aarhus Business College' },
    ],
    kompetencer: ['Windows og Microsoft 365-administration', 'Netværk', 'Brugersupport', 'HTML og CSS'],
    joboensker: [
      { discoKode: '3512', titel: 'IT-supporter' },
      { discoKode: '2513', titel: 'Webudvikler' },
    ],
    koerekort: ['B'],
  },
];

const extraLanguages = ['Engelsk', 'Arabisk', 'Tysk', 'Polsk', 'Somali', 'Tyrkisk', 'Ukrainsk'];
const levels = ['flydende', 'godt', 'grundlaeggende'] as const;
const areas = [
  ['101', '147', '167'],
  ['751', '746', '727'],
  ['461', '479', '440'],
  ['851', '860', '846'],
];
const statuses = ['ledig', 'ledig', 'ledig', 'sygemeldt', 'i_job_med_loentilskud', 'under_uddannelse'] as const;

const cprHeader = z.object({ 'x-cpr': z.string().regex(/^\d{10}$/, { message: 'validation.format' }) });
const joblogRequestIdHeader = z.object({ 'x-requestid': z.uuid() });
const joblogActivitySchema = z.object({
  aktivitet: z.enum(Object.values(joblogActivityKinds) as [string, ...string[]]),
  stilling: z.string().min(1).max(200).nullable(),
  arbejdsgiver: z.string().min(1).max(200),
  dato: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/** Bytes derived from the CPR number: the same person gets the same answers every time. */
function seedOf(cpr: string): Buffer {
  return createHash('sha256').update(`jobunivers-simulator:${cpr}`).digest();
}

const pick = <T>(items: readonly T[], byte: number | undefined): T => items[(byte ?? 0) % items.length] as T;
const pad = (n: number) => String(n).padStart(2, '0');

function monthsBefore(year: number, month: number, months: number): string {
  const total = year * 12 + (month - 1) - months;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

function dateIn(days: number, from = new Date()): string {
  const date = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + days));
  // Meetings are on weekdays.
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The calendar date (Copenhagen) `days` days before today. */
function daysAgo(days: number): string {
  const [year, month, day] = copenhagenDate().split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - days)).toISOString().slice(0, 10);
}

/** The invented Jobnet CV of a person (Jobnet's field names). */
export function simulatedCv(cpr: string) {
  const seed = seedOf(cpr);
  const track = pick(tracks, seed[0]);
  const lastEnded = monthsBefore(2026, 9, (seed[2] ?? 0) % 14);
  const firstEnded = monthsBefore(2026, 9, 24 + ((seed[3] ?? 0) % 24));
  const [recent, earlier] = track.experience;
  return {
    opdateret: `2026-${pad(1 + ((seed[4] ?? 0) % 10))}-${pad(1 + ((seed[5] ?? 0) % 28))}`,
    resume: track.resume,
    erfaring: [
      ...(recent ? [{ ...recent, fra: monthsBefore(2026, 9, 24 + ((seed[3] ?? 0) % 24) - 1), til: lastEnded }] : []),
      ...(earlier ? [{ ...earlier, fra: monthsBefore(2026, 9, 60 + ((seed[6] ?? 0) % 36)), til: firstEnded }] : []),
    ],
    uddannelse: track.uddannelse.map((u, i) => ({ ...u, afsluttet: 2005 + ((seed[7 + i] ?? 0) % 18) })),
    kompetencer: track.kompetencer,
    sprog: [
      { sprog: 'Dansk', niveau: 'modersmaal' as const },
      { sprog: pick(extraLanguages, seed[9]), niveau: pick(levels, seed[10]) },
    ],
    koerekort: track.koerekort,
  };
}

/** The invented Jobnet job wishes of a person. */
export function simulatedJobWishes(cpr: string) {
  const seed = seedOf(cpr);
  const track = pick(tracks, seed[0]);
  return {
    opdateret: `2026-${pad(1 + ((seed[11] ?? 0) % 10))}-${pad(1 + ((seed[12] ?? 0) % 28))}`,
    joboensker: track.joboensker,
    arbejdstid: pick(['fuldtid', 'fuldtid', 'deltid', 'begge'] as const, seed[13]),
    maksTransportKm: 10 + ((seed[14] ?? 0) % 5) * 10,
    kommuner: pick(areas, seed[15]),
    kanStarte: dateIn(14 + ((seed[16] ?? 0) % 30)),
  };
}

/**
 * Recognised a-kasser (unemployment insurance funds) as DFDG names a member's fund: the same CVR numbers as the
 * organisations register's demo a-kasser, invented (none is a real company's).
 */
export const simulatedAkasser = [
  { cvr: '55900000', navn: '3F A-kasse' },
  { cvr: '55900019', navn: 'HK A-kasse' },
  { cvr: '55900027', navn: 'FOA A-kasse' },
  { cvr: '55900035', navn: 'Krifa A-kasse' },
  { cvr: '55900078', navn: 'Akademikernes A-kasse' },
  { cvr: '55900043', navn: 'Det Faglige Hus A-kasse' },
] as const;

type SimulatedBenefit = {
  ydelse: 'dagpenge' | 'kontanthjaelp' | 'uddannelseshjaelp' | 'sygedagpenge' | 'andet' | 'ingen';
  weeksAgo: number;
  akasse: number | null;
};

// The test IdP's demo citizens get a believable mix, the same whenever the demo is shown (weeks before today).
const demoBenefits: Record<string, SimulatedBenefit> = {
  // Mette Jensen, København: 3F A-kasse for her first months, now past them — the jobcenter helps her (a hand-over
  // behind her); Lars and Jonas are still with their a-kasse.
  '6101851234': { ydelse: 'dagpenge', weeksAgo: 20, akasse: 0 },
  '6203921245': { ydelse: 'kontanthjaelp', weeksAgo: 30, akasse: null }, // Ahmed Hassan, København
  '6305781256': { ydelse: 'dagpenge', weeksAgo: 9, akasse: 1 }, // Lars Nielsen, Aarhus: HK A-kasse
  '6407001267': { ydelse: 'dagpenge', weeksAgo: 20, akasse: 4 }, // Sofie Andersen, Aarhus: past her a-kasse months
  '6509681278': { ydelse: 'sygedagpenge', weeksAgo: 16, akasse: null }, // Karin Pedersen, Odense
  '6611991289': { ydelse: 'dagpenge', weeksAgo: 3, akasse: 2 }, // Jonas Christensen, Odense: FOA A-kasse
};

/** What the citizen lives on, since when and with which a-kasse: from the demo table, else from the CPR number. */
function simulatedBenefit(cpr: string, status: (typeof statuses)[number], seed: Buffer): SimulatedBenefit {
  const demo = demoBenefits[cpr];
  if (demo) return demo;
  const weeksAgo = 4 + ((seed[22] ?? 0) % 31); // unemployed within the last 1–8 months
  if (status === 'sygemeldt') return { ydelse: 'sygedagpenge', weeksAgo, akasse: null };
  if (status === 'under_uddannelse') return { ydelse: 'uddannelseshjaelp', weeksAgo, akasse: null };
  if (status === 'i_job_med_loentilskud') return { ydelse: 'andet', weeksAgo, akasse: null };
  // Most job-ready citizens are insured and on dagpenge; some are on kontanthjælp, without an a-kasse.
  return (seed[21] ?? 0) % 10 < 7
    ? { ydelse: 'dagpenge', weeksAgo, akasse: (seed[23] ?? 0) % simulatedAkasser.length }
    : { ydelse: 'kontanthjaelp', weeksAgo, akasse: null };
}

/** The invented DFDG job situation of a person. */
export function simulatedJobSituation(cpr: string) {
  const seed = seedOf(cpr);
  const status = pick(statuses, seed[17]);
  const benefit = simulatedBenefit(cpr, status, seed);
  const akasse = benefit.akasse === null ? undefined : simulatedAkasser[benefit.akasse];
  return {
    ledighedsstatus: status,
    siden: `2026-${pad(1 + ((seed[18] ?? 0) % 9))}-${pad(1 + ((seed[19] ?? 0) % 28))}`,
    jobsoegende: status === 'ledig',
    naesteSamtale: status === 'under_uddannelse' ? null : dateIn(3 + ((seed[20] ?? 0) % 25)),
    ydelse: benefit.ydelse,
    ledigSiden: daysAgo(benefit.weeksAgo * 7),
    aKasse: akasse ? { cvr: akasse.cvr, navn: akasse.navn } : null,
  };
}

/** The simulators' routes, only when config.integrations.simulators is on (never in production). */
export const simulatorRoutes: RouteModule = (app, { config }) => {
  if (!config.integrations.simulators) return;
  const cprOf = (headers: unknown) => {
    const parsed = cprHeader.safeParse(headers);
    if (!parsed.success)
      throw new AppError('VALIDATION', 'Send the CPR number (ten digits) in the X-CPR header.', [{ field: 'x-cpr', message: 'validation.format' }]);
    return parsed.data['x-cpr'];
  };
  const noStore = { 'cache-control': 'no-store' };
  app.get('/simulatorer/jobnet/v1/cv', { config: publicAccess, schema: { hide: true } }, async (request, reply) =>
    reply.headers(noStore).send(simulatedCv(cprOf(request.headers))),
  );
  app.get('/simulatorer/jobnet/v1/joboensker', { config: publicAccess, schema: { hide: true } }, async (request, reply) =>
    reply.headers(noStore).send(simulatedJobWishes(cprOf(request.headers))),
  );
  app.get('/simulatorer/dfdg/v1/ledighedsstatus', { config: publicAccess, schema: { hide: true } }, async (request, reply) =>
    reply.headers(noStore).send(simulatedJobSituation(cprOf(request.headers))),
  );

  // Joblog: the activities registered per CPR number, in this app's memory (a simulator's data need not survive a
  // restart), and every x-requestId it took: a replayed one is 412 and registers nothing, as at DFDG.
  const joblog = new Map<
    string,
    { id: string; requestId: string; registreret: string; aktivitet: string; stilling: string | null; arbejdsgiver: string; dato: string }[]
  >();
  const requestIds = new Set<string>();
  app.post('/simulatorer/dfdg/v1/joblog', { config: publicAccess, schema: { hide: true } }, async (request, reply) => {
    const cpr = cprOf(request.headers);
    const requestId = joblogRequestIdHeader.safeParse(request.headers);
    if (!requestId.success)
      throw new AppError('VALIDATION', 'Send a UUID in the x-requestId header.', [{ field: 'x-requestid', message: 'validation.format' }]);
    const activity = joblogActivitySchema.safeParse(request.body);
    if (!activity.success) throw new AppError('VALIDATION', 'The activity is not one Joblog takes.', fieldErrorsFromIssues(activity.error.issues));
    const id = requestId.data['x-requestid'].toLowerCase();
    if (requestIds.has(id))
      return reply
        .code(412)
        .headers(noStore)
        .type('application/problem+json')
        .send({ title: 'Precondition Failed', status: 412, detail: 'x-requestId used before.' });
    requestIds.add(id);
    const entry = { id: randomUUID(), requestId: id, registreret: new Date().toISOString(), ...activity.data };
    joblog.set(cpr, [...(joblog.get(cpr) ?? []), entry]);
    return reply.code(201).headers(noStore).send(entry);
  });
  app.get('/simulatorer/dfdg/v1/joblog', { config: publicAccess, schema: { hide: true } }, async (request, reply) =>
    reply.headers(noStore).send({ aktiviteter: joblog.get(cprOf(request.headers)) ?? [] }),
  );
};
