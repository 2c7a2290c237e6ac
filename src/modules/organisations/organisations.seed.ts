// The demo world's register of organisations: a kommune for each of the 98 municipalities, the recognised a-kasser,
// and two other actors contracted by København and Odense. Idempotent: what exists is left as it is, so a name
// governance or a municipality changed is kept.
import type { SeedPart } from '../../platform/seed.ts';
import { getMunicipality, listAllMunicipalities } from '../municipalities/index.ts';
import { insertContract, insertOrganisation } from './organisations.repository.ts';

// The recognised a-kasser by name. Their real CVR numbers are not known here: these are synthetic placeholders
// that pass the modulus-11 check (the pages say so), and the ids made from them stay stable for the demo.
export const demoAkasser: { name: string; cvr: string }[] = [
  { name: '3F A-kasse', cvr: '55900000' },
  { name: 'HK A-kasse', cvr: '55900019' },
  { name: 'FOA A-kasse', cvr: '55900027' },
  { name: 'Krifa A-kasse', cvr: '55900035' },
  { name: 'Det Faglige Hus A-kasse', cvr: '55900043' },
  { name: 'ASE', cvr: '55900051' },
  { name: 'Akademikernes A-kasse', cvr: '55900078' },
  { name: 'CA A-kasse', cvr: '55900086' },
  { name: 'Min A-kasse', cvr: '55900094' },
  { name: 'Lærernes A-kasse', cvr: '55900108' },
  { name: 'Dansk Metal A-kasse', cvr: '55900116' },
  { name: 'Ingeniørernes A-kasse', cvr: '55900124' },
  { name: 'Magistrenes A-kasse', cvr: '55900132' },
  { name: 'BUPL A-kasse', cvr: '55900140' },
  { name: 'Socialpædagogernes A-kasse', cvr: '55900159' },
  { name: 'El-fagets A-kasse', cvr: '55900167' },
  { name: 'Fødevareforbundet NNF A-kasse', cvr: '55900175' },
  { name: 'Frie Funktionærers A-kasse', cvr: '55900183' },
  { name: 'Teknikernes A-kasse', cvr: '55900191' },
  { name: 'Din Sundhedsfaglige A-kasse', cvr: '55900205' },
];

// Invented providers (the "(test)" says so), on reserved .example domains so nobody is mailed by accident.
export const demoActors: { name: string; cvr: string; municipalityCode: string; email: string; website: string; phone: string }[] = [
  {
    name: 'Jobkompagniet A/S (test)',
    cvr: '56900004',
    municipalityCode: '101',
    email: 'kontakt@jobkompagniet.example',
    website: 'https://jobkompagniet.example',
    phone: '70 10 20 30',
  },
  {
    name: 'Karrierehuset ApS (test)',
    cvr: '56900012',
    municipalityCode: '461',
    email: 'hej@karrierehuset.example',
    website: 'https://karrierehuset.example',
    phone: '66 10 20 30',
  },
];

/** The id of a demo a-kasse or other actor by name (test persons and other modules' demo data). Throws for an unknown name. */
export function demoOrganisationId(name: string): string {
  const akasse = demoAkasser.find((a) => a.name === name);
  if (akasse) return `akasse-${akasse.cvr}`;
  const actor = demoActors.find((a) => a.name === name);
  if (actor) return `aktoer-${actor.cvr}`;
  throw new Error(`no demo organisation named ${name}`);
}

/** Demo world, organisations' part: after municipalities, whose jobcenters name the employment services. */
export const organisationsSeed: SeedPart = {
  name: 'organisations.register',
  async run(db) {
    for (const municipality of await listAllMunicipalities(db)) {
      const jobcenter = municipality.has_jobcenter ? (await getMunicipality(db, municipality.code)).jobcenters[0] : undefined;
      await insertOrganisation(db, {
        id: `kommune-${municipality.code}`,
        kind: 'kommune',
        name: `${municipality.name} Kommune`,
        cvr: null,
        municipality_code: municipality.code,
        employment_service_name: jobcenter?.name ?? null,
      });
    }
    for (const akasse of demoAkasser)
      await insertOrganisation(db, { id: `akasse-${akasse.cvr}`, kind: 'akasse', name: akasse.name, cvr: akasse.cvr, municipality_code: null });
    for (const actor of demoActors) {
      const id = `aktoer-${actor.cvr}`;
      await insertOrganisation(db, {
        id,
        kind: 'anden_aktoer',
        name: actor.name,
        cvr: actor.cvr,
        municipality_code: actor.municipalityCode,
        email: actor.email,
        website: actor.website,
        phone: actor.phone,
      });
      await insertContract(db, { organisation_id: id, municipality_code: actor.municipalityCode, valid_from: '2026-01-01', valid_to: null });
    }
  },
};
