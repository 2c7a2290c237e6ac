// A simulator of Jobnet's job-ad feed (the contract in jobs.feed.ts), served by the app under /simulatorer/jobnet
// outside production like the Data API's simulators (vendor-data.simulators.ts), and on a bare server of its own for
// tests and benchmarks. Deterministic and stateless by design: the whole feed is a function of the seed, the epoch and
// the head — the number of changes so far — so several app processes behind a load balancer answer alike.
//
// The log of changes is numbered 1, 2, 3 …: changes 1..initialAds publish the ads live at the epoch (published over
// the 30 days before it); each later change, chosen by a hash of its number, publishes a new ad (60 %), changes a
// live one (25 %: a new version with another text, other hours or a later deadline) or removes one (15 %). Change
// k > initialAds happens at epoch + (k − initialAds) × changeEverySeconds, so the clock moves the head; tests pin it
// with `setHead` (or `options.head`). The ads are believable Danish job ads (about 1 in 15 in English) for 42
// occupations with their DISCO-08 group and ESCO concept, at invented employers with valid CVR numbers, in Danish
// towns weighted by population.
import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError } from '../../platform/errors.ts';
import { publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { toProblem } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { copenhagenMoment, copenhagenWallClock } from '../../platform/time.ts';
import { fieldErrorsFromIssues } from '../../platform/validation.ts';
import type { FeedAd, FeedChange, FeedChangesPage, FeedSnapshotPage } from './jobs.feed.ts';
import { towns, type Town } from './jobs.places.ts';

// ---------------------------------------------------------------------------------------------------------------
// Occupations and the words of their ads
// ---------------------------------------------------------------------------------------------------------------

/** Which pool of employer names an occupation's ads draw from. */
type EmployerPool =
  | 'logistik'
  | 'transport'
  | 'bus'
  | 'butik'
  | 'bageri'
  | 'omsorg'
  | 'dagtilbud'
  | 'skole'
  | 'sygepleje'
  | 'terapi'
  | 'tandklinik'
  | 'rengoering'
  | 'restauration'
  | 'hotel'
  | 'byggeri'
  | 'el'
  | 'industri'
  | 'foedevarer'
  | 'slagteri'
  | 'kontor'
  | 'it'
  | 'landbrug'
  | 'gartneri'
  | 'frisoer'
  | 'bolig'
  | 'vagt'
  | 'vaerksted'
  | 'kommune';

type Occupation = {
  /** The occupation's title in the taxonomy (stilling.titel). */
  titel: string;
  disco: string;
  /** An ESCO occupation URI, or the ESCO ISCO-group URI where no single occupation fits (never an invented one). */
  esco: string;
  employers: EmployerPool;
  /** How often it is advertised, relative to the others. */
  weight: number;
  /** The share of its ads that are part time. */
  partTime: number;
  /** The share of its ads written in English. */
  english: number;
  /** Whether it is also advertised as an apprenticeship (elevplads). */
  apprentice: boolean;
  /** The noun in the ads' text: singular and plural. */
  noun: [string, string];
  titles: string[];
  duties: string[];
  profile: string[];
  enTitle: string;
  enDuties: string[];
};

const esco = (id: string) => `http://data.europa.eu/esco/occupation/${id}`;
const iscoGroup = (code: string) => `http://data.europa.eu/esco/isco/C${code}`;

const occupations: Occupation[] = [
  {
    titel: 'Lagermedarbejder',
    disco: '9333',
    esco: esco('bea705fe-06ac-4147-b8e0-6e8ac1208d8f'), // warehouse worker
    employers: 'logistik',
    weight: 6,
    partTime: 0.15,
    english: 0.1,
    apprentice: false,
    noun: ['lagermedarbejder', 'lagermedarbejdere'],
    titles: [
      'Lagermedarbejder til {arbejdsgiver}',
      'Lagermedarbejdere søges til lageret i {by}',
      'Erfaren lagermedarbejder til dag- eller aftenhold',
      'Lagermedarbejder – {by}',
    ],
    duties: [
      'Du skal plukke og pakke ordrer med håndterminal og sørge for, at varerne kommer rettidigt ud af huset.',
      'Du bliver en del af holdet på lageret, hvor du tager imod varer, kontrollerer følgesedler og sætter på plads.',
      'Arbejdet på vores lager veksler mellem vareindlevering, plukning, optælling og oprydning.',
      'Du kører med el-palleløfter og hjælper med at holde lageret ryddeligt og sikkert.',
    ],
    profile: [
      'Du har gerne erfaring fra et lager, men det vigtigste er, at du er mødestabil og arbejder omhyggeligt.',
      'Truckcertifikat er en fordel, men ikke et krav – vi sørger for oplæring.',
      'Du kan løfte og arbejde i et højt tempo, og du trives med fysisk arbejde.',
    ],
    enTitle: 'Warehouse worker',
    enDuties: [
      'You will pick and pack orders with a handheld scanner and help keep the warehouse tidy and safe.',
      'You receive goods, check delivery notes and put stock away on the shelves.',
    ],
  },
  {
    titel: 'Truckfører',
    disco: '8344',
    esco: esco('eeac6251-1974-42f5-91ed-513c6c883755'), // forklift operator
    employers: 'logistik',
    weight: 2,
    partTime: 0.05,
    english: 0.06,
    apprentice: false,
    noun: ['truckfører', 'truckførere'],
    titles: ['Truckfører til lager i {by}', 'Erfarne truckførere søges', 'Truckfører med B-certifikat'],
    duties: [
      'Du skal af- og pålæsse lastbiler og køre reoltruck på vores lager.',
      'Dagen går med at flytte paller mellem produktion, lager og udlevering.',
      'Du har ansvar for, at godset bliver placeret korrekt og registreret i lagersystemet.',
    ],
    profile: [
      'Du har truckcertifikat B og gerne et par års erfaring med reoltruck.',
      'Du er sikkerhedsbevidst og holder styr på detaljerne, også når der er travlt.',
    ],
    enTitle: 'Forklift operator',
    enDuties: ['You will load and unload lorries and operate reach trucks in our warehouse.', 'You move pallets between production, storage and dispatch.'],
  },
  {
    titel: 'Lastbilchauffør',
    disco: '8332',
    esco: esco('45037d43-a8f5-4f46-b332-b2935bc305f4'), // cargo vehicle driver
    employers: 'transport',
    weight: 3,
    partTime: 0.05,
    english: 0.05,
    apprentice: false,
    noun: ['lastbilchauffør', 'lastbilchauffører'],
    titles: ['Lastbilchauffør til distributionskørsel', 'Lastbilchauffører med kørekort C/CE søges', 'Lastbilchauffør – fast rute fra {by}'],
    duties: [
      'Du kører distribution til butikker og virksomheder på Sjælland og Fyn med start og slut på vores adresse i {by}.',
      'Du kører fast rute i dagtimerne og hjælper selv med af- og pålæsning.',
      'Vi har travlt og søger flere chauffører til både kran- og distributionskørsel.',
    ],
    profile: [
      'Du har kørekort C eller CE, gyldigt chaufføruddannelsesbevis og digitalt førerkort.',
      'Du er serviceminded over for kunderne og passer godt på bil og gods.',
    ],
    enTitle: 'Lorry driver',
    enDuties: [
      'You drive distribution routes to shops and businesses, starting and ending the day in {by}.',
      'You drive a fixed route in daytime and load and unload yourself.',
    ],
  },
  {
    titel: 'Chauffør',
    disco: '8322',
    esco: esco('0c408028-c48f-4df8-ba5d-c3d3be15f5a2'), // delivery driver
    employers: 'transport',
    weight: 3,
    partTime: 0.3,
    english: 0.08,
    apprentice: false,
    noun: ['chauffør', 'chauffører'],
    titles: ['Chauffør til varebil i {by}', 'Chauffører til pakkeudbringning', 'Budchauffør – dag eller aften', 'Chauffør søges til {arbejdsgiver}'],
    duties: [
      'Du bringer pakker ud til private og erhvervskunder i {by} og omegn i en af vores varebiler.',
      'Som chauffør hos os kører du faste ruter og er ansigtet udadtil over for kunderne.',
      'Vi søger chauffører, der kan køre varer ud til kunder og tage returvarer med tilbage.',
    ],
    profile: [
      'Du har kørekort B og kører sikkert og hensynsfuldt.',
      'Du er frisk, mødestabil og har en god kundeservice.',
      'Erfaring som chauffør er en fordel, men ikke et krav.',
    ],
    enTitle: 'Delivery driver',
    enDuties: [
      'You deliver parcels to homes and businesses in and around {by} in one of our vans.',
      'You drive fixed routes and meet our customers every day.',
    ],
  },
  {
    titel: 'Buschauffør',
    disco: '8331',
    esco: esco('00cee175-1376-43fb-9f02-ba3d7a910a58'), // bus driver
    employers: 'bus',
    weight: 2,
    partTime: 0.35,
    english: 0.03,
    apprentice: false,
    noun: ['buschauffør', 'buschauffører'],
    titles: ['Buschauffører til bybusserne i {by}', 'Buschauffør – fuldtid eller deltid', 'Bliv buschauffør hos {arbejdsgiver}'],
    duties: [
      'Du kører rutebus i {by} og omegn og hjælper passagererne godt på vej.',
      'Vi kører både bybusser, regionale ruter og skolekørsel, og du får en varieret arbejdsuge.',
      'Som buschauffør er du ansigtet udadtil, og du sørger for en tryg og punktlig tur.',
    ],
    profile: ['Du har kørekort D eller er klar til at tage det – vi betaler uddannelsen.', 'Du er rolig, serviceminded og god til mennesker.'],
    enTitle: 'Bus driver',
    enDuties: ['You drive city and regional bus routes in and around {by}.'],
  },
  {
    titel: 'Butiksassistent',
    disco: '5223',
    esco: esco('0b15375e-dfdd-4047-9efb-096e0aaee7d2'), // shop assistant
    employers: 'butik',
    weight: 5,
    partTime: 0.55,
    english: 0.04,
    apprentice: true,
    noun: ['butiksassistent', 'butiksassistenter'],
    titles: [
      'Butiksassistent til {arbejdsgiver}',
      'Servicemindede butiksassistenter søges',
      'Butiksassistent i {by}',
      'Deltidsansat butiksassistent til weekender',
    ],
    duties: [
      'Du betjener kunderne, fylder varer op og hjælper med at holde butikken indbydende.',
      'Dine opgaver er kundeservice, kasse, varebestilling og opfyldning.',
      'Du hjælper kunderne med at finde de rigtige varer og sørger for, at hylderne er fyldte.',
    ],
    profile: ['Du er udadvendt og har et godt smil til kunderne.', 'Erfaring fra detailhandlen er en fordel.', 'Du kan arbejde både hverdage og weekender.'],
    enTitle: 'Shop assistant',
    enDuties: ['You serve customers, work the till and keep the shop well stocked.'],
  },
  {
    titel: 'Kassemedarbejder',
    disco: '5230',
    esco: esco('2b871272-bd61-4206-bd1a-0b96d7023098'), // cashier
    employers: 'butik',
    weight: 2,
    partTime: 0.7,
    english: 0.03,
    apprentice: false,
    noun: ['kassemedarbejder', 'kassemedarbejdere'],
    titles: ['Kassemedarbejder til aften og weekend', 'Kassemedarbejdere til {arbejdsgiver}', 'Kassemedarbejder – {by}'],
    duties: [
      'Du sidder i kassen, hjælper kunderne ved selvbetjeningen og tager dig af pant og returvarer.',
      'Når der er stille i kassen, hjælper du med opfyldning og oprydning i butikken.',
    ],
    profile: ['Du er præcis, ærlig og god til at holde styr på pengene.', 'Du er fyldt 18 år og kan arbejde aften og weekend.'],
    enTitle: 'Cashier',
    enDuties: ['You work the tills, help customers at the self-service checkouts and handle returns.'],
  },
  {
    titel: 'Social- og sundhedshjælper',
    disco: '5322',
    esco: esco('1391bdf9-bd61-4fb5-91ca-c29036ab2b60'), // home care aide
    employers: 'omsorg',
    weight: 5,
    partTime: 0.45,
    english: 0,
    apprentice: true,
    noun: ['social- og sundhedshjælper', 'social- og sundhedshjælpere'],
    titles: ['SOSU-hjælper til hjemmeplejen i {by}', 'Social- og sundhedshjælpere til aftenvagter', 'Social- og sundhedshjælper til {arbejdsgiver}'],
    duties: [
      'Du hjælper borgerne med personlig pleje og praktiske opgaver i deres eget hjem.',
      'Du arbejder i en fast gruppe, hvor vi planlægger ruterne, så borgerne møder de samme ansigter.',
      'Dokumentation i omsorgssystemet er en naturlig del af din hverdag.',
    ],
    profile: [
      'Du er uddannet social- og sundhedshjælper.',
      'Du har kørekort B, da du kører i en af vores biler.',
      'Du er omsorgsfuld, rolig og god til at samarbejde.',
    ],
    enTitle: 'Home care aide',
    enDuties: ['You help citizens with personal care and practical tasks in their own homes.'],
  },
  {
    titel: 'Social- og sundhedsassistent',
    disco: '5321',
    esco: esco('d38c2107-98f2-47b7-8bb4-f69750d51082'), // healthcare assistant
    employers: 'omsorg',
    weight: 4,
    partTime: 0.4,
    english: 0,
    apprentice: true,
    noun: ['social- og sundhedsassistent', 'social- og sundhedsassistenter'],
    titles: ['SOSU-assistent til plejecenter', 'Social- og sundhedsassistenter til dag og aften', 'Social- og sundhedsassistent – {by}'],
    duties: [
      'Du varetager sygeplejefaglige opgaver som medicinhåndtering og sårpleje i tæt samarbejde med sygeplejersker.',
      'Du arbejder på et plejecenter med 40 beboere, hvor vi vægter faglighed og nærvær.',
      'Du er med til at planlægge og dokumentere plejen og støtter beboerne i at klare mest muligt selv.',
    ],
    profile: ['Du er uddannet social- og sundhedsassistent og har dansk autorisation.', 'Du er fagligt engageret og trives med ansvar.'],
    enTitle: 'Healthcare assistant',
    enDuties: ['You handle medication and wound care in close cooperation with our nurses.'],
  },
  {
    titel: 'Pædagog',
    disco: '2342',
    esco: esco('55d60ead-0343-4008-b9e4-fb4b5a179c83'), // early years teacher
    employers: 'dagtilbud',
    weight: 4,
    partTime: 0.25,
    english: 0,
    apprentice: false,
    noun: ['pædagog', 'pædagoger'],
    titles: ['Pædagog til vuggestuegruppe', 'Pædagoger til {arbejdsgiver}', 'Engageret pædagog til børnehaven', 'Pædagog – {by}'],
    duties: [
      'Du skal være med til at skabe trygge og udviklende rammer for børn i alderen 0-6 år.',
      'Vi arbejder med udeliv, leg og sprog, og du får stor indflydelse på hverdagens aktiviteter.',
      'Du indgår i et team af pædagoger og pædagogmedhjælpere og har et tæt samarbejde med forældrene.',
    ],
    profile: [
      'Du er uddannet pædagog.',
      'Du er nærværende, har humor og sætter barnets perspektiv i centrum.',
      'Du kan formidle dit faglige arbejde til kolleger og forældre.',
    ],
    enTitle: 'Early years teacher',
    enDuties: ['You create safe and stimulating days for children aged 0 to 6.'],
  },
  {
    titel: 'Pædagogmedhjælper',
    disco: '5311',
    esco: esco('3413f234-6230-47a8-8cc7-2691fd54ce3a'), // child care worker
    employers: 'dagtilbud',
    weight: 3,
    partTime: 0.45,
    english: 0,
    apprentice: false,
    noun: ['pædagogmedhjælper', 'pædagogmedhjælpere'],
    titles: ['Pædagogmedhjælper til børnehave', 'Pædagogmedhjælpere til vikarkorps', 'Pædagogmedhjælper – {by}'],
    duties: [
      'Du deltager i hverdagens gøremål med børnene: leg, måltider, bleskift og ture i naturen.',
      'Du bliver en del af et team, der arbejder med børnenes trivsel og fællesskab.',
    ],
    profile: ['Du har erfaring med børn, gerne fra en daginstitution.', 'Du er ansvarlig, glad og har lyst til at lære.'],
    enTitle: 'Child care worker',
    enDuties: ['You join the children in play, meals and trips outdoors.'],
  },
  {
    titel: 'Rengøringsassistent',
    disco: '9112',
    esco: esco('303a1e34-cb16-4054-b323-81e5eec17397'), // building cleaner
    employers: 'rengoering',
    weight: 4,
    partTime: 0.6,
    english: 0.12,
    apprentice: false,
    noun: ['rengøringsassistent', 'rengøringsassistenter'],
    titles: ['Rengøringsassistent til kontorer i {by}', 'Rengøringsassistenter til morgenhold', 'Rengøringsassistent – deltid'],
    duties: [
      'Du gør rent på kontorer, mødelokaler og kantiner hos vores kunder i {by}.',
      'Arbejdet foregår tidligt om morgenen, før kunderne møder ind.',
      'Du har dit eget område og arbejder selvstændigt med støtte fra en fast områdeleder.',
    ],
    profile: ['Du er grundig, selvstændig og stabil.', 'Erfaring med rengøring er en fordel, men vi oplærer dig.'],
    enTitle: 'Cleaner',
    enDuties: [
      'You clean offices, meeting rooms and canteens for our customers in {by}.',
      'The work takes place early in the morning, before our customers arrive.',
    ],
  },
  {
    titel: 'Kok',
    disco: '5120',
    esco: esco('90f75f67-495d-49fa-ab57-2f320e251d7e'), // cook
    employers: 'restauration',
    weight: 3,
    partTime: 0.2,
    english: 0.1,
    apprentice: true,
    noun: ['kok', 'kokke'],
    titles: ['Kok til kantine i {by}', 'Kokke til travl restaurant', 'Kok til {arbejdsgiver}'],
    duties: [
      'Du laver frokost til omkring 250 gæster hver dag med fokus på årstidens råvarer.',
      'Du er med til at planlægge menuer, bestille varer og holde egenkontrollen.',
      'Du står for det varme køkken og har ansvar for, at maden kommer ud til tiden.',
    ],
    profile: ['Du er uddannet kok eller ernæringsassistent.', 'Du er struktureret, hygiejnebevidst og god til at samarbejde.'],
    enTitle: 'Cook',
    enDuties: ['You cook lunch for around 250 guests a day with seasonal produce.', 'You plan menus, order goods and keep our food safety records.'],
  },
  {
    titel: 'Køkkenmedhjælper',
    disco: '9412',
    esco: esco('f756fdab-7726-4c48-bfcc-94ff8810fc08'), // kitchen porter
    employers: 'restauration',
    weight: 2,
    partTime: 0.55,
    english: 0.12,
    apprentice: false,
    noun: ['køkkenmedhjælper', 'køkkenmedhjælpere'],
    titles: ['Køkkenmedhjælper til opvask og forberedelse', 'Køkkenmedhjælpere – {by}'],
    duties: ['Du hjælper med forberedelse, anretning og opvask i et travlt køkken.', 'Du holder køkkenet rent og hjælper kokkene, hvor der er brug for det.'],
    profile: ['Du er hurtig, grundig og kan tåle et højt tempo.'],
    enTitle: 'Kitchen assistant',
    enDuties: ['You help with preparation, plating and dishwashing in a busy kitchen.'],
  },
  {
    titel: 'Tjener',
    disco: '5131',
    esco: esco('d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471'), // waiter/waitress
    employers: 'restauration',
    weight: 2,
    partTime: 0.6,
    english: 0.12,
    apprentice: true,
    noun: ['tjener', 'tjenere'],
    titles: ['Tjenere til sæsonen', 'Tjener til restaurant i {by}', 'Erfaren tjener – aften og weekend'],
    duties: [
      'Du tager imod gæsterne, serverer og sørger for, at de får en god oplevelse.',
      'Du vejleder om vin og menu og hjælper med at gøre klar til service.',
    ],
    profile: ['Du har erfaring fra restaurationsbranchen.', 'Du er smilende og bevarer overblikket, når der er fuldt hus.'],
    enTitle: 'Waiter',
    enDuties: ['You welcome guests, serve and make sure they have a great evening.'],
  },
  {
    titel: 'Tømrer',
    disco: '7115',
    esco: esco('2a22ff9e-de3b-408d-b312-5034896cc4f4'), // carpenter
    employers: 'byggeri',
    weight: 3,
    partTime: 0.02,
    english: 0.08,
    apprentice: true,
    noun: ['tømrer', 'tømrere'],
    titles: ['Tømrer til renovering og nybyg', 'Tømrere søges til {arbejdsgiver}', 'Tømrer – {by} og omegn'],
    duties: [
      'Du arbejder med tagrenoveringer, vinduesudskiftning og tilbygninger hos private kunder.',
      'Opgaverne spænder fra nybyggeri til renovering, og du får din egen bil med værktøj.',
      'Du indgår i et sjak på tre-fire mand og har direkte kontakt med kunderne.',
    ],
    profile: ['Du er uddannet tømrer og har gerne nogle års erfaring.', 'Du har kørekort B og tager ansvar for kvaliteten.'],
    enTitle: 'Carpenter',
    enDuties: ['You work on roof renovations, new windows and extensions for private customers.'],
  },
  {
    titel: 'Elektriker',
    disco: '7411',
    esco: esco('4910419f-b4af-4f59-b544-9dbebc8a74f0'), // electrician
    employers: 'el',
    weight: 3,
    partTime: 0.02,
    english: 0.08,
    apprentice: true,
    noun: ['elektriker', 'elektrikere'],
    titles: ['Elektriker til service og installation', 'Elektrikere til {arbejdsgiver}', 'Elektriker – {by}'],
    duties: [
      'Du udfører el-installationer i boliger og erhverv og klarer fejlfinding og service.',
      'Du arbejder med alt fra ladestandere og solceller til tavlearbejde.',
      'Du planlægger selv din dag i samarbejde med vores serviceleder.',
    ],
    profile: ['Du er uddannet elektriker.', 'Du er selvstændig, grundig og god til at tale med kunderne.'],
    enTitle: 'Electrician',
    enDuties: ['You carry out electrical installations in homes and businesses and handle fault finding.'],
  },
  {
    titel: 'VVS-montør',
    disco: '7126',
    esco: esco('ed3cf43d-c2c1-4c46-82fc-1375e27e0290'), // plumber
    employers: 'byggeri',
    weight: 2,
    partTime: 0.02,
    english: 0.05,
    apprentice: true,
    noun: ['VVS-montør', 'VVS-montører'],
    titles: ['VVS-montør til service', 'VVS-montører til nybyggeri', 'VVS-montør – {by}'],
    duties: [
      'Du servicerer varmeanlæg og udskifter badeværelser hos private kunder.',
      'Du arbejder med installation af varmepumper og rør i nybyggeri og renovering.',
    ],
    profile: ['Du er uddannet VVS-energispecialist eller VVS-montør.', 'Du har kørekort B og et godt humør.'],
    enTitle: 'Plumber',
    enDuties: ['You service heating systems and fit bathrooms for private customers.'],
  },
  {
    titel: 'Maler',
    disco: '7131',
    esco: esco('15620506-fb5d-49cd-87a2-1c9047fb406a'), // construction painter
    employers: 'byggeri',
    weight: 1,
    partTime: 0.05,
    english: 0.08,
    apprentice: true,
    noun: ['maler', 'malere'],
    titles: ['Malere til boligrenovering', 'Maler – {by}'],
    duties: ['Du maler lejligheder, kontorer og facader og klarer spartling og forberedelse.', 'Du arbejder både inde og ude afhængigt af sæsonen.'],
    profile: ['Du er uddannet maler og sætter en ære i et flot resultat.'],
    enTitle: 'Painter',
    enDuties: ['You paint flats, offices and façades, including filling and preparation.'],
  },
  {
    titel: 'Murer',
    disco: '7112',
    esco: esco('05f321f8-055b-407d-bf19-e0ddabda56b7'), // bricklayer
    employers: 'byggeri',
    weight: 1,
    partTime: 0.02,
    english: 0.1,
    apprentice: true,
    noun: ['murer', 'murere'],
    titles: ['Murer til renovering', 'Murere søges – {by}'],
    duties: ['Du arbejder med murværk, flisearbejde og badeværelser.', 'Du indgår i et sjak, der renoverer boligblokke og institutioner.'],
    profile: ['Du er uddannet murer og vant til at arbejde selvstændigt.'],
    enTitle: 'Bricklayer',
    enDuties: ['You work on brickwork, tiling and bathrooms in renovation projects.'],
  },
  {
    titel: 'Smed',
    disco: '7214',
    esco: iscoGroup('7214'), // structural-metal preparers and erectors: no single ESCO occupation is the Danish smed
    employers: 'industri',
    weight: 2,
    partTime: 0.02,
    english: 0.08,
    apprentice: true,
    noun: ['smed', 'smede'],
    titles: ['Smed til stålkonstruktioner', 'Smede til værksted i {by}', 'Klejnsmed – {by}'],
    duties: [
      'Du fremstiller og monterer stålkonstruktioner, trapper og rækværk.',
      'Du svejser, klipper og bukker på værkstedet og tager med ud til montage.',
      'Du læser tegninger og arbejder efter kundens mål.',
    ],
    profile: ['Du er uddannet smed og har svejsecertifikat.', 'Du er præcis og arbejder sikkert.'],
    enTitle: 'Metalworker',
    enDuties: ['You fabricate and install steel structures, stairs and railings.'],
  },
  {
    titel: 'Produktionsmedarbejder',
    disco: '8160',
    esco: esco('e3dc66de-99c7-4607-a82b-7244036d316d'), // food production operator
    employers: 'foedevarer',
    weight: 4,
    partTime: 0.1,
    english: 0.12,
    apprentice: false,
    noun: ['produktionsmedarbejder', 'produktionsmedarbejdere'],
    titles: ['Produktionsmedarbejdere til treholdsskift', 'Produktionsmedarbejder til fødevareproduktion', 'Produktionsmedarbejder – {by}'],
    duties: [
      'Du betjener pakkemaskiner og produktionsanlæg og sørger for, at kvaliteten er i orden.',
      'Du arbejder i skiftehold og har ansvar for din egen linje.',
      'Du tjekker temperaturer og hygiejne og registrerer i vores kvalitetssystem.',
    ],
    profile: ['Du er stabil og trives med faste rutiner.', 'Du har gerne erfaring fra fødevareindustrien.'],
    enTitle: 'Production operator',
    enDuties: ['You operate packing machines and production lines and check quality.', 'You work in shifts and are responsible for your own line.'],
  },
  {
    titel: 'Slagteriarbejder',
    disco: '7511',
    esco: esco('34ec79d0-85fb-445a-a5f2-df51b70c6375'), // slaughterer
    employers: 'slagteri',
    weight: 1,
    partTime: 0.02,
    english: 0.15,
    apprentice: false,
    noun: ['slagteriarbejder', 'slagteriarbejdere'],
    titles: ['Slagteriarbejdere til udskæring', 'Slagteriarbejder – {by}'],
    duties: ['Du arbejder med udskæring og pakning af kød på vores slagteri.', 'Du oplæres i de knivopgaver, du skal løse.'],
    profile: ['Du er i god fysisk form og mødestabil.'],
    enTitle: 'Slaughterhouse worker',
    enDuties: ['You cut and pack meat at our slaughterhouse.'],
  },
  {
    titel: 'Bager',
    disco: '7512',
    esco: esco('1aadb308-432a-4d01-b54b-b4f7f76dd419'), // baker
    employers: 'bageri',
    weight: 1,
    partTime: 0.2,
    english: 0.05,
    apprentice: true,
    noun: ['bager', 'bagere'],
    titles: ['Bager til morgenholdet', 'Bager – {by}'],
    duties: ['Du bager brød, kager og morgenbrød fra bunden.', 'Du møder tidligt og står for ovnene, så butikken er klar kl. 6.'],
    profile: ['Du er uddannet bager og holder af håndværket.'],
    enTitle: 'Baker',
    enDuties: ['You bake bread and pastries from scratch, starting early in the morning.'],
  },
  {
    titel: 'Sygeplejerske',
    disco: '2221',
    esco: esco('8d3e8aaa-791b-4c75-a465-f3f827028f50'), // nurse responsible for general care
    employers: 'sygepleje',
    weight: 4,
    partTime: 0.3,
    english: 0.02,
    apprentice: false,
    noun: ['sygeplejerske', 'sygeplejersker'],
    titles: [
      'Sygeplejerske til medicinsk afdeling',
      'Sygeplejersker til akutmodtagelsen',
      'Sygeplejerske til hjemmesygeplejen i {by}',
      'Erfaren sygeplejerske – {by}',
    ],
    duties: [
      'Du plejer og behandler patienter med komplekse forløb i tæt samarbejde med læger og terapeuter.',
      'Vi er en afdeling med mange dygtige sygeplejersker, og vi prioriterer faglig sparring højt.',
      'Du kører ud til borgere i eget hjem og løser sygeplejeopgaver som sårpleje, medicin og katetre.',
    ],
    profile: [
      'Du er uddannet sygeplejerske med dansk autorisation.',
      'Du er fagligt nysgerrig og trives med ansvar.',
      'Nyuddannede sygeplejersker er også velkomne.',
    ],
    enTitle: 'Nurse',
    enDuties: ['You care for patients with complex needs in close cooperation with doctors and therapists.'],
  },
  {
    titel: 'Fysioterapeut',
    disco: '2264',
    esco: esco('006cc1f9-2841-41c3-991a-dc3f2f3bd533'), // physiotherapist
    employers: 'terapi',
    weight: 1,
    partTime: 0.3,
    english: 0.05,
    apprentice: false,
    noun: ['fysioterapeut', 'fysioterapeuter'],
    titles: ['Fysioterapeut til genoptræning', 'Fysioterapeut – {by}'],
    duties: ['Du står for genoptræning af borgere efter sygehusophold.', 'Du arbejder med holdtræning og individuelle forløb.'],
    profile: ['Du er uddannet fysioterapeut med dansk autorisation.'],
    enTitle: 'Physiotherapist',
    enDuties: ['You run rehabilitation for citizens after a hospital stay.'],
  },
  {
    titel: 'Tandklinikassistent',
    disco: '3251',
    esco: esco('bdc74965-1d1a-4f8e-a490-9cf71f494e02'), // dental chairside assistant
    employers: 'tandklinik',
    weight: 1,
    partTime: 0.4,
    english: 0.02,
    apprentice: true,
    noun: ['tandklinikassistent', 'tandklinikassistenter'],
    titles: ['Tandklinikassistent til privat klinik', 'Tandklinikassistent – {by}'],
    duties: ['Du assisterer ved stolen, tager imod patienter og holder styr på sterilisation.'],
    profile: ['Du er uddannet tandklinikassistent og god til mennesker.'],
    enTitle: 'Dental assistant',
    enDuties: ['You assist at the chair, welcome patients and look after sterilisation.'],
  },
  {
    titel: 'IT-supporter',
    disco: '3512',
    esco: esco('aaeec9a7-dc57-4485-890c-86b3eef735f9'), // ICT help desk agent
    employers: 'it',
    weight: 2,
    partTime: 0.05,
    english: 0.15,
    apprentice: true,
    noun: ['IT-supporter', 'IT-supportere'],
    titles: ['IT-supporter til servicedesk', 'IT-supporter med flair for brugere', 'IT-supporter – {by}'],
    duties: [
      'Du tager imod henvendelser fra brugerne på telefon og mail og løser problemer med pc, print og Microsoft 365.',
      'Du klargør computere, opretter brugere og hjælper kolleger med at komme godt i gang.',
    ],
    profile: ['Du er uddannet datatekniker eller har tilsvarende erfaring.', 'Du er tålmodig og god til at forklare teknik i et almindeligt sprog.'],
    enTitle: 'IT support technician',
    enDuties: ['You handle user requests by phone and e-mail and fix problems with PCs, printers and Microsoft 365.'],
  },
  {
    titel: 'Softwareudvikler',
    disco: '2512',
    esco: esco('f2b15a0e-e65a-438a-affb-29b9d50b77d1'), // software developer
    employers: 'it',
    weight: 2,
    partTime: 0.02,
    english: 0.35,
    apprentice: false,
    noun: ['softwareudvikler', 'softwareudviklere'],
    titles: ['Softwareudvikler til vores produktteam', 'Erfaren softwareudvikler (TypeScript)', 'Softwareudvikler – {by}'],
    duties: [
      'Du udvikler webapplikationer i TypeScript og arbejder tæt sammen med brugerne.',
      'Du er med fra idé til drift og tager ansvar for kvalitet, test og sikkerhed.',
    ],
    profile: ['Du har en relevant uddannelse eller tilsvarende erfaring.', 'Du kan lide at dele viden og lære af andre.'],
    enTitle: 'Software developer',
    enDuties: [
      'You build web applications in TypeScript and work closely with our users.',
      'You take part from idea to operation, owning quality, tests and security.',
    ],
  },
  {
    titel: 'Bogholder',
    disco: '3313',
    esco: esco('c3aae59e-1441-4b3e-bdd1-6da50dc7cf42'), // bookkeeper
    employers: 'kontor',
    weight: 2,
    partTime: 0.35,
    english: 0.06,
    apprentice: false,
    noun: ['bogholder', 'bogholdere'],
    titles: ['Bogholder til økonomiafdelingen', 'Bogholder på deltid', 'Bogholder – {by}'],
    duties: [
      'Du står for debitor- og kreditorbogholderi, bankafstemning og momsindberetning.',
      'Du hjælper med månedsafslutning og årsregnskab i samarbejde med vores revisor.',
    ],
    profile: ['Du har erfaring med bogføring, gerne i e-conomic eller Dynamics.', 'Du er struktureret og har sans for tal.'],
    enTitle: 'Bookkeeper',
    enDuties: ['You handle accounts payable and receivable, bank reconciliation and VAT returns.'],
  },
  {
    titel: 'Kundeservicemedarbejder',
    disco: '4222',
    esco: esco('b7b75eb6-34bc-462d-b412-eed393cc1397'), // customer contact centre information clerk
    employers: 'kontor',
    weight: 3,
    partTime: 0.4,
    english: 0.08,
    apprentice: false,
    noun: ['kundeservicemedarbejder', 'kundeservicemedarbejdere'],
    titles: ['Kundeservicemedarbejdere til vores kundecenter', 'Kundeservicemedarbejder – {by}', 'Kundeservicemedarbejder på deltid'],
    duties: [
      'Du besvarer kundernes henvendelser på telefon, mail og chat og finder gode løsninger.',
      'Du hjælper kunder med fakturaer, flytninger og aftaler og registrerer sagerne i vores system.',
    ],
    profile: ['Du er positiv, tålmodig og skriver et godt dansk.', 'Du er vant til at arbejde ved en computer.'],
    enTitle: 'Customer service agent',
    enDuties: ['You answer customers by phone, e-mail and chat and find good solutions.'],
  },
  {
    titel: 'Kontorassistent',
    disco: '4110',
    esco: esco('6c999fc7-c6b7-4ef3-a4b9-af124a1783a2'), // office clerk
    employers: 'kontor',
    weight: 2,
    partTime: 0.35,
    english: 0.04,
    apprentice: true,
    noun: ['kontorassistent', 'kontorassistenter'],
    titles: ['Kontorassistent til sekretariatet', 'Kontorassistent – {by}'],
    duties: [
      'Du tager telefonen, journaliserer post og hjælper med mødeplanlægning.',
      'Du har en bred vifte af administrative opgaver og mange kolleger at hjælpe.',
    ],
    profile: ['Du har en kontoruddannelse eller tilsvarende erfaring.', 'Du er god til Microsoft 365.'],
    enTitle: 'Office clerk',
    enDuties: ['You answer the phone, register post and help plan meetings.'],
  },
  {
    titel: 'Receptionist',
    disco: '4226',
    esco: esco('f7b04542-d8c7-42db-8475-e63b507cce82'), // receptionist
    employers: 'hotel',
    weight: 1,
    partTime: 0.4,
    english: 0.2,
    apprentice: false,
    noun: ['receptionist', 'receptionister'],
    titles: ['Receptionist til hotel i {by}', 'Receptionist – dag og aften'],
    duties: ['Du tager imod gæster, klarer ind- og udtjekning og svarer på spørgsmål.'],
    profile: ['Du taler dansk og engelsk og er serviceminded.'],
    enTitle: 'Receptionist',
    enDuties: ['You welcome guests, handle check-in and check-out and answer questions.'],
  },
  {
    titel: 'Salgskonsulent',
    disco: '3322',
    esco: esco('14031d4a-6e99-442f-b4fe-18262b6432b2'), // commercial sales representative
    employers: 'kontor',
    weight: 2,
    partTime: 0.05,
    english: 0.1,
    apprentice: false,
    noun: ['salgskonsulent', 'salgskonsulenter'],
    titles: ['Salgskonsulent til erhvervskunder', 'Salgskonsulent – {by} og omegn'],
    duties: ['Du besøger erhvervskunder, finder nye kunder og følger op på tilbud.', 'Du får et eget distrikt og frihed under ansvar.'],
    profile: ['Du har erfaring med B2B-salg og kørekort B.'],
    enTitle: 'Sales representative',
    enDuties: ['You visit business customers, find new ones and follow up on quotes.'],
  },
  {
    titel: 'Landbrugsmedhjælper',
    disco: '9212',
    esco: esco('65bd2342-f7de-4932-9164-eb480e35a791'), // livestock worker
    employers: 'landbrug',
    weight: 2,
    partTime: 0.1,
    english: 0.25,
    apprentice: true,
    noun: ['landbrugsmedhjælper', 'landbrugsmedhjælpere'],
    titles: ['Landbrugsmedhjælper til svinestald', 'Staldmedarbejder til kvægbrug', 'Landbrugsmedhjælper – {by}'],
    duties: [
      'Du passer dyrene, fodrer, muger ud og holder øje med dyrenes sundhed.',
      'Du hjælper også med markarbejde og vedligeholdelse af maskiner i sæsonen.',
    ],
    profile: ['Du har erfaring med dyr eller landbrug.', 'Du har kørekort B og gerne traktorkørekort.'],
    enTitle: 'Farm worker',
    enDuties: ['You look after the animals, feed them and keep an eye on their health.', 'In season you also help in the fields and with machinery.'],
  },
  {
    titel: 'Anlægsgartner',
    disco: '6113',
    esco: esco('e7970c7a-7769-4002-87d3-0a8ea94fdd6f'), // landscape gardener
    employers: 'gartneri',
    weight: 1,
    partTime: 0.05,
    english: 0.1,
    apprentice: true,
    noun: ['anlægsgartner', 'anlægsgartnere'],
    titles: ['Anlægsgartner til grønne områder', 'Anlægsgartner – {by}'],
    duties: ['Du anlægger og plejer haver, parker og grønne områder.', 'Du arbejder med belægning, beplantning og små maskiner.'],
    profile: ['Du er uddannet anlægsgartner eller har erfaring fra branchen.'],
    enTitle: 'Landscape gardener',
    enDuties: ['You build and maintain gardens, parks and green spaces.'],
  },
  {
    titel: 'Automekaniker',
    disco: '7231',
    esco: esco('4ad4024e-d1d3-4dea-b6d1-2c7948111dce'), // vehicle technician
    employers: 'vaerksted',
    weight: 2,
    partTime: 0.02,
    english: 0.05,
    apprentice: true,
    noun: ['automekaniker', 'automekanikere'],
    titles: ['Automekaniker til værksted', 'Mekaniker – {by}'],
    duties: ['Du udfører service, reparationer og fejlfinding på personbiler og varebiler.', 'Du arbejder med både benzin-, diesel- og elbiler.'],
    profile: ['Du er uddannet automekaniker eller personvognsmekaniker.'],
    enTitle: 'Car mechanic',
    enDuties: ['You service, repair and diagnose cars and vans.'],
  },
  {
    titel: 'Frisør',
    disco: '5141',
    esco: esco('099c6bb0-22d3-4c5d-8bf5-70910af381ef'), // hairdresser
    employers: 'frisoer',
    weight: 1,
    partTime: 0.45,
    english: 0.03,
    apprentice: true,
    noun: ['frisør', 'frisører'],
    titles: ['Frisør til salon i {by}', 'Frisør – fuldtid eller deltid'],
    duties: ['Du klipper, farver og rådgiver kunderne om pleje og produkter.'],
    profile: ['Du er uddannet frisør og følger med i trends.'],
    enTitle: 'Hairdresser',
    enDuties: ['You cut and colour hair and advise customers on care and products.'],
  },
  {
    titel: 'Ejendomsservicetekniker',
    disco: '5153',
    esco: esco('1822bfc2-e735-449f-ba00-ca71eb5c062b'), // building caretaker
    employers: 'bolig',
    weight: 1,
    partTime: 0.1,
    english: 0.03,
    apprentice: true,
    noun: ['ejendomsservicetekniker', 'ejendomsserviceteknikere'],
    titles: ['Ejendomsservicetekniker til boligafdeling', 'Ejendomsservicetekniker – {by}'],
    duties: ['Du holder bygninger og udearealer i orden og hjælper beboerne med små reparationer.', 'Du klarer flyttesyn og har kontakt med håndværkere.'],
    profile: ['Du har en håndværksmæssig baggrund og er god til mennesker.'],
    enTitle: 'Building caretaker',
    enDuties: ['You look after buildings and grounds and help tenants with small repairs.'],
  },
  {
    titel: 'Sikkerhedsvagt',
    disco: '5414',
    esco: esco('31808988-fc0a-4bc3-9e47-27216d6759f5'), // security guard
    employers: 'vagt',
    weight: 1,
    partTime: 0.35,
    english: 0.08,
    apprentice: false,
    noun: ['sikkerhedsvagt', 'sikkerhedsvagter'],
    titles: ['Sikkerhedsvagter til nat og weekend', 'Sikkerhedsvagt – {by}'],
    duties: ['Du patruljerer, overvåger adgang og rykker ud på alarmer.'],
    profile: ['Du har vagtkort eller er klar til at tage det og har ren straffeattest.'],
    enTitle: 'Security guard',
    enDuties: ['You patrol, monitor access and respond to alarms.'],
  },
  {
    titel: 'Folkeskolelærer',
    disco: '2341',
    esco: esco('03d79393-7b30-4159-945b-01963eddd302'), // primary school teacher
    employers: 'skole',
    weight: 2,
    partTime: 0.1,
    english: 0,
    apprentice: false,
    noun: ['lærer', 'lærere'],
    titles: ['Lærer til indskolingen', 'Lærere med linjefag i matematik og dansk', 'Folkeskolelærer – {by}'],
    duties: [
      'Du underviser i dansk og matematik i indskolingen og indgår i et stærkt teamsamarbejde.',
      'Du er med til at skabe en skole, hvor alle børn trives og lærer.',
    ],
    profile: ['Du er uddannet lærer.', 'Du er tydelig, nærværende og har lyst til at udvikle undervisningen.'],
    enTitle: 'Primary school teacher',
    enDuties: ['You teach Danish and mathematics to the youngest pupils.'],
  },
  {
    titel: 'Socialrådgiver',
    disco: '2635',
    esco: esco('4b05bef2-ded4-4b09-ab94-f4c6a555a775'), // social worker
    employers: 'kommune',
    weight: 2,
    partTime: 0.1,
    english: 0,
    apprentice: false,
    noun: ['socialrådgiver', 'socialrådgivere'],
    titles: ['Socialrådgiver til jobcentret', 'Socialrådgivere til børn og familie', 'Socialrådgiver – {by}'],
    duties: [
      'Du har en sagsstamme af borgere, som du hjælper tættere på job eller uddannelse.',
      'Du samarbejder med virksomheder, a-kasser og sundhedsfaglige om borgernes forløb.',
    ],
    profile: ['Du er uddannet socialrådgiver.', 'Du kender beskæftigelseslovgivningen og er god til at skrive.'],
    enTitle: 'Social worker',
    enDuties: ['You help a caseload of citizens closer to a job or education.'],
  },
];

// Employers: names from a pool per kind of workplace, with a CVR number derived from the name (the same name, the same CVR).
const surnames = [
  'Hansen',
  'Jensen',
  'Nielsen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Poulsen',
  'Johansen',
  'Møller',
  'Mortensen',
  'Knudsen',
];
const placeWords = [
  'Solbakken',
  'Egebjerg',
  'Lindegården',
  'Skovly',
  'Bøgehøj',
  'Havbakken',
  'Engly',
  'Rosenhaven',
  'Kildegården',
  'Møllebakken',
  'Fjordglimt',
  'Birkely',
];
const flowers = ['Mælkebøtten', 'Solsikken', 'Kløveren', 'Valmuen', 'Anemonen', 'Bellis', 'Tusindfryd', 'Regnbuen', 'Troldehøjen', 'Spiren'];
const directions = ['Nord', 'Syd', 'Øst', 'Vest', 'Midt'];

const employerPatterns: Record<EmployerPool, string[]> = {
  logistik: ['{retning}lager A/S', '{by} Fragtcentral ApS', 'Dansk Distribution A/S', '{efternavn} Logistik ApS', 'Lagerhotellet {by} ApS'],
  transport: ['Vognmand {efternavn} ApS', '{efternavn} Transport A/S', '{by} Budservice ApS', '{retning}fragt A/S'],
  bus: ['{by} Bybusser A/S', '{retning}bus A/S', 'Turistbusser {efternavn} ApS'],
  butik: ['Dagligvarehuset {by} ApS', '{efternavn}s Supermarked ApS', 'Sko & Stil {by} ApS', '{by} Byggemarked A/S', 'Boghandlen i {by} ApS'],
  bageri: ['Bager {efternavn} ApS', '{by} Bageri ApS', 'Konditoriet {sted} ApS'],
  omsorg: ['Plejecentret {sted}', 'Hjemmeplejen {by}', 'Privat Hjemmepleje {efternavn} ApS', 'Bostedet {sted}'],
  dagtilbud: ['Børnehuset {blomst}', 'Daginstitution {blomst}', 'Vuggestuen {blomst}', 'Den selvejende børnehave {blomst}'],
  skole: ['{by} Skole', 'Skolen på {sted}', '{by} Friskole'],
  sygepleje: ['Regionshospitalet {by}', 'Hjemmesygeplejen {by}', 'Sundhedshuset {by}', 'Privathospitalet {sted}'],
  terapi: ['Fysioterapi {by} ApS', 'Genoptræningscentret {by}', 'Sundhedshuset {by}'],
  tandklinik: ['Tandklinikken {by} ApS', 'Tandlæge {efternavn} ApS', 'Tandlægehuset {sted} ApS'],
  rengoering: ['{efternavn} Rengøring ApS', 'Rent & Pænt {by} ApS', 'Dansk Facility Service A/S', '{retning}rengøring ApS'],
  restauration: ['Restaurant {sted}', 'Kantinen i {by} ApS', 'Café {blomst}', 'Hotel {sted} {by} A/S'],
  hotel: ['Hotel {sted} {by} A/S', '{by} Strandhotel A/S', 'Konferencecentret {sted} ApS'],
  byggeri: [
    'Tømrerfirmaet {efternavn} & Søn ApS',
    '{efternavn} Byg ApS',
    'VVS-{efternavn} ApS',
    'Malerfirmaet {efternavn} ApS',
    '{by} Murer og Entreprenør ApS',
  ],
  el: ['{by} El-service ApS', 'El-installatør {efternavn} A/S', '{retning}el ApS'],
  industri: ['{by} Metal A/S', '{efternavn} Maskinfabrik A/S', 'Dansk Stål & Smedie ApS', '{retning}staal ApS'],
  foedevarer: ['{by} Fødevarer A/S', '{retning}mejeriet A/S', '{efternavn} Pålæg ApS', 'Dansk Frugt & Grønt A/S'],
  slagteri: ['Slagteriet {by} A/S', '{retning}slagteriet A/S', '{by} Kødindustri ApS'],
  kontor: ['{efternavn} & Partnere ApS', 'Kontorservice {by} ApS', '{by} Forsikring A/S', '{retning}energi A/S', 'Revisionsfirmaet {efternavn} ApS'],
  it: ['Datahjælpen {by} ApS', 'Nordisk Software A/S', '{efternavn} IT ApS', '{retning}data A/S'],
  landbrug: ['{efternavn}s Landbrug I/S', 'Gården {sted}', '{sted} Gods', '{efternavn} Svineproduktion ApS'],
  gartneri: ['{efternavn}s Anlægsgartneri ApS', '{by} Have og Anlæg ApS', 'Planteskolen {sted} ApS'],
  frisoer: ['Salon {blomst}', 'Frisør {efternavn}', 'Klip & Krøl {by} ApS'],
  bolig: ['{by} Boligselskab', 'Boligforeningen {sted}', 'Ejendomsadministration {efternavn} A/S'],
  vagt: ['Dansk Vagtservice A/S', '{retning}vagt ApS', '{by} Sikring ApS'],
  vaerksted: ['{by} Bilcenter A/S', 'Autoværkstedet {by} ApS', '{efternavn}s Auto ApS'],
  kommune: ['Jobcenter {by}', 'Familiecentret {by}', 'Borgerservice {by}'],
};

// Shared sentences of the ads, Danish and English.
const intros = [
  '{arbejdsgiver} i {by} søger {antal}.',
  'Vi har travlt og søger nu {antal} til vores afdeling i {by}.',
  'Har du lyst til at blive en del af et godt team? {arbejdsgiver} søger {antal} med start hurtigst muligt.',
  'Hos {arbejdsgiver} i {by} mangler vi {antal}.',
];
const softSkills = [
  'Du er mødestabil, ansvarsbevidst og god til at samarbejde.',
  'Du taler og forstår dansk.',
  'Du er positiv og har godt humør, også når der er travlt.',
  'Du er fleksibel og kan tage en ekstra vagt, når der er brug for det.',
];
const employmentPhrases: Record<FeedAd['ansaettelse'], string> = {
  fast: 'en fast stilling',
  tidsbegraenset: 'en tidsbegrænset stilling på seks måneder',
  vikariat: 'et vikariat med mulighed for forlængelse',
  elev: 'en elevplads',
};
const offers = [
  'Vi tilbyder {ansaettelse} på {timer} timer om ugen med løn efter overenskomst.',
  'Stillingen er {ansaettelse} på {timer} timer om ugen. Vi tilbyder pension, sundhedsordning og frokostordning.',
  'Du får {ansaettelse} på {timer} timer om ugen, en grundig introduktion og en fast kontaktperson de første uger.',
];
const perks = ['Du bliver en del af en arbejdsplads med gode kolleger og plads til faglig udvikling.', 'Vi har en uformel omgangstone og hjælper hinanden.'];
const applyLines = [
  'Ansøgningsfrist: {frist}. Samtaler holdes løbende, så send gerne din ansøgning hurtigst muligt.',
  'Send din ansøgning og dit CV senest {frist}. Har du spørgsmål, er du velkommen til at ringe til os.',
  'Vi glæder os til at høre fra dig. Søg senest {frist}.',
];
const enIntros = [
  '{arbejdsgiver} in {by} is hiring.',
  'Join {arbejdsgiver} in {by}: we are looking for a new colleague.',
  'We are looking for an experienced colleague for our team in {by}.',
];
const enProfile = [
  'You speak English; Danish is an advantage but not a requirement.',
  'You are reliable, flexible and enjoy working in a team.',
  'You have relevant experience or are eager to learn.',
];
const enEmployment: Record<FeedAd['ansaettelse'], string> = {
  fast: 'a permanent position',
  tidsbegraenset: 'a six-month fixed-term position',
  vikariat: 'a temporary position that may be extended',
  elev: 'an apprenticeship',
};
const enOffers = [
  'We offer {ansaettelse} of {timer} hours a week, paid under the collective agreement.',
  'This is {ansaettelse} of {timer} hours a week with pension and lunch scheme.',
];
const enApply = ['Apply by {frist}. We hold interviews as applications come in.', 'Send your application and CV by {frist}.'];

const danishMonths = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const englishMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// ---------------------------------------------------------------------------------------------------------------
// Hashing and randomness: 32-bit mixing (murmur3's finaliser) and mulberry32, so the same seed gives the same feed
// ---------------------------------------------------------------------------------------------------------------

function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a seed word and integers. */
function hash32(seed: number, ...parts: number[]): number {
  let h = seed >>> 0;
  for (const part of parts) h = mix32(h ^ Math.imul((part | 0) + 0x9e3779b9, 0xcc9e2d51));
  return h;
}

/** FNV-1a over a text's UTF-16 code units. */
function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

type Random = () => number;

/** mulberry32: a small, fast generator of numbers in [0, 1). */
function randomFrom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)] as T;

/** `count` different items of `items` (all of them when there are fewer), in the order drawn. */
function pickSome<T>(items: readonly T[], count: number, random: Random): T[] {
  const rest = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && rest.length > 0) chosen.push(rest.splice(Math.floor(random() * rest.length), 1)[0] as T);
  return chosen;
}

/** A cumulative table to draw items in proportion to their weights. */
function weighted<T>(items: readonly T[], weightOf: (item: T) => number): (random: Random) => T {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  items.forEach((item, i) => {
    total += Math.max(0, weightOf(item));
    cumulative[i] = total;
  });
  return (random) => {
    const target = random() * total;
    let low = 0;
    let high = items.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return items[low] as T;
  };
}

/** A valid CVR number (modulus 11, weights 2,7,6,5,4,3,2,1) derived from a number. */
function cvrFrom(value: number): string {
  const weights = [2, 7, 6, 5, 4, 3, 2];
  for (let base = 1_000_000 + (value % 9_000_000); ; base = base === 9_999_999 ? 1_000_000 : base + 1) {
    const digits = String(base);
    const sum = [...digits].reduce((total, digit, i) => total + Number(digit) * (weights[i] ?? 0), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return `${digits}${check}`;
  }
}

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (all, key: string) => String(values[key] ?? all));
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// ---------------------------------------------------------------------------------------------------------------
// Time: the epoch, the moment of each change, Copenhagen dates and offsets
// ---------------------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** Monday 00:00 in Copenhagen of the ISO week `moment` falls in. */
export function startOfIsoWeek(moment: Date): Date {
  const clock = copenhagenWallClock(moment);
  const weekday = (new Date(Date.UTC(clock.year, clock.month - 1, clock.day)).getUTCDay() + 6) % 7;
  const monday = new Date(Date.UTC(clock.year, clock.month - 1, clock.day - weekday));
  return copenhagenMoment({ year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate(), hour: 0, minute: 0 }) ?? monday;
}

/** Copenhagen's offset from UTC in minutes at a moment (60 or 120). */
function copenhagenOffsetMinutes(ms: number): number {
  const clock = copenhagenWallClock(new Date(ms));
  return Math.round((Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute) - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/** A moment written as Copenhagen local time with its offset: 2026-03-02T09:15:00+01:00. */
function copenhagenIso(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The calendar date `days` after the Copenhagen date of an ISO moment with offset (its first ten characters). */
function dateAfter(isoWithOffset: string, days: number): string {
  const [year, month, day] = isoWithOffset.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function writtenDate(isoDate: string, language: 'da' | 'en'): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return language === 'da' ? `${day}. ${danishMonths[month - 1]} ${year}` : `${day} ${englishMonths[month - 1]} ${year}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The simulator
// ---------------------------------------------------------------------------------------------------------------

export type JobFeedSimulatorOptions = {
  /** Any text; the same seed (with the same epoch and head) gives the same feed. Default 'jobunivers'. */
  seed?: string;
  /** How many ads are live at the epoch: changes 1..initialAds publish them. Default 2000. */
  initialAds?: number;
  /** Seconds between two changes after the epoch. Default 60. */
  changeEverySeconds?: number;
  /** When change initialAds + 1 … start. Default: Monday 00:00 (Copenhagen) of the current ISO week. */
  epoch?: Date;
  /** The clock. Default: the system's. */
  now?: () => Date;
  /** The head instead of the clock (a benchmark's or a test's); `setHead` overrides this too. */
  head?: () => number;
};

export type JobFeedSimulator = {
  readonly seed: string;
  readonly initialAds: number;
  readonly changeEverySeconds: number;
  readonly epoch: Date;
  /** The number of changes so far: the pinned head, else options.head, else the clock's. */
  head(): number;
  /** Pins the head at `n` changes (for tests and benchmarks); undefined follows options.head or the clock again. */
  setHead(n: number | undefined): void;
  /** The moment change `k` happens (or happened). */
  changeTime(k: number): Date;
  /** A page of the snapshot at `cursor` (default the head), ads with ids after `after`, at most `limit` (1–1000). */
  snapshot(page: { cursor?: string | undefined; after?: string | undefined; limit: number }): FeedSnapshotPage;
  /** The changes after cursor `after`, at most `limit` (1–1000), in the order they happened. */
  changes(page: { after: string; limit: number }): FeedChangesPage;
};

const KIND_PUBLISH = 1;
const KIND_CHANGE = 2;
const KIND_REMOVE = 3;
/** Ids are sim-NNNNNNN: seven digits keep string order and number order the same. */
const MAX_ADS = 9_999_999;
const MAX_LIMIT = 1000;

const cursorPattern = /^(0|[1-9][0-9]{0,15})$/;
export const annonceIdOf = (n: number) => `sim-${String(n).padStart(7, '0')}`;

type AdState = { n: number; version: number };
type SnapshotView = { cursor: number; ads: Int32Array; versions: Int32Array };

const towardsTown = weighted(towns, (town: Town) => (town.seat ? Math.max(town.population, 1000) : town.population));
const towardsOccupation = weighted(occupations, (o) => o.weight);

/** Creates a feed simulator; pure apart from the clock it reads, and holding only a memo of its own log. */
export function createJobFeedSimulator(options: JobFeedSimulatorOptions = {}): JobFeedSimulator {
  const seed = options.seed ?? 'jobunivers';
  const initialAds = options.initialAds ?? 2000;
  const changeEverySeconds = options.changeEverySeconds ?? 60;
  if (!Number.isInteger(initialAds) || initialAds < 0 || initialAds > MAX_ADS) throw new RangeError(`initialAds must be an integer in 0..${MAX_ADS}.`);
  if (!(changeEverySeconds > 0)) throw new RangeError('changeEverySeconds must be positive.');
  const now = options.now ?? (() => new Date());
  const epoch = options.epoch ?? startOfIsoWeek(now());
  const epochMs = epoch.getTime();
  const words = createHash('sha256').update(`jobunivers-jobfeed:${seed}`).digest();
  const [seedLog, seedPick, seedAd, seedVersion, seedEmployer] = [0, 4, 8, 12, 16].map((offset) => words.readUInt32BE(offset)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  let pinned: number | undefined;

  // The log, memoised: kind, ad number and version of every change computed so far (the log only ever grows, so a
  // lower head reads a prefix), the live ads at the highest head computed, and when each ad was published.
  let kinds = new Uint8Array(1024);
  let adOf = new Int32Array(1024);
  let versionOf = new Int32Array(1024);
  let computed = 0;
  let publishedAt = new Int32Array(1024); // by ad number: the change that published it
  let liveVersion = new Int32Array(1024); // by ad number: its version at `computed`, 0 when not live
  let livePosition = new Int32Array(1024); // by ad number: its place in `live`
  let live = new Int32Array(1024);
  let liveCount = 0;
  let ads = 0;

  const grown = <A extends Uint8Array | Int32Array>(array: A, size: number): A => {
    if (size < array.length) return array;
    const next = new (array.constructor as new (length: number) => A)(Math.max(size + 1, array.length * 2));
    next.set(array);
    return next;
  };

  function record(kind: number, n: number, version: number): void {
    computed += 1;
    kinds = grown(kinds, computed);
    adOf = grown(adOf, computed);
    versionOf = grown(versionOf, computed);
    kinds[computed] = kind;
    adOf[computed] = n;
    versionOf[computed] = version;
  }

  function publish(): void {
    ads += 1;
    if (ads > MAX_ADS) throw new RangeError(`The simulator numbers at most ${MAX_ADS} ads.`);
    publishedAt = grown(publishedAt, ads);
    liveVersion = grown(liveVersion, ads);
    livePosition = grown(livePosition, ads);
    live = grown(live, liveCount);
    publishedAt[ads] = computed + 1;
    liveVersion[ads] = 1;
    livePosition[ads] = liveCount;
    live[liveCount++] = ads;
    record(KIND_PUBLISH, ads, 1);
  }

  /** Replays the log forward to change `head`: O(head − computed). */
  function extendTo(head: number): void {
    while (computed < head) {
      const k = computed + 1;
      const draw = k <= initialAds ? 0 : hash32(seedLog, k) / 4_294_967_296;
      if (draw < 0.6 || liveCount === 0) {
        publish();
        continue;
      }
      const n = live[hash32(seedPick, k) % liveCount] as number;
      if (draw < 0.85) {
        const version = (liveVersion[n] as number) + 1;
        liveVersion[n] = version;
        record(KIND_CHANGE, n, version);
      } else {
        const position = livePosition[n] as number;
        const last = live[--liveCount] as number;
        live[position] = last;
        livePosition[last] = position;
        liveVersion[n] = 0;
        record(KIND_REMOVE, n, 0);
      }
    }
  }

  function currentHead(): number {
    const head = pinned ?? options.head?.() ?? initialAds + Math.floor((now().getTime() - epochMs) / (changeEverySeconds * 1000));
    return Math.min(Math.max(0, Math.floor(head)), MAX_ADS);
  }

  function changeTimeMs(k: number): number {
    if (k <= initialAds) return epochMs - 30 * DAY_MS + Math.floor(((k - 0.5) / initialAds) * 30 * 86_400) * 1000;
    return epochMs + (k - initialAds) * changeEverySeconds * 1000;
  }

  // Snapshot views (the live ads in id order at one cursor) of the last few cursors asked for: a reader pages through
  // one snapshot at a fixed cursor while the head moves on. Built from the log in O(cursor).
  const views: SnapshotView[] = [];
  function viewAt(cursor: number): SnapshotView {
    const known = views.find((view) => view.cursor === cursor);
    if (known) return known;
    extendTo(cursor);
    const versions = new Int32Array(ads + 1);
    for (let k = 1; k <= cursor; k++) versions[adOf[k] as number] = versionOf[k] as number;
    let count = 0;
    for (let n = 1; n <= ads; n++) if ((versions[n] as number) > 0) count++;
    const view: SnapshotView = { cursor, ads: new Int32Array(count), versions: new Int32Array(count) };
    for (let n = 1, i = 0; n <= ads; n++) {
      if ((versions[n] as number) > 0) {
        view.ads[i] = n;
        view.versions[i++] = versions[n] as number;
      }
    }
    views.unshift(view);
    if (views.length > 4) views.pop();
    return view;
  }

  function parseCursor(text: string, field: string, head: number): number {
    if (!cursorPattern.test(text)) throw new AppError('VALIDATION', 'The cursor is not one this feed gave out.', [{ field, message: 'validation.format' }]);
    const cursor = Number(text);
    if (cursor > head)
      throw new AppError('VALIDATION', `The cursor ${cursor} is ahead of the feed, whose head is ${head}.`, [{ field, message: 'validation.invalid' }]);
    return cursor;
  }

  function checkLimit(limit: number): void {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      throw new AppError('VALIDATION', `Ask for 1 to ${MAX_LIMIT} at a time.`, [
        { field: 'antal', message: 'validation.tooBig', params: { limit: MAX_LIMIT } },
      ]);
  }

  // Copenhagen's offset per UTC hour (summer time starts and ends on the hour): reading the zone rules is most of the
  // cost of an ad otherwise.
  const offsets = new Map<number, number>();
  function publishedIso(n: number): string {
    const ms = changeTimeMs(publishedAt[n] as number);
    const hour = Math.floor(ms / 3_600_000);
    let offset = offsets.get(hour);
    if (offset === undefined) offsets.set(hour, (offset = copenhagenOffsetMinutes(ms)));
    return copenhagenIso(ms, offset);
  }
  const render = (ad: AdState) => renderAd(ad, { seedAd, seedVersion, seedEmployer, publishedIso: publishedIso(ad.n) });

  return {
    seed,
    initialAds,
    changeEverySeconds,
    epoch: new Date(epochMs),
    head: currentHead,
    setHead(n) {
      if (n !== undefined && (!Number.isInteger(n) || n < 0 || n > MAX_ADS)) throw new RangeError(`The head must be an integer in 0..${MAX_ADS}.`);
      pinned = n;
    },
    changeTime: (k) => new Date(changeTimeMs(k)),
    snapshot({ cursor, after, limit }) {
      checkLimit(limit);
      const head = currentHead();
      const at = cursor === undefined ? head : parseCursor(cursor, 'cursor', head);
      const view = viewAt(at);
      // The first ad whose id sorts after `after` (ids compare as strings, as the reader's do).
      let start = 0;
      if (after !== undefined) {
        let high = view.ads.length;
        while (start < high) {
          const middle = (start + high) >>> 1;
          if (annonceIdOf(view.ads[middle] as number) > after) high = middle;
          else start = middle + 1;
        }
      }
      const end = Math.min(view.ads.length, start + limit);
      const annoncer: FeedAd[] = [];
      for (let i = start; i < end; i++) annoncer.push(render({ n: view.ads[i] as number, version: view.versions[i] as number }));
      const last = annoncer.at(-1);
      return { cursor: String(at), annoncer, naeste: end < view.ads.length && last ? last.annonceId : null };
    },
    changes({ after, limit }) {
      checkLimit(limit);
      const head = currentHead();
      const from = parseCursor(after, 'efter', head);
      const to = Math.min(head, from + limit);
      extendTo(to);
      const aendringer: FeedChange[] = [];
      for (let k = from + 1; k <= to; k++) {
        const n = adOf[k] as number;
        aendringer.push(
          kinds[k] === KIND_REMOVE
            ? { type: 'fjernet', annonceId: annonceIdOf(n) }
            : { type: 'annonce', annonce: render({ n, version: versionOf[k] as number }) },
        );
      }
      return { cursor: String(to), aendringer, flere: to < head };
    },
  };
}

/** The ad number `n` at `version`: drawn from its number, then each later version's change applied in turn. */
function renderAd({ n, version }: AdState, context: { seedAd: number; seedVersion: number; seedEmployer: number; publishedIso: string }): FeedAd {
  const random = randomFrom(hash32(context.seedAd, n));
  const occupation = towardsOccupation(random);
  const town = towardsTown(random);
  const english = random() < occupation.english;
  const arbejdstid: FeedAd['arbejdstid'] = random() < occupation.partTime ? 'deltid' : 'fuldtid';
  let hours = arbejdstid === 'deltid' ? 15 + Math.floor(random() * 16) : 37;
  const employment = random();
  const ansaettelse: FeedAd['ansaettelse'] =
    occupation.apprentice && employment < 0.1 ? 'elev' : employment < 0.72 ? 'fast' : employment < 0.87 ? 'tidsbegraenset' : 'vikariat';
  let deadlineDays = 10 + Math.floor(random() * 36);
  const employer = employerIn(occupation.employers, town, random, context.seedEmployer);
  const titleRandom = random();
  // Within 1.9 km of the town's point, uniformly over the disc (a degree of latitude is 111.3 km).
  const distanceKm = 1.9 * Math.sqrt(random());
  const bearing = random() * 2 * Math.PI;
  const lat = Math.round((town.lat + (distanceKm * Math.cos(bearing)) / 111.32) * 1e5) / 1e5;
  const lon = Math.round((town.lon + (distanceKm * Math.sin(bearing)) / (111.32 * Math.cos((town.lat * Math.PI) / 180))) * 1e5) / 1e5;

  let textSeed = hash32(context.seedAd, n, 1);
  for (let v = 2; v <= version; v++) {
    const change = randomFrom(hash32(context.seedVersion, n, v));
    const what = change();
    if (what < 0.4) textSeed = hash32(context.seedAd, n, v);
    else if (what < 0.7 && arbejdstid === 'deltid') hours = 15 + ((hours - 15 + 1 + Math.floor(change() * 15)) % 16);
    else deadlineDays += 7 + Math.floor(change() * 15);
  }

  const frist = dateAfter(context.publishedIso, deadlineDays);
  const values = { by: town.name, arbejdsgiver: employer.navn, timer: hours };
  const titleTemplate = occupation.titles[Math.floor(titleRandom * occupation.titles.length)] ?? occupation.titel;
  const titel = english
    ? fill(titleRandom < 0.5 ? '{stilling} – {by}' : '{stilling} at {arbejdsgiver}', { ...values, stilling: occupation.enTitle })
    : fill(titleTemplate, values);
  const tekst = english
    ? englishText(occupation, { ...values, frist: writtenDate(frist, 'en'), ansaettelse: enEmployment[ansaettelse] }, randomFrom(textSeed))
    : danishText(
        occupation,
        { ...values, frist: writtenDate(frist, 'da'), ansaettelse: employmentPhrases[ansaettelse] },
        titleTemplate.toLowerCase().includes(occupation.noun[1].toLowerCase()),
        randomFrom(textSeed),
      );
  const annonceId = annonceIdOf(n);
  return {
    annonceId,
    version,
    titel: capitalise(titel),
    tekst,
    sprog: english ? 'en' : 'da',
    arbejdsgiver: employer,
    arbejdssted: { by: town.name, postnummer: null, kommunekode: town.municipalityCode, lat, lon },
    stilling: { escoUri: occupation.esco, titel: occupation.titel, discoKode: occupation.disco },
    arbejdstid,
    timerPrUge: hours,
    ansaettelse,
    publiceret: context.publishedIso,
    ansoegningsfrist: frist,
    url: `https://job.example.dk/annonce/${annonceId}`,
  };
}

/** One of the few employers of a pool in a town (more in larger towns), named from the pools. */
function employerIn(pool: EmployerPool, town: Town, random: Random, seedEmployer: number): FeedAd['arbejdsgiver'] {
  const count = Math.min(8, 1 + Math.floor(Math.sqrt(Math.max(town.population, 1000) / 4000)));
  const which = Math.floor(random() * count);
  const name = randomFrom(hash32(seedEmployer, textHash(pool), textHash(town.name), which));
  const navn = fill(pick(employerPatterns[pool], name), {
    by: town.name,
    efternavn: pick(surnames, name),
    sted: pick(placeWords, name),
    blomst: pick(flowers, name),
    retning: pick(directions, name),
  });
  return { navn, cvr: cvrFrom(hash32(seedEmployer, textHash(navn))) };
}

/** The Danish text; the intro asks for one or more as the title does (`plural`). */
function danishText(occupation: Occupation, values: Record<string, string | number>, plural: boolean, random: Random): string {
  const [singularNoun, pluralNoun] = occupation.noun;
  const antal = !plural ? `en ${singularNoun}` : random() < 0.5 ? `to nye ${pluralNoun}` : `flere ${pluralNoun}`;
  const intro = [fill(pick(intros, random), { ...values, antal }), ...pickSome(occupation.duties, 1 + Math.floor(random() * 2), random)];
  const profile = [...pickSome(occupation.profile, 1 + Math.floor(random() * 2), random), pick(softSkills, random)];
  const paragraphs = [intro.join(' '), profile.join(' ')];
  const more = Math.floor(random() * 3); // 2, 3 or 4 paragraphs
  if (more === 2) paragraphs.push([fill(pick(offers, random), values), pick(perks, random)].join(' '));
  if (more >= 1) paragraphs.push(fill(pick(applyLines, random), values));
  return paragraphs.map((p) => fill(p, values)).join('\n\n');
}

function englishText(occupation: Occupation, values: Record<string, string | number>, random: Random): string {
  const intro = [
    fill(pick(enIntros, random), values),
    `As our new ${occupation.enTitle.toLowerCase()}, you join a friendly and experienced team.`,
    ...pickSome(occupation.enDuties, 2, random),
  ];
  const paragraphs = [intro.join(' '), pickSome(enProfile, 2, random).join(' ')];
  const more = Math.floor(random() * 3);
  if (more === 2) paragraphs.push(fill(pick(enOffers, random), values));
  if (more >= 1) paragraphs.push(fill(pick(enApply, random), values));
  return paragraphs.map((p) => fill(p, values)).join('\n\n');
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP: the app's routes and a bare server for tests and benchmarks
// ---------------------------------------------------------------------------------------------------------------

const antalSchema = z
  .string()
  .regex(/^[0-9]{1,6}$/, { message: 'validation.format' })
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_LIMIT))
  .optional();
const cursorQuery = z.string().regex(cursorPattern, { message: 'validation.format' });
const snapshotQuery = z.object({ cursor: cursorQuery.optional(), efter: z.string().min(1).max(64).optional(), antal: antalSchema });
const changesQuery = z.object({ efter: cursorQuery, antal: antalSchema });
const DEFAULT_LIMIT = 500;

function parsed<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query);
  if (!result.success) throw new AppError('VALIDATION', 'The query is not one the feed takes.', fieldErrorsFromIssues(result.error.issues));
  return result.data;
}

const noStore = { 'cache-control': 'no-store' };

/** Answers a feed request, or a problem+json whatever Accept says: the feed's readers are programs. */
function answerWith(locale: (request: FastifyRequest) => Locale, work: (query: unknown) => unknown) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return reply.headers(noStore).send(work(request.query));
    } catch (error) {
      if (!isAppError(error)) throw error;
      const problem = toProblem(error, { locale: locale(request), instance: request.url.split('?')[0] ?? '/', requestId: request.id });
      return reply.code(error.status).headers(noStore).type('application/problem+json').send(JSON.stringify(problem));
    }
  };
}

/** The two feed routes under `prefix`. */
function registerFeedRoutes(app: FastifyInstance, simulator: JobFeedSimulator, prefix: string, locale: (request: FastifyRequest) => Locale): void {
  const options = { config: publicAccess, schema: { hide: true } };
  app.get(
    `${prefix}/v1/jobannoncer/snapshot`,
    options,
    answerWith(locale, (query) => {
      const { cursor, efter, antal } = parsed(snapshotQuery, query);
      return simulator.snapshot({ cursor, after: efter, limit: antal ?? DEFAULT_LIMIT });
    }),
  );
  app.get(
    `${prefix}/v1/jobannoncer/aendringer`,
    options,
    answerWith(locale, (query) => {
      const { efter, antal } = parsed(changesQuery, query);
      return simulator.changes({ after: efter, limit: antal ?? DEFAULT_LIMIT });
    }),
  );
}

/** The job-ad feed simulator's routes (one simulator per app), only when config.integrations.simulators is on. */
export const jobFeedSimulatorRoutes: RouteModule = (app, { config }) => {
  if (!config.integrations.simulators) return;
  registerFeedRoutes(app, createJobFeedSimulator(), '/simulatorer/jobnet', (request) => request.locale);
};

/**
 * Serves `simulator`'s feed on a bare server at 127.0.0.1 on a free port, at the app's paths; `url` is the feed's
 * base URL for createJobFeedClient (…/simulatorer/jobnet). For tests and benchmarks, which move the head with
 * `simulator.setHead`.
 */
export async function startJobFeedSimulatorServer(simulator: JobFeedSimulator): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  registerFeedRoutes(app, simulator, '/simulatorer/jobnet', () => 'en');
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The job-feed simulator has no TCP address.');
  return { url: `http://127.0.0.1:${address.port}/simulatorer/jobnet`, close: () => app.close() };
}
