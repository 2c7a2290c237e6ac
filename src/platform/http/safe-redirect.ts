// Every redirect to a value a request brought (a return path after sign-in or the language switch) goes through
// here. Browsers forgive a lot in a Location header — they drop TAB, CR and LF and read a backslash as a slash — so
// "/<TAB>/evil.example" leaves the site although it starts with one slash. Such values are refused outright, in
// raw and in percent-encoded form, rather than cleaned up.

const MAX_LENGTH = 2000;
/** C0 controls, DEL and the C1 controls, and the backslash. */
function hasForbiddenCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x5c) return true;
  }
  return false;
}

/** The value with its percent-encodings undone (twice, for a doubly encoded one); undefined when malformed. */
function decodedForms(value: string): string[] | undefined {
  const forms = [value];
  let current = value;
  for (let round = 0; round < 2 && current.includes('%'); round++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    forms.push(current);
  }
  return forms;
}

/**
 * Where a redirect to a request's value may go: the value as a path on this site (`baseUrl`'s origin), with its query
 * and fragment, or `fallback` when it is anything else — another origin, a scheme, a relative path, a control
 * character or backslash (raw or percent-encoded), malformed encoding or more than 2,000 characters. Never throws.
 */
export function safeRedirectPath(candidate: unknown, baseUrl: string, fallback = '/'): string {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > MAX_LENGTH) return fallback;
  if (!candidate.startsWith('/') || candidate.startsWith('//')) return fallback;
  const forms = decodedForms(candidate);
  if (!forms || forms.some(hasForbiddenCharacter)) return fallback;
  let resolved: URL;
  let base: URL;
  try {
    base = new URL(baseUrl);
    resolved = new URL(candidate, base);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base.origin) return fallback;
  // The normalised form goes out (non-ASCII percent-encoded, dot segments gone); "/..//x" normalises to "//x",
  // which a browser would read as another host.
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  return path.startsWith('//') ? fallback : path;
}
