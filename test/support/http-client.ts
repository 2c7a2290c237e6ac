// A small browser stand-in for tests that cross the app and its identity provider over real HTTP:
// it keeps cookies (by name and path, honouring deletion) and follows redirects one step at a time.

type StoredCookie = { name: string; value: string; path: string };

export type Page = { status: number; url: string; location: string | undefined; body: string; headers: Headers };

export class HttpClient {
  private cookies: StoredCookie[] = [];

  readonly baseUrl: string;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  cookie(name: string): string | undefined {
    return this.cookies.find((c) => c.name === name)?.value;
  }

  setCookie(name: string, value: string, path = '/'): void {
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
    this.cookies.push({ name, value, path });
  }

  forget(name: string): void {
    this.cookies = this.cookies.filter((c) => c.name !== name);
  }

  private cookieHeader(url: URL): string {
    return this.cookies
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || c.path === '/')
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private remember(url: URL, headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attribute = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.split('=')[1];
      const path = attribute('path') ?? url.pathname.replace(/\/[^/]*$/, '') ?? '/';
      const expired = attribute('max-age') === '0' || (attribute('expires') !== undefined && new Date(attribute('expires') ?? '') < new Date()) || value === '';
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
      if (!expired) this.cookies.push({ name, value, path });
    }
  }

  /** One request, no redirects followed. */
  async request(path: string, options: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Page> {
    const url = new URL(path, this.baseUrl);
    const response = await fetch(url, {
      method: options.method ?? (options.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        cookie: this.cookieHeader(url),
        ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...options.headers,
      },
      body: options.form ? new URLSearchParams(options.form).toString() : undefined,
    });
    this.remember(url, response.headers);
    return {
      status: response.status,
      url: url.href,
      location: response.headers.get('location') ?? undefined,
      body: await response.text(),
      headers: response.headers,
    };
  }

  /** A request and every redirect after it (as a browser would, POST becoming GET on 302/303). */
  async navigate(path: string, options: { form?: Record<string, string> } = {}): Promise<Page & { visited: string[] }> {
    let page = await this.request(path, options);
    const visited = [page.url];
    for (let hops = 0; page.location && hops < 15; hops++) {
      page = await this.request(new URL(page.location, page.url).href);
      visited.push(page.url);
    }
    return { ...page, visited };
  }
}

/** The value of the CSRF field in the first form of a page. */
export function formToken(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!match?.[1]) throw new Error('no form token on the page');
  return match[1];
}
