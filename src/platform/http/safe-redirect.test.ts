import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeRedirectPath } from './safe-redirect.ts';

const base = 'https://jobunivers.example';

const refused: [string, unknown][] = [
  ['an encoded TAB before a second slash', '/%09/evil.example/x'],
  ['a raw TAB before a second slash', '/\t/evil.example/x'],
  ['a raw LF', '/\n/evil.example'],
  ['an encoded CR LF (header injection)', '/%0d%0aSet-Cookie:x=1'],
  ['an encoded LF', '/%0a/x'],
  ['a doubly encoded TAB', '/%2509/evil.example'],
  ['an encoded NUL', '/x%00y'],
  ['DEL', '/x\u007fy'],
  ['a protocol-relative URL', '//evil.example/x'],
  ['a slash and a backslash', '/\\evil.example'],
  ['a backslash and a slash', '\\/evil.example'],
  ['an encoded backslash', '/%5cevil.example'],
  ['an absolute URL elsewhere', 'https://evil.example/'],
  ['an absolute URL on this site (not a path)', 'https://jobunivers.example/borger'],
  ['a javascript: URL', 'javascript:alert(1)'],
  ['a data: URL', 'data:text/html,x'],
  ['a relative path', 'x'],
  ['a relative path with dots', '../x'],
  ['dot segments that normalise to a second slash', '/..//evil.example'],
  ['malformed percent-encoding', '/%E0%A4%A'],
  ['an empty value', ''],
  ['no value', undefined],
  ['not a string', ['/borger']],
  ['too long', `/${'a'.repeat(2000)}`],
];

for (const [what, value] of refused) {
  test(`refused, falling back: ${what}`, () => {
    assert.equal(safeRedirectPath(value, base), '/');
    assert.equal(safeRedirectPath(value, base, '/borger'), '/borger');
  });
}

const kept: [string, string, string][] = [
  ['a path with query and fragment', '/borger/jobrejse?x=1#y', '/borger/jobrejse?x=1#y'],
  ['the front page', '/', '/'],
  ['an encoded slash in a query value', '/oidc-interaktion/abc?tilbage=%2Fborger', '/oidc-interaktion/abc?tilbage=%2Fborger'],
  ['a Danish letter, percent-encoded on the way out', '/kommuner/søg', '/kommuner/s%C3%B8g'],
  ['dot segments, normalised', '/borger/../kommuner', '/kommuner'],
];

for (const [what, value, expected] of kept) {
  test(`kept: ${what}`, () => {
    assert.equal(safeRedirectPath(value, base), expected);
  });
}

test('the base URL’s origin decides, whatever its path', () => {
  assert.equal(safeRedirectPath('/borger', 'http://127.0.0.1:3000/'), '/borger');
  assert.equal(safeRedirectPath('/borger', 'not a url'), '/');
});
