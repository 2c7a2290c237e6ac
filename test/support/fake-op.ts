// A deliberately broken OpenID Provider for the sign-in failure tests: it completes the authorization
// request at once and answers the token request with an ID token that is wrong in the way asked for.
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { freePort } from './server.ts';

export type Misbehaviour = 'bad-signature' | 'unknown-issuer' | 'unknown-acr' | 'none';

export async function startFakeOp(clientId: string): Promise<{ issuer: string; misbehave(kind: Misbehaviour): void; close(): Promise<void> }> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const good = await generateKeyPair('ES256');
  const evil = await generateKeyPair('ES256');
  const publicJwk = { ...(await exportJWK(good.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const nonces = new Map<string, string>();
  let kind: Misbehaviour = 'none';

  const app = Fastify();
  await app.register(formbody);
  app.get('/.well-known/openid-configuration', async () => ({
    issuer,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
    code_challenge_methods_supported: ['S256'],
  }));
  app.get('/jwks', async () => ({ keys: [publicJwk] }));
  app.get('/auth', async (request, reply) => {
    const query = request.query as Record<string, string>;
    const code = randomBytes(16).toString('hex');
    nonces.set(code, query.nonce ?? '');
    return reply.redirect(`${query.redirect_uri}?code=${code}&state=${encodeURIComponent(query.state ?? '')}`, 302);
  });
  app.post('/token', async (request) => {
    const body = request.body as Record<string, string>;
    const jwt = await new SignJWT({
      nonce: nonces.get(body.code ?? '') ?? '',
      acr: kind === 'unknown-acr' ? 'urn:example:loa:super-high' : 'https://data.gov.dk/concept/core/nsis/loa/Substantial',
      'https://data.gov.dk/model/core/eid/fullName': 'Falsk Person',
      'urn:jobunivers:claims:roles': ['governance_admin'],
    })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(kind === 'unknown-issuer' ? 'http://127.0.0.1:1/someone-else' : issuer)
      .setSubject('https://data.gov.dk/model/core/eid/person/uuid/00000000-0000-4000-8000-0000000000ff')
      .setAudience(clientId)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(kind === 'bad-signature' ? evil.privateKey : good.privateKey);
    return { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: jwt };
  });
  await app.listen({ port, host: '127.0.0.1' });
  return { issuer, misbehave: (k) => void (kind = k), close: () => app.close() };
}
