import { AppError } from '../../platform/errors.ts';
import { principalOf, publicAccess, type RouteAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { sendConfirmation, submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { translator } from '../../platform/i18n/index.ts';
import { isConfirmed } from '../../platform/views/components.ts';
import { centreQuerySchema, notificationParams, unsubscribedSchema, unsubscribeParams } from './notifications.schemas.ts';
import {
  clearDevSms,
  getPreferences,
  listDevSms,
  listNotifications,
  markAllNotificationsRead,
  openNotification,
  savePreferences,
  unsubscribeByToken,
  unsubscribeTarget,
} from './notifications.service.ts';
import { centrePath, DEV_SMS_PATH, renderCentre, renderDevSms, renderPreferences, renderUnsubscribe } from './notifications.views.ts';

const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;
const staffAccess = { access: { roles: ['caseworker', 'content_owner', 'municipal_admin'], level: 'Substantial' } } as const;

/**
 * The notification centre and its settings, for citizens (/borger/notifikationer) and staff (/medarbejder/…): the
 * list, opening one (GET: marks it read and goes on to its link), "mark all as read", and the preferences form.
 */
export const notificationPages: RouteModule = (app, { db }) => {
  const audiences: [boolean, { access: RouteAccess }][] = [
    [false, citizenAccess],
    [true, staffAccess],
  ];
  for (const [staff, config] of audiences) {
    const base = centrePath(staff);

    app.get(base, { config, schema: { querystring: centreQuerySchema } }, async (request, reply) => {
      const ctx = pageContext(request, reply);
      const view = await listNotifications(db, principalOf(request), { cursor: request.query.cursor });
      return sendPage(reply, renderCentre(ctx, { ...view, markedAll: request.query.markeret === '1', paged: request.query.cursor !== undefined }));
    });

    app.post(`${base}/laest`, { config }, async (request, reply) => {
      await markAllNotificationsRead(db, principalOf(request));
      return reply.redirect(`${base}?markeret=1`, 303);
    });

    app.get(`${base}/indstillinger`, { config }, async (request, reply) => {
      const ctx = pageContext(request, reply);
      const preferences = await getPreferences(db, principalOf(request));
      const saved = (request.query as Record<string, unknown>).gemt === '1';
      return sendPage(reply, renderPreferences(ctx, { staff, preferences, errors: {}, saved }));
    });

    app.post(`${base}/indstillinger`, { config }, async (request, reply) => {
      const ctx = pageContext(request, reply);
      const actor = principalOf(request);
      return submitForm(reply, request.body, {
        run: () => savePreferences(db, actor, request.body),
        then: () => `${base}/indstillinger?gemt=1`,
        showAgain: async ({ errors }) => {
          const body = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, string | string[]>) : {};
          return renderPreferences(ctx, { staff, preferences: await getPreferences(db, actor), values: body, errors, saved: false });
        },
      });
    });

    // Opening one marks it read and goes to what it is about (a path on the platform, checked when it was made).
    app.get(`${base}/:notificationId`, { config, schema: { params: notificationParams } }, async (request, reply) => {
      const link = await openNotification(db, principalOf(request), request.params.notificationId);
      return reply.redirect(link, 303);
    });
  }

  // The link in every mail, one per kind: a page that asks, and the answer; no sign-in, the link's secret is the key.
  // Shown in the language the person chose for their mails.
  app.get('/notifikationer/afmeld/:token', { config: publicAccess, schema: { params: unsubscribeParams } }, async (request, reply) => {
    const target = await unsubscribeTarget(db, request.params.token);
    const ctx = pageContext(request, reply);
    const shown = target ? { ...ctx, locale: target.language, t: translator(target.language) } : ctx;
    return sendPage(reply, renderUnsubscribe(shown, request.params.token, target, false), target ? 200 : 404);
  });

  app.post('/notifikationer/afmeld/:token', { config: publicAccess, schema: { params: unsubscribeParams } }, async (request, reply) => {
    const done = await unsubscribeByToken(db, request.params.token);
    const ctx = pageContext(request, reply);
    const shown = done ? { ...ctx, locale: done.language, t: translator(done.language) } : ctx;
    return sendPage(reply, renderUnsubscribe(shown, request.params.token, done, true), done ? 200 : 404);
  });
};

/** RFC 8058 one-click unsubscribe: the mail client POSTs `List-Unsubscribe=One-Click` to the List-Unsubscribe address. */
export const notificationApiRoutes: RouteModule = (app, { db }) => {
  app.post(
    '/api/public/v1/notifications/unsubscribe/:token',
    {
      config: publicAccess,
      schema: {
        operationId: 'unsubscribeNotificationKind',
        tags: ['Notifications'],
        security: [],
        summary: 'One-click unsubscribe from one kind of notification e-mail (RFC 8058), the address in their List-Unsubscribe header',
        params: unsubscribeParams,
        response: {
          200: { description: 'No more e-mails of that kind', content: { 'application/json': { schema: unsubscribedSchema } } },
          ...problemResponses(400, 404, 429),
        },
      },
    },
    async (request, reply) => {
      if (!(await unsubscribeByToken(db, request.params.token))) throw new AppError('NOT_FOUND', 'The unsubscribe link names no one.');
      return reply.header('cache-control', 'no-store').send({ unsubscribed: true });
    },
  );
};

/**
 * The SMS simulator's development page (/udvikling/sms), only where the simulator runs (config.sms.simulator, never in
 * production): elsewhere the routes are not there (404), like /udvikling/mails. Public like it: the texts are the
 * machine's own synthetic ones. Linked from every page's footer while it is on.
 */
export const devSmsPages: RouteModule = (app, { db, config }) => {
  if (!config.sms.simulator) return;
  const installation = { simulator: config.sms.simulator };
  app.footerLinks.push({ href: DEV_SMS_PATH, text: 'notifications.devSms.footerLink' });

  app.get(DEV_SMS_PATH, { config: publicAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const texts = await listDevSms(db, request.principal, installation);
    return sendPage(reply, renderDevSms(ctx, { texts, deleted: (request.query as Record<string, unknown>).slettet === '1' }));
  });

  app.post(`${DEV_SMS_PATH}/slet`, { config: publicAccess }, async (request, reply) => {
    if (isConfirmed(request.body)) {
      await clearDevSms(db, request.principal, installation);
      return reply.redirect(`${DEV_SMS_PATH}?slettet=1`, 303);
    }
    const ctx = pageContext(request, reply);
    return sendConfirmation(reply, ctx, {
      heading: ctx.t('notifications.devSms.confirmDelete'),
      text: ctx.t('notifications.devSms.confirmDeleteText'),
      action: `${DEV_SMS_PATH}/slet`,
      confirmLabel: ctx.t('notifications.devSms.confirmDeleteYes'),
      cancelHref: DEV_SMS_PATH,
    });
  });
};
