// The one way a page handles a submitted form: run the action; on success answer (a 303 to where it leads, or a page
// the caller sent); on a refusal the form can show (VALIDATION, and whatever else a page names) show the form again
// with the field messages and what was typed, having written nothing — the action runs in its own transaction.
import type { FastifyReply } from 'fastify';
import { isAppError, type AppError, type ErrorCode } from '../errors.ts';
import { confirmation, formErrors, formValues, type FormErrors } from '../views/components.ts';
import { SafeHtml } from '../views/html.ts';
import { renderPage, type PageContext } from '../views/layout.ts';
import { sendPage } from './page-context.ts';

/** Where a form leads once it succeeded: a path on this origin (answered with 303) or an answer the caller already gave. */
export type FormAnswer = string | FastifyReply;

/** What a form shown again is given: the refusal, its field messages in the reader's language, and the text typed. */
export type FormRefusal = { error: AppError; errors: FormErrors; values: Record<string, string> };

type Then<T> = (result: T) => FormAnswer | Promise<FormAnswer>;

/** A submitted form: `run` is guarded (its refusals show the form again), `then` (what to do with its result) is not. */
export type FormSubmission<T> = {
  run: () => Promise<T> | T;
  /** The page with the form again; a reply instead when it answered itself (a page that shows another page). */
  showAgain: (refusal: FormRefusal) => SafeHtml | FastifyReply | Promise<SafeHtml | FastifyReply>;
  /** The codes that show the form again; VALIDATION unless said otherwise. Any other error goes to the error handler. */
  on?: readonly ErrorCode[];
  /** The status of the form shown again; the error's own (400 for VALIDATION) unless said otherwise. */
  status?: number;
} & (T extends FormAnswer ? { then?: Then<T> } : { then: Then<T> });

/**
 * Runs a submitted form's action and answers: 303 to the path it leads to, or the form again with the messages and
 * what was typed (status: the error's, or `status`). Rethrows any error whose code is not in `on`.
 */
export async function submitForm<T>(reply: FastifyReply, body: unknown, form: FormSubmission<T>): Promise<FastifyReply> {
  let result: T;
  try {
    result = await form.run();
  } catch (error) {
    if (!isAppError(error) || !(form.on ?? ['VALIDATION']).includes(error.code)) throw error;
    const shown = await form.showAgain({ error, errors: formErrors(error.fields, reply.request.locale), values: formValues(body) });
    return shown instanceof SafeHtml ? sendPage(reply, shown, form.status ?? error.status) : shown;
  }
  const answer = form.then ? await (form.then as Then<T>)(result) : (result as FormAnswer);
  return typeof answer === 'string' ? reply.redirect(answer, 303) : answer;
}

/**
 * Answers with a confirmation page ("are you sure?"): titled by its heading, "yes" posts `action` again confirmed
 * (see `isConfirmed`), "cancel" (the catalogue's word) links back to `cancelHref`.
 */
export function sendConfirmation(
  reply: FastifyReply,
  ctx: PageContext,
  options: { heading: string; text: string; action: string; confirmLabel: string; cancelHref: string; hidden?: Record<string, string> },
): FastifyReply {
  const body = confirmation({ ...options, csrfToken: ctx.csrfToken(), cancelLabel: ctx.t('form.cancel') });
  return sendPage(reply, renderPage(ctx, { title: options.heading, body }));
}
