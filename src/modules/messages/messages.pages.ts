// Messages' pages: the citizen's (/borger/beskeder: list, new thread, a thread with its reply form, attachments), the
// caseworker's team inbox (/medarbejder/beskeder: filters, a thread, assignment, close/open, reply, attachments) and
// the municipality's admin's setting of the expected answer time (/kommune/beskeder/indstillinger).
import fastifyMultipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { formValues, type FormErrors } from '../../platform/views/components.ts';
import { renderPage } from '../../platform/views/layout.ts';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENTS_PER_MESSAGE,
  attachmentParams,
  citizenListQuery,
  inboxQuery,
  settingsQuery,
  threadParams,
  threadQuery,
  type UploadedFile,
} from './messages.schemas.ts';
import {
  assignThread,
  getMessageSettings,
  getOwnAttachment,
  getStaffAttachment,
  listInbox,
  listOwnThreads,
  openOwnThread,
  openThreadAsStaff,
  replyAsCitizen,
  replyAsStaff,
  saveMessageSettings,
  setThreadClosed,
  startThread,
  type AttachmentFile,
} from './messages.service.ts';
import {
  CITIZEN_MESSAGES,
  MESSAGE_SETTINGS,
  STAFF_MESSAGES,
  renderInbox,
  renderNewThread,
  renderOwnThread,
  renderOwnThreads,
  renderSettings,
  renderStaffThread,
} from './messages.views.ts';

const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;
const caseworkerAccess = { access: { roles: ['caseworker'], level: 'Substantial' } } as const;
const adminAccess = { access: { roles: ['municipal_admin'], level: 'Substantial' } } as const;

// The ceiling of an upload request: every allowed file at its largest, read through (each cut off one byte past the
// limit, so the service can say it is too large) and some room for the text fields. Above it the request is refused.
const MULTIPART_MAX_BYTES = (ATTACHMENTS_PER_MESSAGE + 1) * (ATTACHMENT_MAX_BYTES + 1) + 1024 * 1024;

const staffNotices = {
  sendt: 'messages.flash.sent',
  tildelt: 'messages.flash.assigned',
  lukket: 'messages.flash.closed',
  genaabnet: 'messages.flash.reopened',
} as const satisfies Record<string, MessageKey>;

/** The files of a multipart form, kept beside its text fields (which become the body the CSRF check and forms read). */
const uploads = new WeakMap<FastifyRequest, UploadedFile[]>();
const filesOf = (request: FastifyRequest): UploadedFile[] => uploads.get(request) ?? [];

type MultipartPart = { value?: unknown; filename?: string; _buf?: Buffer; fieldname?: string };

/** A multipart body as the multipart plugin left it ({ value } per field, parts with _buf per file): text fields and files. */
function splitMultipart(body: unknown): { fields: Record<string, string>; files: UploadedFile[] } {
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  if (typeof body !== 'object' || body === null) return { fields, files };
  for (const [name, entry] of Object.entries(body as Record<string, MultipartPart | MultipartPart[]>)) {
    for (const part of [entry].flat()) {
      if (part._buf !== undefined || part.filename !== undefined) {
        if (name === 'attachments') files.push({ fileName: part.filename ?? '', bytes: part._buf ?? Buffer.alloc(0) });
      } else if (typeof part.value === 'string') fields[name] = part.value;
    }
  }
  return { fields, files };
}

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends an attachment: as a download, its type as its bytes said, never sniffed, never cached by others. */
function sendAttachment(reply: FastifyReply, file: AttachmentFile): FastifyReply {
  return reply
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .type(file.type)
    .send(file.bytes);
}

/** Messages between citizens and their jobcenter, the team inbox and the expected answer time. */
export const messagePages: RouteModule = async (app, { db }) => {
  // ------------------------------------------------------------------ the citizen's side
  app.get(CITIZEN_MESSAGES, { config: citizenAccess, schema: { querystring: citizenListQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const list = await listOwnThreads(db, principalOf(request), { page: request.query.side });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('messages.title'), body: renderOwnThreads(ctx, list, { sent: request.query.sendt === '1' }) }));
  });

  app.get(`${CITIZEN_MESSAGES}/ny`, { config: citizenAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, renderPage(ctx, { title: ctx.t('messages.new.title'), body: renderNewThread(ctx, { values: {}, errors: {} }) }));
  });

  async function showOwnThread(
    request: FastifyRequest,
    reply: FastifyReply,
    threadId: string,
    form: { values: Record<string, string>; errors: FormErrors },
    sent: boolean,
    status = 200,
  ) {
    const ctx = pageContext(request, reply);
    const view = await openOwnThread(db, principalOf(request), threadId);
    return sendPage(reply, renderPage(ctx, { title: view.thread.subject, body: renderOwnThread(ctx, view, form, { sent }) }), status);
  }

  app.get(`${CITIZEN_MESSAGES}/:threadId`, { config: citizenAccess, schema: { params: threadParams, querystring: threadQuery } }, async (request, reply) =>
    showOwnThread(request, reply, request.params.threadId, { values: {}, errors: {} }, request.query.besked === 'sendt'),
  );

  app.get(`${CITIZEN_MESSAGES}/:threadId/bilag/:attachmentId`, { config: citizenAccess, schema: { params: attachmentParams } }, async (request, reply) =>
    sendAttachment(reply, await getOwnAttachment(db, principalOf(request), request.params.threadId, request.params.attachmentId)),
  );

  // ------------------------------------------------------------------ the staff's side
  app.get(STAFF_MESSAGES, { config: caseworkerAccess, schema: { querystring: inboxQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const inbox = await listInbox(db, principalOf(request), { filter: request.query.vis, unread: request.query.ulaest === '1', page: request.query.side });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('messages.inbox.title'), body: renderInbox(ctx, inbox, new Date()) }));
  });

  async function showStaffThread(
    request: FastifyRequest,
    reply: FastifyReply,
    threadId: string,
    form: { values: Record<string, string>; errors: FormErrors },
    notice?: MessageKey,
    status = 200,
  ) {
    const ctx = pageContext(request, reply);
    const view = await openThreadAsStaff(db, principalOf(request), threadId);
    return sendPage(reply, renderPage(ctx, { title: view.thread.subject, body: renderStaffThread(ctx, view, form, { notice, now: new Date() }) }), status);
  }

  app.get(`${STAFF_MESSAGES}/:threadId`, { config: caseworkerAccess, schema: { params: threadParams, querystring: threadQuery } }, async (request, reply) =>
    showStaffThread(request, reply, request.params.threadId, { values: {}, errors: {} }, request.query.besked ? staffNotices[request.query.besked] : undefined),
  );

  app.get(`${STAFF_MESSAGES}/:threadId/bilag/:attachmentId`, { config: caseworkerAccess, schema: { params: attachmentParams } }, async (request, reply) =>
    sendAttachment(reply, await getStaffAttachment(db, principalOf(request), request.params.threadId, request.params.attachmentId)),
  );

  app.post(`${STAFF_MESSAGES}/:threadId/tildel`, { config: caseworkerAccess, schema: { params: threadParams } }, async (request, reply) => {
    const { threadId } = request.params;
    return submitForm(reply, request.body, {
      run: async () => {
        await assignThread(db, principalOf(request), threadId, request.body);
        return `${STAFF_MESSAGES}/${threadId}?besked=tildelt`;
      },
      showAgain: ({ errors, values }) => showStaffThread(request, reply, threadId, { values, errors }, undefined, 400),
    });
  });

  app.post(`${STAFF_MESSAGES}/:threadId/status`, { config: caseworkerAccess, schema: { params: threadParams } }, async (request, reply) => {
    const { threadId } = request.params;
    const closed = formValues(request.body).closed === '1';
    await setThreadClosed(db, principalOf(request), threadId, closed);
    return reply.redirect(`${STAFF_MESSAGES}/${threadId}?besked=${closed ? 'lukket' : 'genaabnet'}`, 303);
  });

  // ------------------------------------------------------------------ the municipality's setting
  async function showSettings(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values: Record<string, string>; errors: FormErrors },
    saved: boolean,
    status = 200,
  ) {
    const ctx = pageContext(request, reply);
    const settings = await getMessageSettings(db, principalOf(request));
    return sendPage(reply, renderPage(ctx, { title: ctx.t('messages.settings.title'), body: renderSettings(ctx, settings, form, { saved }) }), status);
  }

  app.get(MESSAGE_SETTINGS, { config: adminAccess, schema: { querystring: settingsQuery } }, async (request, reply) =>
    showSettings(request, reply, { values: {}, errors: {} }, request.query.gemt === '1'),
  );

  app.post(MESSAGE_SETTINGS, { config: adminAccess }, async (request, reply) =>
    submitForm(reply, request.body, {
      run: async () => {
        await saveMessageSettings(db, principalOf(request), request.body);
        return `${MESSAGE_SETTINGS}?gemt=1`;
      },
      showAgain: ({ errors, values }) => showSettings(request, reply, { values, errors }, false, 400),
    }),
  );

  // ------------------------------------------------------------------ the forms with attachments (multipart)
  await app.register(async (plain) => {
    const upload = plain.withTypeProvider<ZodTypeProvider>();
    // Refused before anything is read: a request over the ceiling, or one that does not say how large it is.
    upload.addHook('onRequest', (request, _reply, done) => {
      const length = Number(request.headers['content-length']);
      const multipart = String(request.headers['content-type'] ?? '').startsWith('multipart/');
      done(multipart && !(length <= MULTIPART_MAX_BYTES) ? new AppError('PAYLOAD_TOO_LARGE', 'The upload is larger than the platform accepts.') : undefined);
    });
    await upload.register(fastifyMultipart, {
      attachFieldsToBody: true,
      // A file over the limit arrives cut off one byte past it, and the service says it is too large.
      throwFileSizeLimit: false,
      limits: { fileSize: ATTACHMENT_MAX_BYTES + 1, files: ATTACHMENTS_PER_MESSAGE + 1, fields: 10, parts: 20, fieldSize: 20_000, fieldNameSize: 100 },
    });
    // After the multipart plugin, before the route's CSRF check: text fields become the body, files are kept aside.
    upload.addHook('preValidation', (request, _reply, done) => {
      if (request.isMultipart()) {
        const { fields, files } = splitMultipart(request.body);
        request.body = fields;
        uploads.set(request, files);
      }
      done();
    });

    upload.post(`${CITIZEN_MESSAGES}/ny`, { config: citizenAccess }, async (request, reply) =>
      submitForm(reply, request.body, {
        run: async () => `${CITIZEN_MESSAGES}/${(await startThread(db, principalOf(request), request.body, filesOf(request))).id}?besked=sendt`,
        showAgain: ({ errors, values }) => {
          const ctx = pageContext(request, reply);
          return renderPage(ctx, { title: ctx.t('messages.new.title'), body: renderNewThread(ctx, { values, errors }) });
        },
      }),
    );

    upload.post(`${CITIZEN_MESSAGES}/:threadId`, { config: citizenAccess, schema: { params: threadParams } }, async (request, reply) => {
      const { threadId } = request.params;
      return submitForm(reply, request.body, {
        run: async () => {
          await replyAsCitizen(db, principalOf(request), threadId, request.body, filesOf(request));
          return `${CITIZEN_MESSAGES}/${threadId}?besked=sendt`;
        },
        showAgain: ({ errors, values }) => showOwnThread(request, reply, threadId, { values, errors }, false, 400),
      });
    });

    upload.post(`${STAFF_MESSAGES}/:threadId`, { config: caseworkerAccess, schema: { params: threadParams } }, async (request, reply) => {
      const { threadId } = request.params;
      return submitForm(reply, request.body, {
        run: async () => {
          await replyAsStaff(db, principalOf(request), threadId, request.body, filesOf(request));
          return `${STAFF_MESSAGES}/${threadId}?besked=sendt`;
        },
        showAgain: ({ errors, values }) => showStaffThread(request, reply, threadId, { values, errors }, undefined, 400),
      });
    });
  });
};
