import type { RouteModule } from '../../platform/http/app.ts';
import { publicAccess } from '../../platform/http/access.ts';
import { sendConfirmation } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { isConfirmed } from '../../platform/views/components.ts';
import { caughtMailParamsSchema, caughtMailsQuerySchema } from './dev-mail.schemas.ts';
import { clearCaughtMails, listCaughtMails, showCaughtMail } from './dev-mail.service.ts';
import { DEV_MAIL_PATH, renderCaughtMail, renderCaughtMails } from './dev-mail.views.ts';

/**
 * The development page of caught mails (/udvikling/mails), only where the app runs its SMTP catcher
 * (config.mail.catcher, never in production): elsewhere the routes are not there (404), like the test IdP's and the
 * simulators'. Public like the test IdP's pages: the mails are the machine's own synthetic ones. Linked from every
 * page's footer while it is on.
 */
export const devMailPages: RouteModule = (app, { db, config }) => {
  if (!config.mail.catcher) return;
  const installation = { catcher: config.mail.catcher };
  app.footerLinks.push({ href: DEV_MAIL_PATH, text: 'devMail.footerLink' });

  app.get(DEV_MAIL_PATH, { config: publicAccess, schema: { querystring: caughtMailsQuerySchema } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const page = await listCaughtMails(db, request.principal, installation, request.query);
    return sendPage(
      reply,
      renderCaughtMails(ctx, {
        mails: page.items,
        nextCursor: page.nextCursor,
        limit: request.query.limit,
        catcherUrl: config.mail.smtpUrl,
        deleted: request.query.slettet === '1',
      }),
    );
  });

  app.get(`${DEV_MAIL_PATH}/:mailId`, { config: publicAccess, schema: { params: caughtMailParamsSchema } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, renderCaughtMail(ctx, await showCaughtMail(db, request.principal, installation, request.params.mailId)));
  });

  // "Slet alle" asks first: the first POST shows what will happen, only the confirmed one deletes.
  app.post(`${DEV_MAIL_PATH}/slet`, { config: publicAccess }, async (request, reply) => {
    if (isConfirmed(request.body)) {
      await clearCaughtMails(db, request.principal, installation);
      return reply.redirect(`${DEV_MAIL_PATH}?slettet=1`, 303);
    }
    const ctx = pageContext(request, reply);
    return sendConfirmation(reply, ctx, {
      heading: ctx.t('devMail.confirmDelete'),
      text: ctx.t('devMail.confirmDeleteText'),
      action: `${DEV_MAIL_PATH}/slet`,
      confirmLabel: ctx.t('devMail.confirmDeleteYes'),
      cancelHref: DEV_MAIL_PATH,
    });
  });
};
