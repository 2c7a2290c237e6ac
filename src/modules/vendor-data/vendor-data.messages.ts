import type { EnglishOf } from '../../platform/i18n/types.ts';

// The vendor-data module's UI text. Danish is the source; English must have exactly the same keys.
export const vendorDataDa = {
  'vendorData.contact.title': 'Mine kontaktoplysninger',
  'vendorData.contact.lead':
    'Her skriver du, hvordan du helst vil kontaktes. Tjenester, du har givet samtykke til at se dine kontaktoplysninger, får dem herfra.',
  'vendorData.contact.email': 'E-mail',
  'vendorData.contact.emailHint': 'For eksempel navn@example.dk. Lad feltet stå tomt, hvis du ikke vil oplyse din e-mail.',
  'vendorData.contact.phone': 'Telefonnummer',
  'vendorData.contact.phoneHint': '8 cifre, for eksempel 12 34 56 78. Et udenlandsk nummer skrives med landekode, for eksempel +46 70 123 45 67.',
  'vendorData.contact.phoneInvalid': 'Skriv et dansk telefonnummer med 8 cifre eller et udenlandsk nummer med + og landekode.',
  'vendorData.contact.language': 'Hvilket sprog vil du helst skrives til på?',
  'vendorData.contact.language.da': 'Dansk',
  'vendorData.contact.language.en': 'Engelsk',
  'vendorData.contact.save': 'Gem kontaktoplysninger',
  'vendorData.contact.saved': 'Dine kontaktoplysninger er gemt.',
  'vendorData.contact.sharing': 'Du kan altid se, hvilke tjenester der har læst dine oplysninger, og hvorfor, i',
  'vendorData.contact.minLog': 'Min Log',
} as const;

export const vendorDataEn: EnglishOf<typeof vendorDataDa> = {
  'vendorData.contact.title': 'My contact details',
  'vendorData.contact.lead': 'Tell us how you prefer to be contacted. Services you have consented to see your contact details get them from here.',
  'vendorData.contact.email': 'Email',
  'vendorData.contact.emailHint': 'For example name@example.dk. Leave it empty if you do not want to give your email.',
  'vendorData.contact.phone': 'Phone number',
  'vendorData.contact.phoneHint': '8 digits, for example 12 34 56 78. Write a foreign number with its country code, for example +46 70 123 45 67.',
  'vendorData.contact.phoneInvalid': 'Enter a Danish phone number with 8 digits or a foreign number with + and the country code.',
  'vendorData.contact.language': 'Which language do you prefer to be written to in?',
  'vendorData.contact.language.da': 'Danish',
  'vendorData.contact.language.en': 'English',
  'vendorData.contact.save': 'Save contact details',
  'vendorData.contact.saved': 'Your contact details have been saved.',
  'vendorData.contact.sharing': 'You can always see which services have read your details, and why, in',
  'vendorData.contact.minLog': 'My Log',
};
