import type { Audience, Role } from '../../../platform/auth/principal.ts';
import { demoOrganisationId } from '../../organisations/index.ts';

/** A synthetic person the built-in test identity provider can sign in as. None of them exists. */
export type TestPerson = {
  id: string;
  audience: Audience;
  name: string;
  /** Synthetic CPR number (citizens). */
  cpr?: string;
  /** Home municipality (citizens) or employer (staff). */
  municipality?: string;
  roles: Role[];
  vendor?: { cvr: string; name: string };
  /** Staff of an a-kasse or another actor: the organisation their IdP says they work for. */
  organisation?: { id: string; name: string };
};

const staffOf = (name: string) => ({ id: demoOrganisationId(name), name });

// Day 61+ is not a date in any month: CPR numbers of this shape cannot belong to anyone real.
const citizens: [string, string, string][] = [
  ['101', 'Mette Jensen', '6101851234'],
  ['101', 'Ahmed Hassan', '6203921245'],
  ['751', 'Lars Nielsen', '6305781256'],
  ['751', 'Sofie Andersen', '6407001267'],
  ['461', 'Karin Pedersen', '6509681278'],
  ['461', 'Jonas Christensen', '6611991289'],
  ['851', 'Birgitte Larsen', '6712741290'],
  ['851', 'Mikkel Sørensen', '6801031301'],
];

const staff: Role[] = ['caseworker', 'content_owner', 'municipal_admin'];
const staffNames: Record<string, string[]> = {
  '101': ['Anne Kofoed', 'Peter Holm', 'Lene Dahl'],
  '751': ['Rasmus Bech', 'Hanne Vestergaard', 'Ole Kjær'],
  '461': ['Camilla Friis', 'Thomas Lund', 'Susanne Bak'],
  '851': ['Nikolaj Krogh', 'Maria Thomsen', 'Erik Mortensen'],
};

const pad = (n: number) => n.toString(16).padStart(12, '0');

/** Every synthetic person, with stable ids so sessions and records survive restarts of the demo. */
export const testPersons: TestPerson[] = [
  ...citizens.map(([municipality, name, cpr], i): TestPerson => ({
    id: `00000000-0000-4000-8000-${pad(0x100 + i)}`,
    audience: 'citizen',
    name,
    cpr,
    municipality,
    roles: ['citizen'],
  })),
  ...Object.entries(staffNames).flatMap(([municipality, names], m) =>
    staff.map((role, r): TestPerson => ({
      id: `00000000-0000-4000-8000-${pad(0x200 + m * 16 + r)}`,
      audience: 'staff',
      name: names[r] ?? 'Medarbejder',
      municipality,
      roles: [role],
    })),
  ),
  {
    id: `00000000-0000-4000-8000-${pad(0x300)}`,
    audience: 'vendor',
    name: 'Signe Brandt',
    roles: ['vendor_admin'],
    vendor: { cvr: '39000008', name: 'Jobtræner ApS (test)' },
  },
  {
    id: `00000000-0000-4000-8000-${pad(0x301)}`,
    audience: 'vendor',
    name: 'Kasper Winther',
    roles: ['vendor_developer'],
    vendor: { cvr: '39000008', name: 'Jobtræner ApS (test)' },
  },
  {
    id: `00000000-0000-4000-8000-${pad(0x302)}`,
    audience: 'vendor',
    name: 'Louise Falk',
    roles: ['vendor_admin'],
    vendor: { cvr: '39000016', name: 'Kompetencekompasset A/S (test)' },
  },
  { id: `00000000-0000-4000-8000-${pad(0x400)}`, audience: 'governance', name: 'Henrik Lauridsen', roles: ['governance_reviewer'] },
  { id: `00000000-0000-4000-8000-${pad(0x401)}`, audience: 'governance', name: 'Dorte Iversen', roles: ['governance_admin'] },
  // Staff of two a-kasser and of another actor. HK's IdP also calls its caseworker an administrator, as an
  // organisation's own IdP may: the platform grants an a-kasse's or another actor's staff nothing but caseworker.
  { id: `00000000-0000-4000-8000-${pad(0x500)}`, audience: 'staff', name: 'Bente Aagaard', roles: ['caseworker'], organisation: staffOf('3F A-kasse') },
  {
    id: `00000000-0000-4000-8000-${pad(0x501)}`,
    audience: 'staff',
    name: 'Jesper Riis',
    roles: ['caseworker', 'municipal_admin'],
    organisation: staffOf('HK A-kasse'),
  },
  {
    id: `00000000-0000-4000-8000-${pad(0x502)}`,
    audience: 'staff',
    name: 'Sara Holt',
    roles: ['caseworker'],
    organisation: staffOf('Jobkompagniet A/S (test)'),
  },
];

export function findTestPerson(id: string): TestPerson | undefined {
  return testPersons.find((person) => person.id === id);
}
