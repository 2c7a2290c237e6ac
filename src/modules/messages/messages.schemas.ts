import { z } from 'zod';
import { requiredText } from '../../platform/validation.ts';

/** The largest attachment the platform keeps (the database checks it too). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Attachments one message carries at most. */
export const ATTACHMENTS_PER_MESSAGE = 5;
export const SUBJECT_MAX = 200;
export const BODY_MAX = 5000;

export const threadParams = z.object({ threadId: z.uuid() });
export const attachmentParams = z.object({ threadId: z.uuid(), attachmentId: z.uuid() });

/** A file as the upload form sent it: its name as the browser gave it and its bytes (cut off past the limit). */
export type UploadedFile = { fileName: string; bytes: Buffer };

export const newThreadSchema = z.object({
  subject: requiredText({ max: SUBJECT_MAX }),
  body: requiredText({ max: BODY_MAX }),
});

export const replySchema = z.object({ body: requiredText({ max: BODY_MAX }) });

/** The citizen's list: a page number. */
export const citizenListQuery = z.object({
  side: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
  sendt: z.enum(['1']).optional().catch(undefined),
});

export const inboxFilters = ['unassigned', 'mine', 'all'] as const;
export type InboxFilter = (typeof inboxFilters)[number];

/** The team inbox: which threads (unassigned, mine, all), only unread ones, a page number. */
export const inboxQuery = z.object({
  vis: z.enum(inboxFilters).optional().catch(undefined),
  ulaest: z.enum(['1']).optional().catch(undefined),
  side: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export const threadQuery = z.object({ besked: z.enum(['sendt', 'tildelt', 'lukket', 'genaabnet']).optional().catch(undefined) });

/** Assignment: a staff member's subject, or empty for the team. */
export const assignSchema = z.object({ assignee: z.string().trim().max(255) });

export const settingsSchema = z.object({
  answerWithinHours: z.coerce
    .number({ message: 'messages.settings.error.hours' })
    .int({ message: 'messages.settings.error.hours' })
    .min(1, { message: 'messages.settings.error.hours' })
    .max(720, { message: 'messages.settings.error.hours' }),
});
export const settingsQuery = z.object({ gemt: z.enum(['1']).optional().catch(undefined) });

/** A question the knowledge base did not answer (startThreadFromQuestion). */
export const questionSchema = z.object({
  question: requiredText({ max: BODY_MAX }),
  articles: z.array(z.object({ id: z.string().min(1).max(200), title: z.string().min(1).max(300) })).max(20),
});
