// The demo world's knowledge base: national answers to the questions citizens ask most (Danish and English) and a
// local answer for each demo municipality (København, Aarhus). Keyed by a stable seed key, so running it again
// changes nothing but what the texts say here.
import type { Db } from '../../platform/db/database.ts';
import type { SeedPart } from '../../platform/seed.ts';
import { upsertSeedArticles, type SeedArticle } from './knowledge.repository.ts';

const seeder = 'urn:jobunivers:demo:knowledge';

type Text = { title: string; body: string };

function article(key: string, municipalityCode: string | null, keywords: string, da: Text, en: Text | null): SeedArticle {
  return {
    key,
    municipalityCode,
    title_da: da.title,
    body_da: da.body,
    title_en: en?.title ?? null,
    body_en: en?.body ?? null,
    keywords,
    published: true,
  };
}

export const demoArticles: SeedArticle[] = [
  article(
    'national-dagpenge-jobsoegning',
    null,
    'dagpenge, a-kasse, ledig, arbejdsløs, søge job, jobsøgning',
    {
      title: 'Dagpenge og jobsøgning',
      body: 'Når du får dagpenge, skal du søge job hele tiden. Du skal søge de job, du kan varetage, og du skal kunne dokumentere din jobsøgning i Joblog.\n\nDin a-kasse udbetaler dagpengene og vurderer, om du står til rådighed. Jobcentret hjælper dig med at finde job og holder samtaler med dig.\n\nHar du spørgsmål om selve udbetalingen, så kontakt din a-kasse.',
    },
    {
      title: 'Unemployment benefit and looking for work',
      body: 'While you receive unemployment benefit (dagpenge) you must keep looking for work. You must apply for jobs you are able to do and be able to document your job search in Joblog.\n\nYour unemployment insurance fund (a-kasse) pays the benefit and assesses whether you are available for work. The jobcentre helps you find work and holds meetings with you.\n\nIf you have questions about the payment itself, contact your unemployment insurance fund.',
    },
  ),
  article(
    'national-joblog',
    null,
    'joblog, ansøgninger, registrere, dokumentere, jobsøgning',
    {
      title: 'Sådan bruger du Joblog',
      body: 'Joblog er din oversigt over de job, du har søgt. Du skriver hver ansøgning ind i Joblog: hvilket job, hvilken arbejdsgiver og hvornår du søgte.\n\nJobcentret og din a-kasse bruger Joblog, når I taler om din jobsøgning. Skriv ansøgningen ind samme uge, som du sender den.\n\nI Jobunivers kan du registrere en ansøgning direkte fra jobannoncen.',
    },
    {
      title: 'How to use Joblog',
      body: 'Joblog is your list of the jobs you have applied for. You enter each application in Joblog: which job, which employer and when you applied.\n\nThe jobcentre and your unemployment insurance fund use Joblog when you talk about your job search. Enter the application the same week you send it.\n\nIn Jobunivers you can register an application straight from the job ad.',
    },
  ),
  article(
    'national-cv-jobnet',
    null,
    'cv, jobnet, profil, synligt, arbejdsgivere',
    {
      title: 'Dit CV på Jobnet',
      body: 'Når du er ledig, skal du have et CV på Jobnet, og det skal være synligt for arbejdsgivere. Dit CV skal være klar senest tre uger efter, at du er blevet ledig.\n\nSkriv, hvad du har lavet, hvad du kan, og hvilke job du søger. Hold det opdateret: arbejdsgivere og jobcentret søger i CV’erne.\n\nJobcentret hjælper gerne med dit CV, for eksempel på et CV-værksted.',
    },
    {
      title: 'Your CV on Jobnet',
      body: 'When you are unemployed you must have a CV on Jobnet, visible to employers. Your CV must be ready no later than three weeks after you became unemployed.\n\nWrite what you have done, what you can do and which jobs you are looking for. Keep it up to date: employers and the jobcentre search the CVs.\n\nThe jobcentre is happy to help with your CV, for example at a CV workshop.',
    },
  ),
  article(
    'national-raadighed',
    null,
    'rådighed, stå til rådighed, tage job, afslå, sanktion',
    {
      title: 'Hvad betyder det at stå til rådighed?',
      body: 'At stå til rådighed betyder, at du kan og vil tage et job med dags varsel. Du skal søge job, møde op til samtaler og aftaler med jobcentret og din a-kasse, og du må ikke sige nej til et rimeligt job.\n\nHvis du ikke står til rådighed, kan du miste retten til dagpenge i en periode. Er du i tvivl, så spørg din a-kasse, før du siger nej til noget.',
    },
    {
      title: 'What does being available for work mean?',
      body: 'Being available for work means you can and will take a job at a day’s notice. You must look for work, attend meetings with the jobcentre and your unemployment insurance fund, and you may not turn down a reasonable job.\n\nIf you are not available for work, you may lose your right to benefit for a period. If in doubt, ask your unemployment insurance fund before you say no to anything.',
    },
  ),
  article(
    'national-ferie-ledig',
    null,
    'ferie, holde fri, rejse, udlandet, feriedage',
    {
      title: 'Ferie mens du er ledig',
      body: 'Du må gerne holde ferie, mens du er ledig, men du skal melde det til din a-kasse og til jobcentret, før du holder fri. Mens du holder ferie, skal du ikke søge job.\n\nDu kan holde ferie med feriepenge fra dit tidligere job, eller med feriedagpenge, hvis du har optjent dem.\n\nSkal du rejse til udlandet, så spørg din a-kasse, om du kan tage dagpengene med.',
    },
    {
      title: 'Holiday while you are unemployed',
      body: 'You may go on holiday while you are unemployed, but you must tell your unemployment insurance fund and the jobcentre before you take time off. While on holiday you do not have to look for work.\n\nYou can take holiday with holiday pay from your previous job, or with holiday benefit if you have earned it.\n\nIf you travel abroad, ask your unemployment insurance fund whether you can take your benefit with you.',
    },
  ),
  article(
    'national-sygdom',
    null,
    'syg, sygdom, sygemelding, raskmelding, sygedagpenge',
    {
      title: 'Hvis du bliver syg',
      body: 'Bliver du syg, mens du er ledig, skal du melde dig syg på første sygedag. Det gør du hos din a-kasse og i Jobunivers eller på Jobnet. Er du ikke medlem af en a-kasse, melder du dig syg til jobcentret.\n\nNår du er rask igen, skal du melde dig rask samme dag. Er du syg i længere tid, kan du få sygedagpenge fra kommunen i stedet for dagpenge.\n\nEr du syg på en dag, hvor du skal til samtale, så giv jobcentret besked hurtigst muligt.',
    },
    {
      title: 'If you fall ill',
      body: 'If you fall ill while unemployed, you must report sick on the first day of illness. You do so with your unemployment insurance fund and in Jobunivers or on Jobnet. If you are not a member of a fund, you report sick to the jobcentre.\n\nWhen you are well again, report it the same day. If you are ill for a longer time, you can get sickness benefit from the municipality instead.\n\nIf you are ill on a day you have a meeting, tell the jobcentre as soon as possible.',
    },
  ),
  article(
    'national-jobsamtale',
    null,
    'jobsamtale, samtale, møde, jobcenter, kontaktforløb',
    {
      title: 'Hvad er en jobsamtale?',
      body: 'En jobsamtale er et møde mellem dig og en medarbejder fra jobcentret. I taler om din jobsøgning, dine ønsker og hvad der skal til, for at du kommer i job.\n\nDu får den første samtale inden for de første uger, efter du er blevet ledig, og derefter jævnligt. Samtalen kan foregå på jobcentret, i telefonen eller på video.\n\nDu skal møde op. Kan du ikke komme, så giv jobcentret besked så hurtigt som muligt.',
    },
    {
      title: 'What is a job meeting?',
      body: 'A job meeting is a meeting between you and a member of staff at the jobcentre. You talk about your job search, your wishes and what it takes for you to get a job.\n\nYou have the first meeting within the first weeks after you became unemployed, and then regularly. The meeting can take place at the jobcentre, by phone or by video.\n\nYou must attend. If you cannot come, tell the jobcentre as soon as possible.',
    },
  ),
  article(
    'local-101-cv-vaerksted',
    '101',
    'cv, værksted, hjælp, ansøgning',
    {
      title: 'CV-hjælp på Jobcenter København',
      body: 'Jobcenter København holder CV-værksted hver uge på Gyldenløvesgade 11. Tag dit CV med, så gennemgår vi det sammen i små grupper.\n\nDu kan tilmelde dig under tilbud i Jobunivers. Kan du ikke komme, kan du skrive til jobcentret i Jobunivers.',
    },
    {
      title: 'CV help at Jobcenter København',
      body: 'Jobcenter København holds a CV workshop every week at Gyldenløvesgade 11. Bring your CV and we go through it together in small groups.\n\nYou can sign up under offers in Jobunivers. If you cannot come, you can write to the jobcentre in Jobunivers.',
    },
  ),
  article(
    'local-751-ferie',
    '751',
    'ferie, melde, jobcenter aarhus',
    {
      title: 'Sådan melder du ferie til Jobcenter Aarhus',
      body: 'I Aarhus melder du ferie til jobcentret senest 14 dage før, du holder fri. Skriv til jobcentret i Jobunivers med de datoer, du holder ferie.\n\nHusk også at melde ferien til din a-kasse.',
    },
    null,
  ),
];

/** The demo knowledge base: national answers and a local one each for København and Aarhus. */
export const knowledgeSeed: SeedPart = {
  name: 'knowledge',
  run: (db: Db) => upsertSeedArticles(db, demoArticles, seeder),
};
