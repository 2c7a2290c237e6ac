import { publicAccess } from '../../platform/http/access.ts';
import { z } from 'zod';
import { LANGUAGE_COOKIE, type RouteModule } from '../../platform/http/app.ts';
import { formOnce } from '../../platform/http/form-token.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { safeRedirectPath } from '../../platform/http/safe-redirect.ts';
import { formValues } from '../../platform/views/components.ts';
import { countCoverage } from '../municipalities/index.ts';
import { languageSwitchQuerySchema } from './site.schemas.ts';
import { submitAccessibilityFeedback } from './site.service.ts';
import { renderFeedbackThanks, renderLanding, renderStatement } from './site.views.ts';

const COVERAGE_TTL_MS = 30_000;

/** Public pages: landing, audience entry points, accessibility statement with its feedback form, language switch. */
export const sitePages: RouteModule = (app, { db, config }) => {
  // The landing page is the most visited page; its two figures change rarely, so they are kept briefly.
  let coverage: { value: Awaited<ReturnType<typeof countCoverage>>; at: number } | undefined;
  const coverageFigures = async () => {
    if (!coverage || Date.now() - coverage.at > COVERAGE_TTL_MS) coverage = { value: await countCoverage(db), at: Date.now() };
    return coverage.value;
  };

  app.get('/', { config: publicAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, renderLanding(ctx, await coverageFigures()));
  });

  app.get('/sprog', { config: publicAccess, schema: { querystring: languageSwitchQuerySchema } }, async (request, reply) => {
    reply.setCookie(LANGUAGE_COOKIE, request.query.til, {
      path: '/',
      maxAge: 365 * 24 * 60 * 60,
      sameSite: 'lax',
      httpOnly: true,
      secure: config.secureCookies,
    });
    return reply.redirect(safeRedirectPath(request.query.tilbage, config.baseUrl), 303);
  });

  app.get('/tilgaengelighed', { config: publicAccess }, async (request, reply) => sendPage(reply, renderStatement(pageContext(request, reply), {}, {})));

  app.post('/tilgaengelighed', { config: publicAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const input = formValues(request.body);
    return submitForm(reply, request.body, {
      run: async () => {
        // Anyone may write, signed in or not: a signed-in person's token replays only for them; without sign-in, only
        // whoever holds the form (its token is random) can replay it, and all it shows is the reference.
        const { reference, replayed } = await submitAccessibilityFeedback(
          db,
          input,
          ctx.locale,
          formOnce(request.body, 'site.accessibility-feedback', request.principal?.subject ?? 'anonymous'),
        );
        return `/tilgaengelighed/tak/${reference}${replayed ? '?allerede=1' : ''}`;
      },
      showAgain: ({ errors }) => renderStatement(ctx, input, errors),
    });
  });

  app.get(
    '/tilgaengelighed/tak/:reference',
    {
      config: publicAccess,
      schema: {
        params: z.object({ reference: z.string().regex(/^TG-[A-Z0-9]{4}-[A-Z0-9]{4}$/) }),
        querystring: z.object({ allerede: z.literal('1').optional().catch(undefined) }),
      },
    },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      return sendPage(reply, renderFeedbackThanks(ctx, request.params.reference, request.query.allerede === '1'));
    },
  );
};
