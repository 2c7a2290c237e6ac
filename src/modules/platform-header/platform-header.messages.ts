import type { EnglishOf } from '../../platform/i18n/types.ts';

// The platform-header module's UI text. Danish is the source; English must have exactly the same keys.
export const platformHeaderDa = {
  'platformHeader.component.label': 'Jobunivers',
  'platformHeader.component.signedInAs': 'Logget ind som',
  'platformHeader.component.journey': 'Min jobrejse',
  'platformHeader.component.help': 'Hjælp',
  'platformHeader.component.signOut': 'Log af',
  'platformHeader.component.municipalitySuffix': 'Kommune',
  'platformHeader.doc.title': 'Platformens topbjælke til leverandører',
  'platformHeader.doc.lead':
    'Sæt Jobunivers\' topbjælke øverst på siderne i jeres tjeneste, så borgeren kan se, at de stadig er i Jobunivers: deres fornavn og kommune, vejen tilbage til "Min jobrejse", hjælp og log af. Den er en lille webkomponent uden afhængigheder i Det Fælles Designsystems stil.',
  'platformHeader.doc.example': 'Eksempel',
  'platformHeader.doc.exampleText': 'Sådan ser topbjælken ud for en borger, der hedder Mette og bor i København:',
  'platformHeader.doc.howTitle': 'Sådan bruger I den',
  'platformHeader.doc.step1':
    'Når borgeren er logget ind i jeres tjeneste gennem platformen, henter jeres server topbjælkens oplysninger med borgerens DPoP-bundne adgangstoken:',
  'platformHeader.doc.step2': 'Sæt svarets værdier ind som attributter i kodestumpen nedenfor, øverst i <body>. Husk at HTML-escape dem.',
  'platformHeader.doc.step3': 'Tillad platformens script i jeres Content-Security-Policy (se nedenfor). Andet skal ikke ændres.',
  'platformHeader.doc.snippet': 'Kodestump til at kopiere',
  'platformHeader.doc.attributes': 'Attributter',
  'platformHeader.doc.attribute': 'Attribut',
  'platformHeader.doc.meaning': 'Betydning',
  'platformHeader.doc.attr.firstName': 'Borgerens fornavn (firstName i svaret).',
  'platformHeader.doc.attr.municipality': 'Borgerens kommune (municipality.name i svaret), fx København.',
  'platformHeader.doc.attr.journeyUrl': 'Adressen på "Min jobrejse" (links.journey).',
  'platformHeader.doc.attr.helpUrl': 'Adressen på hjælp (links.help).',
  'platformHeader.doc.attr.signoutUrl':
    'Adressen, hvor borgeren logger af platformen (links.signOut). Platformen afslutter også jeres session med back-channel logout.',
  'platformHeader.doc.attr.lang': 'da (standard) eller en.',
  'platformHeader.doc.cspTitle': 'Content-Security-Policy',
  'platformHeader.doc.cspText':
    'Komponenten indsætter ingen inline-scripts og ingen style-attributter; dens udseende er et constructable stylesheet i et shadow root, som style-src ikke omfatter. Jeres politik skal kun tillade scriptet fra platformen. Den sætter ingen cookies og henter intet over nettet.',
  'platformHeader.doc.noJsTitle': 'Uden JavaScript',
  'platformHeader.doc.noJsText':
    'Linkene inde i elementet vises som en almindelig linkbjælke, når JavaScript er slået fra eller scriptet ikke kan hentes. Med JavaScript tegner komponenten sig selv i stedet.',
  'platformHeader.doc.cachingTitle': 'Version og caching',
  'platformHeader.doc.cachingText':
    'Adressen indeholder versionen (v1). Filen caches i et år; v1 ændres kun, så eksisterende sider fortsat virker. En ny hovedversion får en ny adresse.',
  'platformHeader.doc.signOutTitle': 'Log af',
  'platformHeader.doc.signOutText':
    '"Log af" afslutter borgerens session på platformen. Platformen sender derefter et logout-token til den adresse til log af (back-channel logout), som jeres ydelse har registreret, og I afslutter jeres egen session.',
  'platformHeader.doc.apiDocs': 'API-dokumentationen',
} as const;

export const platformHeaderEn: EnglishOf<typeof platformHeaderDa> = {
  'platformHeader.component.label': 'Jobunivers',
  'platformHeader.component.signedInAs': 'Signed in as',
  'platformHeader.component.journey': 'My job journey',
  'platformHeader.component.help': 'Help',
  'platformHeader.component.signOut': 'Sign out',
  'platformHeader.component.municipalitySuffix': 'Municipality',
  'platformHeader.doc.title': 'The platform header for vendors',
  'platformHeader.doc.lead':
    'Put the Jobunivers header at the top of your service\'s pages, so the citizen can see they are still in Jobunivers: their first name and municipality, the way back to "My job journey", help and sign-out. It is a small web component without dependencies in the style of the Danish common design system (DKFDS).',
  'platformHeader.doc.example': 'Example',
  'platformHeader.doc.exampleText': 'This is how the header looks for a citizen called Mette who lives in Copenhagen:',
  'platformHeader.doc.howTitle': 'How to use it',
  'platformHeader.doc.step1':
    "When the citizen has signed in to your service through the platform, your server reads the header's data with the citizen's DPoP-bound access token:",
  'platformHeader.doc.step2': "Put the answer's values into the snippet below as attributes, at the top of <body>. Remember to HTML-escape them.",
  'platformHeader.doc.step3': "Allow the platform's script in your Content-Security-Policy (see below). Nothing else needs to change.",
  'platformHeader.doc.snippet': 'Snippet to copy',
  'platformHeader.doc.attributes': 'Attributes',
  'platformHeader.doc.attribute': 'Attribute',
  'platformHeader.doc.meaning': 'Meaning',
  'platformHeader.doc.attr.firstName': "The citizen's first name (firstName in the answer).",
  'platformHeader.doc.attr.municipality': "The citizen's municipality (municipality.name in the answer), e.g. København.",
  'platformHeader.doc.attr.journeyUrl': 'The address of "My job journey" (links.journey).',
  'platformHeader.doc.attr.helpUrl': 'The address of help (links.help).',
  'platformHeader.doc.attr.signoutUrl':
    'Where the citizen signs out of the platform (links.signOut). The platform ends your session too, by back-channel logout.',
  'platformHeader.doc.attr.lang': 'da (default) or en.',
  'platformHeader.doc.cspTitle': 'Content-Security-Policy',
  'platformHeader.doc.cspText':
    'The component adds no inline scripts and no style attributes; its look is a constructable stylesheet in a shadow root, which style-src does not govern. Your policy only needs to allow the script from the platform. It sets no cookies and fetches nothing over the network.',
  'platformHeader.doc.noJsTitle': 'Without JavaScript',
  'platformHeader.doc.noJsText':
    'The links inside the element are shown as a plain link bar when JavaScript is off or the script cannot be loaded. With JavaScript the component draws itself instead.',
  'platformHeader.doc.cachingTitle': 'Version and caching',
  'platformHeader.doc.cachingText':
    'The address contains the version (v1). The file is cached for a year; v1 changes only in ways that keep existing pages working. A new major version gets a new address.',
  'platformHeader.doc.signOutTitle': 'Sign-out',
  'platformHeader.doc.signOutText':
    '"Sign out" ends the citizen\'s session on the platform. The platform then sends a logout token to the back-channel logout address your listing registered, and you end your own session.',
  'platformHeader.doc.apiDocs': 'The API documentation',
};
