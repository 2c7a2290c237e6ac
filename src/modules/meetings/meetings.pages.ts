import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { sendConfirmation, submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { formatPeriod } from '../../platform/i18n/index.ts';
import { sendPurposeQuestion } from '../identity/index.ts';
import { formValues, isConfirmed, type FormErrors } from '../../platform/views/components.ts';
import { renderPage } from '../../platform/views/layout.ts';
import { citizenMeetingsQuery, citizenParams, meetingParams, pageQuery, slotParams, staffCitizenQuery, staffMeetingsQuery } from './meetings.schemas.ts';
import {
  bookForCitizen,
  bookForCitizenByCpr,
  bookMeeting,
  cancelOwnMeeting,
  cancelStaffMeeting,
  getFreeSlot,
  getOwnMeeting,
  getStaffMeeting,
  listOwnMeetings,
  listStaffMeetings,
  moveOwnMeeting,
  newSlotsForm,
  openCitizenMeetings,
  ownMeetingCalendar,
  publishSlots,
  recordMeetingOutcome,
  staffMeetingCalendar,
} from './meetings.service.ts';
import {
  calendarTexts,
  renderBookForCitizen,
  renderCitizenMeetings,
  renderNewSlots,
  renderOwnMeeting,
  renderOwnMeetings,
  renderStaffMeeting,
  renderStaffMeetings,
  type SavedNotice,
} from './meetings.views.ts';

const citizenAccess = { access: { roles: ['citizen'], level: 'Substantial' } } as const;
const staffAccess = { access: { roles: ['caseworker', 'municipal_admin'], level: 'Substantial' } } as const;
const caseworkerAccess = { access: { roles: ['caseworker'], level: 'Substantial' } } as const;

/** Sends a meeting's calendar file. */
function sendCalendar(reply: FastifyReply, text: string): FastifyReply {
  return reply
    .header('content-type', 'text/calendar; charset=utf-8')
    .header('content-disposition', 'attachment; filename="moede.ics"')
    .header('cache-control', 'no-store')
    .send(text);
}

const hostOf = (baseUrl: string) => new URL(baseUrl).host;

/**
 * Meetings: the citizen's pages (/borger/moeder: their meetings and free slots to book; a meeting's page with its
 * calendar file, move and cancel) and the caseworker's (/medarbejder/moeder: their slots by day; new slots; booking a
 * slot for a citizen by CPR number; a meeting's page with cancel and outcome; and a citizen's meetings from the
 * citizen's page, opened with a purpose).
 */
export const meetingPages: RouteModule = (app, { db, config }) => {
  const host = hostOf(config.baseUrl);

  // -------------------------------------------------------------------------------------------------------------
  // The citizen

  app.get('/borger/moeder', { config: citizenAccess, schema: { querystring: citizenMeetingsQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const view = await listOwnMeetings(db, principalOf(request), { page: request.query.side });
    const body = renderOwnMeetings(ctx, view, { saved: request.query.gemt, values: {}, errors: {} });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('meetings.citizen.title'), body }));
  });

  app.post('/borger/moeder', { config: citizenAccess }, async (request, reply) => {
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: async () => `/borger/moeder/${await bookMeeting(db, actor, request.body)}?gemt=booket`,
      showAgain: async ({ errors, values }) => {
        const ctx = pageContext(request, reply);
        const body = renderOwnMeetings(ctx, await listOwnMeetings(db, actor), { values, errors });
        return renderPage(ctx, { title: ctx.t('meetings.citizen.title'), body });
      },
    });
  });

  app.get(
    '/borger/moeder/:meetingId',
    { config: citizenAccess, schema: { params: meetingParams, querystring: citizenMeetingsQuery } },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const view = await getOwnMeeting(db, principalOf(request), request.params.meetingId, { page: request.query.side });
      const body = renderOwnMeeting(ctx, view, { saved: request.query.gemt, values: {}, errors: {} });
      return sendPage(reply, renderPage(ctx, { title: ctx.t('meetings.meeting.heading'), body }));
    },
  );

  app.get('/borger/moeder/:meetingId/kalender.ics', { config: citizenAccess, schema: { params: meetingParams } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendCalendar(reply, await ownMeetingCalendar(db, principalOf(request), request.params.meetingId, (m) => calendarTexts(ctx, m), host));
  });

  app.post('/borger/moeder/:meetingId/flyt', { config: citizenAccess, schema: { params: meetingParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { meetingId } = request.params;
    return submitForm(reply, request.body, {
      run: async () => {
        await moveOwnMeeting(db, actor, meetingId, request.body);
        return `/borger/moeder/${meetingId}?gemt=flyttet`;
      },
      showAgain: async ({ errors, values }) => {
        const ctx = pageContext(request, reply);
        const body = renderOwnMeeting(ctx, await getOwnMeeting(db, actor, meetingId), { values, errors });
        return renderPage(ctx, { title: ctx.t('meetings.meeting.heading'), body });
      },
    });
  });

  app.post('/borger/moeder/:meetingId/aflys', { config: citizenAccess, schema: { params: meetingParams } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const { meetingId } = request.params;
    if (!isConfirmed(request.body)) {
      const { meeting } = await getOwnMeeting(db, actor, meetingId);
      const when = formatPeriod(ctx.locale, meeting.starts_at, new Date(meeting.starts_at.getTime() + meeting.duration_minutes * 60_000));
      return sendConfirmation(reply, ctx, {
        heading: ctx.t('meetings.cancel.confirmHeading'),
        text: ctx.t('meetings.cancel.confirmText', { when }),
        action: `/borger/moeder/${meetingId}/aflys`,
        confirmLabel: ctx.t('meetings.cancel.confirm'),
        cancelHref: `/borger/moeder/${meetingId}`,
      });
    }
    return submitForm(reply, request.body, {
      run: async () => {
        await cancelOwnMeeting(db, actor, meetingId);
        return '/borger/moeder?gemt=aflyst';
      },
      showAgain: async ({ errors, values }) => {
        const body = renderOwnMeeting(ctx, await getOwnMeeting(db, actor, meetingId), { values, errors });
        return renderPage(ctx, { title: ctx.t('meetings.meeting.heading'), body });
      },
    });
  });

  // -------------------------------------------------------------------------------------------------------------
  // The caseworker

  app.get('/medarbejder/moeder', { config: staffAccess, schema: { querystring: staffMeetingsQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { side, alle, gemt, antal } = request.query;
    const view = await listStaffMeetings(db, principalOf(request), { page: side, all: alle === '1' });
    const body = renderStaffMeetings(ctx, view, { saved: gemt, count: antal });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('meetings.staff.title'), body }));
  });

  app.get('/medarbejder/moeder/ny', { config: staffAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const body = renderNewSlots(ctx, await newSlotsForm(db, actor), { values: {}, errors: {}, selfSubject: actor.subject });
    return sendPage(reply, renderPage(ctx, { title: ctx.t('meetings.new.title'), body }));
  });

  app.post('/medarbejder/moeder/ny', { config: staffAccess }, async (request, reply) => {
    const actor = principalOf(request);
    return submitForm(reply, request.body, {
      run: async () => `/medarbejder/moeder?gemt=oprettet&antal=${await publishSlots(db, actor, request.body)}`,
      showAgain: async ({ errors, values }) => {
        const ctx = pageContext(request, reply);
        const body = renderNewSlots(ctx, await newSlotsForm(db, actor), { values, errors, selfSubject: actor.subject });
        return renderPage(ctx, { title: ctx.t('meetings.new.title'), body });
      },
    });
  });

  app.get('/medarbejder/moeder/tider/:slotId/book', { config: caseworkerAccess, schema: { params: slotParams } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const slot = await getFreeSlot(db, principalOf(request), request.params.slotId);
    return sendPage(reply, renderPage(ctx, { title: ctx.t('meetings.staffBook.title'), body: renderBookForCitizen(ctx, slot, { values: {}, errors: {} }) }));
  });

  app.post('/medarbejder/moeder/tider/:slotId/book', { config: caseworkerAccess, schema: { params: slotParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { slotId } = request.params;
    return submitForm(reply, request.body, {
      run: async () => `/medarbejder/moeder/${await bookForCitizenByCpr(db, actor, slotId, request.body)}?gemt=booket`,
      on: ['VALIDATION', 'FORBIDDEN'],
      showAgain: async ({ errors, values, error }) => {
        const ctx = pageContext(request, reply);
        const slot = await getFreeSlot(db, actor, slotId);
        const shown = error.code === 'FORBIDDEN' ? { cpr: ctx.t('meetings.error.notResponsible') } : errors;
        return renderPage(ctx, { title: ctx.t('meetings.staffBook.title'), body: renderBookForCitizen(ctx, slot, { values, errors: shown }) });
      },
    });
  });

  app.get(
    '/medarbejder/moeder/:meetingId',
    { config: staffAccess, schema: { params: meetingParams, querystring: staffMeetingsQuery } },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const view = await getStaffMeeting(db, principalOf(request), request.params.meetingId);
      const body = renderStaffMeeting(ctx, view, { saved: request.query.gemt, values: {}, errors: {} });
      return sendPage(reply, renderPage(ctx, { title: ctx.t('meetings.meeting.heading'), body }));
    },
  );

  app.get('/medarbejder/moeder/:meetingId/kalender.ics', { config: staffAccess, schema: { params: meetingParams } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendCalendar(reply, await staffMeetingCalendar(db, principalOf(request), request.params.meetingId, (m) => calendarTexts(ctx, m), host));
  });

  app.post('/medarbejder/moeder/:meetingId/aflys', { config: staffAccess, schema: { params: meetingParams } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    const { meetingId } = request.params;
    if (!isConfirmed(request.body)) {
      const { meeting, citizen } = await getStaffMeeting(db, actor, meetingId);
      const when = formatPeriod(ctx.locale, meeting.starts_at, new Date(meeting.starts_at.getTime() + meeting.duration_minutes * 60_000));
      return sendConfirmation(reply, ctx, {
        heading: ctx.t('meetings.cancel.confirmHeading'),
        text: ctx.t('meetings.cancel.confirmStaffText', { when, name: citizen.full_name }),
        action: `/medarbejder/moeder/${meetingId}/aflys`,
        confirmLabel: ctx.t('meetings.cancel.confirm'),
        cancelHref: `/medarbejder/moeder/${meetingId}`,
      });
    }
    await cancelStaffMeeting(db, actor, meetingId);
    return reply.redirect('/medarbejder/moeder?gemt=aflyst', 303);
  });

  app.post('/medarbejder/moeder/:meetingId/udfald', { config: staffAccess, schema: { params: meetingParams } }, async (request, reply) => {
    const actor = principalOf(request);
    const { meetingId } = request.params;
    return submitForm(reply, request.body, {
      run: async () => {
        await recordMeetingOutcome(db, actor, meetingId, request.body);
        return `/medarbejder/moeder/${meetingId}?gemt=udfald`;
      },
      showAgain: async ({ errors, values }) => {
        const ctx = pageContext(request, reply);
        const body = renderStaffMeeting(ctx, await getStaffMeeting(db, actor, meetingId), { values, errors });
        return renderPage(ctx, { title: ctx.t('meetings.meeting.heading'), body });
      },
    });
  });

  // A citizen's meetings from the citizen's page: without a purpose for this working session the question comes first
  // (nothing of the citizen is read before it), and leads back here.
  async function showCitizenMeetings(
    request: FastifyRequest,
    reply: FastifyReply,
    citizenId: string,
    options: {
      purpose: unknown;
      page?: number | undefined;
      saved?: SavedNotice | undefined;
      values?: Record<string, string>;
      errors?: FormErrors;
      status?: number;
    },
  ): Promise<FastifyReply> {
    const ctx = pageContext(request, reply);
    return submitForm(reply, undefined, {
      run: () => openCitizenMeetings(db, principalOf(request), citizenId, { purpose: options.purpose, page: options.page }),
      then: (view) => {
        const body = renderCitizenMeetings(ctx, view, { saved: options.saved, values: options.values ?? {}, errors: options.errors ?? {} });
        return sendPage(reply, renderPage(ctx, { title: ctx.t('meetings.staffCitizen.title', { name: view.citizen.full_name }), body }), options.status ?? 200);
      },
      showAgain: ({ errors }) =>
        sendPurposeQuestion(reply, db, { citizenId, returnTo: `/medarbejder/borgere/${citizenId}/moeder`, typed: options.purpose, errors }),
    });
  }

  app.get(
    '/medarbejder/borgere/:citizenId/moeder',
    { config: caseworkerAccess, schema: { params: citizenParams, querystring: staffCitizenQuery } },
    async (request, reply) => {
      const { citizenId } = request.params;
      const { purpose, side, gemt } = request.query;
      return showCitizenMeetings(request, reply, citizenId, { purpose, page: side, saved: gemt });
    },
  );

  app.post(
    '/medarbejder/borgere/:citizenId/moeder',
    { config: caseworkerAccess, schema: { params: citizenParams, querystring: pageQuery } },
    async (request, reply) => {
      const { citizenId } = request.params;
      const values = formValues(request.body);
      if (values.action !== 'book') return showCitizenMeetings(request, reply, citizenId, { purpose: values.purpose });
      return submitForm(reply, request.body, {
        run: async () => {
          await bookForCitizen(db, principalOf(request), citizenId, request.body);
          return `/medarbejder/borgere/${citizenId}/moeder?gemt=booket`;
        },
        on: ['VALIDATION', 'FORBIDDEN'],
        showAgain: ({ error, errors, values: typed }) =>
          showCitizenMeetings(request, reply, citizenId, {
            purpose: typed.purpose,
            values: typed,
            errors: error.code === 'FORBIDDEN' ? { slot: pageContext(request, reply).t('meetings.error.notResponsible') } : errors,
            status: error.status,
          }),
      });
    },
  );
};
