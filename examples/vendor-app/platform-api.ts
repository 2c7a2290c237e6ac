// Our company's own system talking to the platform's vendor API: an access token by OAuth 2 client credentials
// (POST /api/vendor/v1/token), activity events as CloudEvents 1.0 (POST /api/vendor/v1/events), and following the
// platform's change feeds with a cursor we keep (our company's feed and the public catalogue feed).
import { randomUUID } from 'node:crypto';
import type { VendorConfig } from './config.ts';
import type { PlatformState } from './store.ts';

export const EVENT_TYPE_PREFIX = 'dk.jobunivers.activity.';

type Answer = { status: number; body: unknown; retryAfterSeconds?: number };

let token: { value: string; expiresAt: number } | undefined;

/** A bearer token for our API client, fetched again a minute before it runs out. Throws when the platform refuses. */
async function bearer(vendor: VendorConfig): Promise<string> {
  if (!vendor.apiClient) throw new Error('No API client configured (API_CLIENT_ID, API_CLIENT_SECRET).');
  if (token && token.expiresAt > Date.now() + 60_000) return token.value;
  const response = await fetch(`${vendor.platformUrl}/api/vendor/v1/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(vendor.apiClient.id)}:${encodeURIComponent(vendor.apiClient.secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const body = (await response.json()) as { access_token?: string; expires_in?: number; error?: string };
  if (!response.ok || !body.access_token) throw new Error(`token endpoint answered ${response.status} ${body.error ?? ''}`);
  token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 600) * 1000 };
  return token.value;
}

async function call(
  vendor: VendorConfig,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; auth: boolean },
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.auth) headers.authorization = `Bearer ${await bearer(vendor)}`;
  const response = await fetch(`${vendor.platformUrl}${path}`, { method: init.method ?? 'GET', headers, ...(init.body ? { body: init.body } : {}) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  if (response.status === 401) token = undefined;
  const retryAfter = Number(response.headers.get('retry-after'));
  return { status: response.status, body, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
}

/**
 * Reports what a citizen did in our service (`type` after the registry's prefix: started, progress, completed, …) as
 * one CloudEvent. The event's id is our idempotency key: a retry after a timeout or a 5xx sends the same id, so the
 * platform stores it once. Answers the platform's last answer.
 */
export async function sendActivityEvent(vendor: VendorConfig, sub: string, type: string, data: Record<string, unknown>): Promise<Answer> {
  const event = {
    specversion: '1.0',
    id: randomUUID(),
    source: `/listings/${vendor.clientId}`,
    type: `${EVENT_TYPE_PREFIX}${type}`,
    subject: sub,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data,
  };
  let answer: Answer = { status: 0, body: 'not sent' };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      answer = await call(vendor, '/api/vendor/v1/events', {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents+json' },
        body: JSON.stringify(event),
        auth: true,
      });
    } catch (error) {
      answer = { status: 0, body: error instanceof Error ? error.message : String(error) };
    }
    // Acknowledged (2xx) means stored. A 401 is a token that ran out or was revoked: once more with a fresh one (call
    // forgot it). A 429 or 5xx is worth another try after the platform's Retry-After (at most a minute) or a back-off;
    // any other 4xx will not change by sending again.
    if (answer.status >= 200 && answer.status < 500 && answer.status !== 429 && !(answer.status === 401 && attempt === 0)) return answer;
    if (answer.status === 401) continue;
    const waitMs = answer.retryAfterSeconds !== undefined ? Math.min(answer.retryAfterSeconds, 60) * 1000 : 500 * 2 ** attempt;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  return answer;
}

type FeedPage = { items: { id: string; [key: string]: unknown }[]; next: string };

/**
 * Reads one feed from the cursor we kept until it has nothing new, handing each page's items to `take` before the
 * cursor moves on (so after a crash we read a page again rather than miss one: handle items idempotently, by id).
 */
async function followFeed(
  vendor: VendorConfig,
  path: string,
  auth: boolean,
  cursor: string | undefined,
  take: (items: FeedPage['items'], next: string) => void,
): Promise<void> {
  for (let pages = 0; pages < 50; pages++) {
    const query = new URLSearchParams({ limit: '100', ...(cursor ? { after: cursor } : {}) });
    const answer = await call(vendor, `${path}?${query.toString()}`, { auth });
    if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const page = answer.body as FeedPage;
    take(page.items, page.next);
    if (page.items.length === 0) return;
    cursor = page.next;
  }
}

/** One round of following: the public catalogue feed, and our company's own feed when we have an API client. */
export async function followPlatformFeeds(vendor: VendorConfig, state: PlatformState): Promise<void> {
  await followFeed(vendor, '/api/public/v1/catalogue/feed', false, state.cursor('catalogue'), (items, next) => state.takeCatalogueItems(items, next));
  if (vendor.apiClient) await followFeed(vendor, '/api/vendor/v1/feed', true, state.cursor('vendor'), (items, next) => state.takeVendorFeedItems(items, next));
}

/** Follows the feeds every `feedIntervalMs` until the process ends; a failed round is logged and tried again next time. */
export function startFeedLoop(vendor: VendorConfig, state: PlatformState): void {
  if (vendor.feedIntervalMs === 0) return;
  const round = (): void => {
    void followPlatformFeeds(vendor, state)
      .catch((error: unknown) =>
        process.stderr.write(`reference vendor: following the feeds failed: ${error instanceof Error ? error.message : String(error)}\n`),
      )
      .finally(() => setTimeout(round, vendor.feedIntervalMs).unref());
  };
  setTimeout(round, 1000).unref();
}
