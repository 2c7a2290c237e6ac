// `Server-Timing: app;dur=<ms>` (W3C Server Timing) on every answer when SERVER_TIMING is on: the time from the
// request reaching the app to its headers being written — what the app itself spent, without the network or the
// client. The bench reads it (the SSO launch's target is server time); browsers show it in their developer tools.
// Off by default: it tells any caller how long the server worked.
import type { FastifyInstance } from 'fastify';
import onHeaders from 'on-headers';

export function registerServerTiming(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const started = process.hrtime.bigint();
    const raw = reply.raw;
    onHeaders(raw, () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      raw.setHeader('server-timing', `app;dur=${ms.toFixed(2)}`);
    });
    done();
  });
}
