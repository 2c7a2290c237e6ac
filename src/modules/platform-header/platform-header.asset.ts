// The platform header's script as the platform serves it: the component's source with the texts of the catalogue
// (platformHeader.component.*) put in, made once at start-up, with its ETag.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { translate, type Locale, type MessageKey } from '../../platform/i18n/index.ts';

/** The versioned path vendors load the component from. A new major version gets a new path; v1 changes only compatibly. */
export const HEADER_SCRIPT_PATH = '/platform-header/v1/jobunivers-header.js';

const textKeys = {
  label: 'platformHeader.component.label',
  signedInAs: 'platformHeader.component.signedInAs',
  journey: 'platformHeader.component.journey',
  help: 'platformHeader.component.help',
  signOut: 'platformHeader.component.signOut',
  municipalitySuffix: 'platformHeader.component.municipalitySuffix',
} as const satisfies Record<string, MessageKey>;

function textsFor(locale: Locale): Record<keyof typeof textKeys, string> {
  return Object.fromEntries(Object.entries(textKeys).map(([name, key]) => [name, translate(locale, key)])) as Record<keyof typeof textKeys, string>;
}

export type HeaderScript = { body: string; etag: string };

/** Reads the component and fills in its texts; throws when the source has lost its placeholder. */
export function buildHeaderScript(): HeaderScript {
  const source = readFileSync(new URL('./assets/jobunivers-header.js', import.meta.url), 'utf8');
  const placeholder = /\/\*TEXTS\*\/ \{[\s\S]*?\n {2}\};/;
  if (!placeholder.test(source)) throw new Error('jobunivers-header.js: the /*TEXTS*/ placeholder is missing');
  const texts = JSON.stringify({ da: textsFor('da'), en: textsFor('en') });
  const body = source.replace(placeholder, () => `/*TEXTS*/ ${texts};`);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, etag };
}
