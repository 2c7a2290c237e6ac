import type { EnglishOf } from '../../platform/i18n/types.ts';

// The dev-mail module's UI text (the development page /udvikling/mails). Danish is the source; English has the same keys.
export const devMailDa = {
  'devMail.footerLink': 'Udvikling: opfangede mails',
  'devMail.title': 'Opfangede mails',
  'devMail.lead':
    'Der er ikke sat en SMTP-server op, så appen kører sin egen SMTP-opfanger: de mails, platformen sender, bliver ikke sendt videre, men vist her. Siden findes kun uden for produktion.',
  'devMail.catcherAddress':
    'Denne proces’ opfanger tager imod på {url}. Alle processer på maskinen skriver til samme database, så du ser alle deres mails her.',
  'devMail.empty': 'Der er ingen opfangede mails.',
  'devMail.received': 'Modtaget',
  'devMail.to': 'Til',
  'devMail.subject': 'Emne',
  'devMail.noSubject': '(intet emne)',
  'devMail.more': 'Ældre mails',
  'devMail.deleteAll': 'Slet alle',
  'devMail.confirmDelete': 'Slet alle opfangede mails?',
  'devMail.confirmDeleteText': 'Alle mails på siden slettes, også dem, andre processer på maskinen har opfanget. Det kan ikke fortrydes.',
  'devMail.confirmDeleteYes': 'Ja, slet alle',
  'devMail.deleted': 'Alle opfangede mails er slettet.',
  'devMail.back': 'Tilbage til opfangede mails',
  'devMail.mail.headers': 'Header-felter',
  'devMail.mail.envelope': 'SMTP-konvolutten',
  'devMail.mail.envelopeFrom': 'Afsender',
  'devMail.mail.envelopeTo': 'Modtagere',
  'devMail.mail.size': 'Størrelse',
  'devMail.mail.bytes': '{size} byte',
  'devMail.mail.text': 'Tekst',
  'devMail.mail.noText': 'Mailen har ingen tekstudgave.',
  'devMail.mail.html': 'HTML-udgaven som kildetekst (den vises ikke som side)',
  'devMail.mail.allHeaders': 'Alle header-felter',
} as const;

export const devMailEn: EnglishOf<typeof devMailDa> = {
  'devMail.footerLink': 'Development: caught mails',
  'devMail.title': 'Caught mails',
  'devMail.lead':
    'No SMTP server is set up, so the app runs its own SMTP catcher: the mails the platform sends are not passed on but shown here. This page exists only outside production.',
  'devMail.catcherAddress':
    'This process’s catcher takes mail at {url}. Every process on the machine writes to the same database, so you see all their mails here.',
  'devMail.empty': 'There are no caught mails.',
  'devMail.received': 'Received',
  'devMail.to': 'To',
  'devMail.subject': 'Subject',
  'devMail.noSubject': '(no subject)',
  'devMail.more': 'Older mails',
  'devMail.deleteAll': 'Delete all',
  'devMail.confirmDelete': 'Delete all caught mails?',
  'devMail.confirmDeleteText': 'Every mail on the page is deleted, also those other processes on the machine caught. This cannot be undone.',
  'devMail.confirmDeleteYes': 'Yes, delete all',
  'devMail.deleted': 'All caught mails have been deleted.',
  'devMail.back': 'Back to caught mails',
  'devMail.mail.headers': 'Header fields',
  'devMail.mail.envelope': 'The SMTP envelope',
  'devMail.mail.envelopeFrom': 'Sender',
  'devMail.mail.envelopeTo': 'Recipients',
  'devMail.mail.size': 'Size',
  'devMail.mail.bytes': '{size} bytes',
  'devMail.mail.text': 'Text',
  'devMail.mail.noText': 'The mail has no text version.',
  'devMail.mail.html': 'The HTML version as source text (it is not shown as a page)',
  'devMail.mail.allHeaders': 'All header fields',
};
