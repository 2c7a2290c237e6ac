// The Danish towns job ads are placed in: 339 towns of at least 1,000 inhabitants from GeoNames (CC BY 4.0, derived
// by scripts/derive-towns.ts into data/towns.json, see data/README.md), each with its municipality and whether it is
// the municipality's seat. Reference data, read once and never changed; and distances on the same sphere as
// PostgreSQL's earthdistance, so what the code computes and what a query computes agree.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const townSchema = z.object({
  name: z.string().min(1).max(100),
  lat: z.number().min(54).max(58),
  lon: z.number().min(7).max(16),
  population: z.number().int().nonnegative(),
  /** The kommune's three-digit code (the 98 of migrations/0002). */
  municipalityCode: z.string().regex(/^\d{3}$/),
  /** Whether the municipality's administration (rådhus) is in this town; one seat per municipality. */
  seat: z.boolean(),
});
export type Town = Readonly<z.infer<typeof townSchema>>;
export type GeoPoint = { lat: number; lon: number };

/** Every town, sorted by name in Danish order (Aa as Å). */
export const towns: readonly Town[] = Object.freeze(
  z
    .array(townSchema)
    .parse(JSON.parse(readFileSync(new URL('./data/towns.json', import.meta.url), 'utf8')))
    .map((town) => Object.freeze(town)),
);

/**
 * A name folded for comparison: lower case, accents dropped (é → e) but the Danish letters kept (æ, ø, å), and the
 * old spelling aa read as å (Aarhus = Århus, Aabenraa = Åbenrå), spaces and hyphens alike.
 */
function foldName(name: string): string {
  return name
    .toLocaleLowerCase('da')
    .normalize('NFD')
    .replace(/(?!\u030a)\p{M}/gu, '')
    .normalize('NFC')
    .replaceAll('aa', 'å')
    .replace(/[\s-]+/g, ' ')
    .trim();
}

/** Seat first, then the larger town: which of several towns of the same name a name means. */
const byImportance = (a: Town, b: Town) => Number(b.seat) - Number(a.seat) || b.population - a.population;

const folded = towns.map((town) => ({ town, key: foldName(town.name) }));
const seats = new Map(towns.filter((town) => town.seat).map((town) => [town.municipalityCode, town]));

/** The town of that name: the exact name first, else ignoring case and accents; the seat or larger of namesakes. */
export function townByName(name: string): Town | undefined {
  const exact = towns.filter((town) => town.name === name).sort(byImportance)[0];
  if (exact) return exact;
  const key = foldName(name);
  return folded
    .filter((entry) => entry.key === key)
    .map((entry) => entry.town)
    .sort(byImportance)[0];
}

/**
 * Towns for a typeahead: names starting with `prefix` (case and accents ignored), then names with a later word
 * starting with it (Lyngby → Kongens Lyngby), each group seats and larger towns first; at most `limit`.
 */
export function searchTowns(prefix: string, limit = 10): Town[] {
  const key = foldName(prefix);
  if (!key || limit <= 0) return [];
  const starts = folded.filter((entry) => entry.key.startsWith(key)).map((entry) => entry.town);
  const wordStarts = folded.filter((entry) => !entry.key.startsWith(key) && entry.key.includes(` ${key}`)).map((entry) => entry.town);
  return [...starts.sort(byImportance), ...wordStarts.sort(byImportance)].slice(0, limit);
}

/** The seat of a municipality (its rådhus town), or undefined for a code that is none of the 98. */
export function municipalitySeat(code: string): Town | undefined {
  return seats.get(code);
}

/** Where a municipality is, as the position of its seat; undefined for a code that is none of the 98. */
export function municipalityPoint(code: string): GeoPoint | undefined {
  const seat = seats.get(code);
  return seat && { lat: seat.lat, lon: seat.lon };
}

/** earthdistance's earth(): the radius in metres of the sphere PostgreSQL's earth_distance and ll_to_earth use. */
export const EARTH_RADIUS_M = 6_378_168;

/**
 * The great-circle distance in km between two points, computed as PostgreSQL computes
 * `earth_distance(ll_to_earth(a), ll_to_earth(b)) / 1000`: the chord between the points on earthdistance's sphere,
 * turned into the arc (its sec_to_gc), so the two agree to the last few digits.
 */
export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const cartesian = (p: GeoPoint) => [
    EARTH_RADIUS_M * Math.cos(p.lat * rad) * Math.cos(p.lon * rad),
    EARTH_RADIUS_M * Math.cos(p.lat * rad) * Math.sin(p.lon * rad),
    EARTH_RADIUS_M * Math.sin(p.lat * rad),
  ];
  const [ax = 0, ay = 0, az = 0] = cartesian(a);
  const [bx = 0, by = 0, bz = 0] = cartesian(b);
  // cube_distance's own sum of squares (Math.hypot rounds differently).
  const chord = Math.sqrt((ax - bx) ** 2 + (ay - by) ** 2 + (az - bz) ** 2);
  const arc = chord / (2 * EARTH_RADIUS_M) > 1 ? Math.PI * EARTH_RADIUS_M : 2 * EARTH_RADIUS_M * Math.asin(chord / (2 * EARTH_RADIUS_M));
  return arc / 1000;
}
