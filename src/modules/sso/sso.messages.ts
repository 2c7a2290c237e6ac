import type { EnglishOf } from '../../platform/i18n/types.ts';

// The sso module's UI text. Danish is the source; English must have exactly the same keys.
export const ssoDa = {
  'sso.backToJobunivers': 'Tilbage til Jobunivers',
  'sso.logout.title': 'Log af tjenesten?',
  'sso.logout.text': 'Du logges af tjenesten, du åbnede fra Jobunivers.',
  'sso.logout.button': 'Log af',
  'sso.logout.done': 'Du er logget af',
  'sso.logout.doneText': 'Du er logget af tjenesten.',
  'sso.error.title': 'Tjenesten kunne ikke åbnes',
  'sso.error.text': 'Log-ind til tjenesten kunne ikke gennemføres. Prøv at åbne den igen fra markedspladsen.',
  'sso.refused.title': 'Tjenesten kan ikke åbnes',
  'sso.refused.notEnabled': '{name} fra {vendor} tilbydes ikke af din kommune, så du kan ikke logge ind på den gennem Jobunivers.',
  'sso.refused.unknown': 'Tjenesten findes ikke i Jobunivers lige nu.',
  'sso.refused.help': 'På markedspladsen kan du se de tjenester, din kommune tilbyder. Har du spørgsmål, så kontakt dit jobcenter.',
  'sso.refused.marketplace': 'Gå til markedspladsen',
  'sso.consent.chooseDecision': 'Vælg, om du vil give tjenesten adgang til oplysningerne.',
} as const;

export const ssoEn: EnglishOf<typeof ssoDa> = {
  'sso.backToJobunivers': 'Back to Jobunivers',
  'sso.logout.title': 'Sign out of the service?',
  'sso.logout.text': 'You will be signed out of the service you opened from Jobunivers.',
  'sso.logout.button': 'Sign out',
  'sso.logout.done': 'You are signed out',
  'sso.logout.doneText': 'You are signed out of the service.',
  'sso.error.title': 'The service could not be opened',
  'sso.error.text': 'Signing in to the service did not succeed. Try opening it again from the marketplace.',
  'sso.refused.title': 'The service cannot be opened',
  'sso.refused.notEnabled': '{name} from {vendor} is not offered by your municipality, so you cannot sign in to it through Jobunivers.',
  'sso.refused.unknown': 'The service is not available in Jobunivers at the moment.',
  'sso.refused.help': 'The marketplace shows the services your municipality offers. If you have questions, contact your jobcentre.',
  'sso.refused.marketplace': 'Go to the marketplace',
  'sso.consent.chooseDecision': 'Choose whether to give the service access to the information.',
};
