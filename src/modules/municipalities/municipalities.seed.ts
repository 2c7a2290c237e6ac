import type { OpeningHours } from '../../platform/db/schema.ts';
import type { SeedPart } from '../../platform/seed.ts';
import { upsertJobcenter, type JobcenterInput } from './municipalities.repository.ts';

// Demo municipalities: the four largest cities, one in each of four regions. Contact details are
// illustrative demo data on reserved .example domains, so nobody is mailed by accident.
const weekdays = (opens: string, closes: string, friday?: { opens: string; closes: string }): OpeningHours => [
  ...[1, 2, 3, 4].map((weekday) => ({ weekday, opens, closes })),
  { weekday: 5, ...(friday ?? { opens, closes }) },
];

export const demoJobcenters: JobcenterInput[] = [
  {
    municipality_code: '101',
    name: 'Jobcenter København',
    street: 'Kalvebod Brygge 45',
    postal_code: '1560',
    city: 'København V',
    phone: '33 66 00 00',
    email: 'jobcenter@koebenhavn.kommune.example',
    website: 'https://koebenhavn.kommune.example/jobcenter',
    opening_hours: weekdays('09:00', '15:00', { opens: '09:00', closes: '13:00' }),
  },
  {
    municipality_code: '751',
    name: 'Jobcenter Aarhus',
    street: 'Sønderhøj 4',
    postal_code: '8260',
    city: 'Viby J',
    phone: '89 40 22 00',
    email: 'jobcenter@aarhus.kommune.example',
    website: 'https://aarhus.kommune.example/jobcenter',
    opening_hours: weekdays('08:30', '15:00', { opens: '08:30', closes: '12:00' }),
  },
  {
    municipality_code: '461',
    name: 'Jobcenter Odense',
    street: 'Ørbækvej 100',
    postal_code: '5220',
    city: 'Odense SØ',
    phone: '66 13 13 72',
    email: 'jobcenter@odense.kommune.example',
    website: 'https://odense.kommune.example/jobcenter',
    opening_hours: weekdays('08:00', '15:00', { opens: '08:00', closes: '13:00' }),
  },
  {
    municipality_code: '851',
    name: 'Jobcenter Aalborg',
    street: 'Fyensgade 9',
    postal_code: '9000',
    city: 'Aalborg',
    phone: '99 31 33 00',
    email: 'jobcenter@aalborg.kommune.example',
    website: 'https://aalborg.kommune.example/jobcenter',
    opening_hours: weekdays('09:00', '14:30', { opens: '09:00', closes: '12:00' }),
  },
];

/** Demo world, municipalities' part: the demo municipalities' jobcenters. */
export const municipalitiesSeed: SeedPart = {
  name: 'municipalities.jobcenters',
  async run(db) {
    for (const jobcenter of demoJobcenters) await upsertJobcenter(db, jobcenter);
  },
};
