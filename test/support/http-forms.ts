// signedInForms (test/support/app.ts) for an app running as its own process: a signed-in browser's view over real
// HTTP, with a session token made by createSession. `open` a page; `post` a form as a browser would after opening the
// page it is on (its CSRF token and cookie); `vendorApiToken` creates an API client on the vendor portal and takes a
// token with its client credentials, as a vendor's service does.
import { csrfTokenIn, type FormFields } from './app.ts';

export type HttpAnswer = { status: number; location: string | null; body: string; headers: Headers };

export function formsOverHttp(baseUrl: string) {
  const request = async (url: string, init: RequestInit & { headers?: Record<string, string> }): Promise<HttpAnswer> => {
    const response = await fetch(new URL(url, baseUrl), { redirect: 'manual', ...init });
    return { status: response.status, location: response.headers.get('location'), body: await response.text(), headers: response.headers };
  };
  const cookiesOf = (answer: HttpAnswer) =>
    answer.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
  const open = (token: string, url: string, headers: Record<string, string> = {}) =>
    request(url, { headers: { cookie: `jobunivers-session=${token}`, accept: 'text/html', ...headers } });
  const post = async (token: string, from: string, url: string, fields: FormFields = {}): Promise<HttpAnswer> => {
    const page = await open(token, from);
    const body = new URLSearchParams({ _csrf: csrfTokenIn(page.body) });
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    const cookies = cookiesOf(page);
    return request(url, {
      method: 'POST',
      headers: {
        cookie: `${cookies ? `${cookies}; ` : ''}jobunivers-session=${token}`,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: body.toString(),
    });
  };
  const vendorApiToken = async (adminSession: string, name: string): Promise<string> => {
    const created = await post(adminSession, '/leverandoer/api-noegler', '/leverandoer/api-noegler', { name });
    const clientId = /<dt>client_id<\/dt><dd><code>(jvc_[^<]+)<\/code>/.exec(created.body)?.[1];
    const clientSecret = /<dt>client_secret<\/dt><dd><code>(jvs_[^<]+)<\/code>/.exec(created.body)?.[1];
    if (!clientId || !clientSecret) throw new Error(`no API client was created (${created.status}): ${created.body.slice(0, 500)}`);
    const answer = await request('/api/vendor/v1/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    if (answer.status !== 200) throw new Error(`no token (${answer.status}): ${answer.body}`);
    return (JSON.parse(answer.body) as { access_token: string }).access_token;
  };
  return { open, post, vendorApiToken };
}
