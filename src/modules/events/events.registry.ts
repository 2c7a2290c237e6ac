// The event type registry, version 1: what a vendor's service may report about a citizen's activity in its listing,
// each type with the zod schema of its `data`. The same schemas validate the ingest and are published as JSON Schema
// (z.toJSONSchema) at /api/public/v1/event-types, so a vendor validates before sending with any JSON Schema library.
import { z } from 'zod';

export const EVENT_TYPE_PREFIX = 'dk.jobunivers.activity.';

const isoDay = z.iso.date().describe('A calendar day, YYYY-MM-DD.');
const text = (max: number) => z.string().trim().min(1).max(max);
const httpsUrl = z.url({ protocol: /^https?$/ }).max(2000);

/** What a plan activity does when an event of the type arrives (journey's apply_activity_events), if anything. */
export type PlanMove = 'started' | 'progress' | 'completed' | 'dropped';

type RegistryEntry = {
  schema: z.ZodObject;
  summary: string;
  example: Record<string, unknown>;
  planMove?: PlanMove;
};

/** The v1 types by their full name. Adding a type is backwards compatible; changing one is a new version. */
export const eventTypes = {
  [`${EVENT_TYPE_PREFIX}started`]: {
    schema: z.strictObject({}),
    summary: 'The citizen started the activity. The plan shows it as in progress.',
    example: {},
    planMove: 'started',
  },
  [`${EVENT_TYPE_PREFIX}progress`]: {
    schema: z.strictObject({ percent: z.number().int().min(0).max(100).describe('How much of the activity is done, 0–100.') }),
    summary: 'The citizen got further. The plan shows the percent ("I gang · 40 %"); it never goes down.',
    example: { percent: 40 },
    planMove: 'progress',
  },
  [`${EVENT_TYPE_PREFIX}completed`]: {
    schema: z.strictObject({ score: z.number().min(0).max(100).optional().describe('A result in percent, if the activity has one.') }),
    summary: 'The citizen completed the activity. The plan marks it done; later events do not move it back.',
    example: { score: 87 },
    planMove: 'completed',
  },
  [`${EVENT_TYPE_PREFIX}certificate-issued`]: {
    schema: z.strictObject({ title: text(200), issuer: text(200).optional(), url: httpsUrl.optional() }),
    summary: 'A certificate or diploma was issued to the citizen.',
    example: { title: 'Truckcertifikat B', issuer: 'AMU Nordjylland', url: 'https://example.org/certifikater/123' },
  },
  [`${EVENT_TYPE_PREFIX}application-sent`]: {
    schema: z.strictObject({ jobTitle: text(200), employer: text(200), appliedOn: isoDay, jobAdUrl: httpsUrl.optional() }),
    summary: 'The citizen sent a job application (forwarded to Joblog where the citizen agreed).',
    example: { jobTitle: 'Lagermedarbejder', employer: 'Dansk Lager A/S', appliedOn: '2027-03-01', jobAdUrl: 'https://job.example.org/123' },
  },
  [`${EVENT_TYPE_PREFIX}meeting-held`]: {
    schema: z.strictObject({ employer: text(200), heldOn: isoDay, kind: z.enum(['job-interview', 'network', 'other']).optional() }),
    summary: 'The citizen held a meeting with an employer: a job interview, a network meeting or another kind.',
    example: { employer: 'Dansk Lager A/S', heldOn: '2027-03-08', kind: 'job-interview' },
  },
  [`${EVENT_TYPE_PREFIX}dropped`]: {
    schema: z.strictObject({ reason: text(500).optional() }),
    summary: 'The citizen stopped the activity before completing it. The plan marks it dropped.',
    example: { reason: 'Fik job' },
    planMove: 'dropped',
  },
} satisfies Record<string, RegistryEntry>;

export type EventTypeName = keyof typeof eventTypes;

/** Whether `type` is one of the registry's v1 types. */
export function isRegisteredType(type: string): type is EventTypeName {
  return Object.hasOwn(eventTypes, type);
}

/** A registry type's entry (schema, summary, example, plan move). */
export function registryEntry(type: EventTypeName): RegistryEntry {
  return eventTypes[type];
}

/** A v1 type as published: its name, what it means, its data's JSON Schema and an example. */
export type PublishedEventType = { type: string; version: 1; summary: string; dataSchema: Record<string, unknown>; example: Record<string, unknown> };

/** Every v1 type as JSON Schema (draft 2020-12). */
export function publishedEventTypes(): PublishedEventType[] {
  return Object.entries(eventTypes).map(([type, entry]: [string, RegistryEntry]) => ({
    type,
    version: 1,
    summary: entry.summary,
    dataSchema: z.toJSONSchema(entry.schema, { target: 'draft-2020-12' }),
    example: entry.example,
  }));
}

/** A vendor's custom type name: dk.cvr.<its CVR>.<lower-case words separated by dots or dashes>. */
export const customTypeNamePattern = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

/** The full name of a vendor's custom type. */
export function customTypeName(cvr: string, name: string): string {
  return `dk.cvr.${cvr}.${name}`;
}
