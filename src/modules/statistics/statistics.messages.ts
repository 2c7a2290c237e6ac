import type { EnglishOf } from '../../platform/i18n/types.ts';

// The statistics module's UI text. Danish is the source; English must have exactly the same keys.
export const statisticsDa = {
  'statistics.title': 'Statistik',
  'statistics.lead':
    'Hvor mange borgere der har været aktive i de digitale tilbud på Jobunivers, pr. kommune, jobrejsens fase, målgruppe og måned, og pr. leverandør og måned.',
  'statistics.hiddenNote':
    'Et tal fra færre end {threshold} borgere vises ikke, og nogle andre tal er skjult, så de skjulte ikke kan regnes ud. Skjulte tal står som »..«.',
  'statistics.methodLink': 'Læs om metoden.',
  'statistics.hidden': 'skjult',
  'statistics.unknown': 'Ukendt',
  'statistics.empty': 'Der er endnu ingen tal for en afsluttet måned.',
  'statistics.months': 'Måneder',
  'statistics.municipality': 'Kommune',
  'statistics.vendor': 'Leverandør',
  'statistics.cvr': 'CVR',
  'statistics.total': 'I alt',
  'statistics.download.csv': 'Hent tabellen som CSV',
  'statistics.download.json': 'Hent tabellen som JSON',
  'statistics.municipalities.title': 'Aktive borgere pr. kommune, {month}',
  'statistics.municipalities.titleEmpty': 'Aktive borgere pr. kommune',
  'statistics.municipalities.caption': 'Aktive borgere i {month} pr. kommune (rækker) og jobrejsens fase · målgruppe (kolonner)',
  'statistics.vendors.title': 'Aktive borgere pr. leverandør',
  'statistics.vendors.caption': 'Aktive borgere pr. leverandør (rækker) og måned (kolonner), de seneste 12 afsluttede måneder',
  'statistics.method.title': 'Metode',
  'statistics.method.counted':
    'En borger tæller som aktiv i en måned, når en leverandørs tjeneste har meldt mindst én hændelse om borgeren i måneden (dansk tid). Kommunen er borgerens kommune, da hændelsen kom; fase og målgruppe er borgerens, som jobcentret har dem, da måneden sidst blev talt op (ukendt, når de mangler). En borger, der har været aktiv i to kommuner i samme måned, tæller i begge, og totalerne er summen af cellerne.',
  'statistics.method.primary': 'Primær diskretionering: et tal fra 1 til {threshold} minus 1 borgere vises ikke. Nul vises som 0.',
  'statistics.method.secondary':
    'Sekundær diskretionering: kommunetabellen offentliggøres med række-, kolonne- og totalsummer, beregnet af de sande tal. Derfor skjules flere tal: så længe en række eller kolonne har netop ét skjult tal, skjules dens mindste andet tal, og et skjult tal, der stadig kan regnes ud af summerne, får endnu et tal skjult, indtil ingen kombination af summerne kan give et skjult tal. Det samme tal giver altid det samme mønster.',
  'statistics.method.twoTables':
    'De to tabeller deler ingen summer: leverandørtabellen offentliggøres uden totaler, så den ikke kan trækkes fra kommunetabellen.',
  'statistics.method.months': 'Kun afsluttede måneder offentliggøres. En hændelse, der kommer sent, tælles med i sin måned, så en måneds tal kan blive rettet.',
  'statistics.error.month': 'Skriv måneden som ÅÅÅÅ-MM.',
} as const;

export const statisticsEn: EnglishOf<typeof statisticsDa> = {
  'statistics.title': 'Statistics',
  'statistics.lead':
    'How many citizens have been active in the digital services on Jobunivers, by municipality, journey stage, target group and month, and by vendor and month.',
  'statistics.hiddenNote':
    'A figure from fewer than {threshold} citizens is not shown, and some other figures are hidden so the hidden ones cannot be worked out. Hidden figures read “..”.',
  'statistics.methodLink': 'Read about the method.',
  'statistics.hidden': 'hidden',
  'statistics.unknown': 'Unknown',
  'statistics.empty': 'There are no figures for a completed month yet.',
  'statistics.months': 'Months',
  'statistics.municipality': 'Municipality',
  'statistics.vendor': 'Vendor',
  'statistics.cvr': 'CVR',
  'statistics.total': 'Total',
  'statistics.download.csv': 'Download the table as CSV',
  'statistics.download.json': 'Download the table as JSON',
  'statistics.municipalities.title': 'Active citizens by municipality, {month}',
  'statistics.municipalities.titleEmpty': 'Active citizens by municipality',
  'statistics.municipalities.caption': 'Active citizens in {month} by municipality (rows) and journey stage · target group (columns)',
  'statistics.vendors.title': 'Active citizens by vendor',
  'statistics.vendors.caption': 'Active citizens by vendor (rows) and month (columns), the last 12 completed months',
  'statistics.method.title': 'Method',
  'statistics.method.counted':
    'A citizen counts as active in a month when a vendor’s service has reported at least one event about them in that month (Danish time). The municipality is the citizen’s when the event arrived; stage and target group are the citizen’s as the jobcentre holds them when the month was last counted (unknown when missing). A citizen active in two municipalities in the same month counts in both, and the totals are the sums of the cells.',
  'statistics.method.primary': 'Primary suppression: a figure from 1 to {threshold} minus 1 citizens is not shown. Zero is shown as 0.',
  'statistics.method.secondary':
    'Secondary suppression: the municipality table is published with row, column and grand totals, computed from the true figures. So more figures are hidden: while a row or column has exactly one hidden figure, its smallest other figure is hidden, and a hidden figure that the totals would still give away gets one more figure hidden, until no combination of the totals gives a hidden figure. The same figures always give the same pattern.',
  'statistics.method.twoTables':
    'The two tables share no totals: the vendor table is published without totals, so it cannot be subtracted from the municipality table.',
  'statistics.method.months': 'Only completed months are published. An event that arrives late is counted in its month, so a month’s figures may be revised.',
  'statistics.error.month': 'Write the month as YYYY-MM.',
};
