// The terminal side of `npm run cli -- generate`: its arguments, checked with clear messages, its progress bar on
// stderr and its summary. The generator itself is generate.seed.ts.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError } from '../platform/config.ts';
import type { GenerateOptions, GenerateProgress, GenerateSummary } from './generate.seed.ts';

export const GENERATE_USAGE =
  'npm run cli -- generate --events N [--citizens N] [--listings N] [--vendors N] [--municipalities 101,751] [--months N] [--seed N] [--late-share 0.02]';

const whole = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `--${name} must be a whole number` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { message: `--${name} must be at least ${min}` })
        .max(max, { message: `--${name} must be at most ${max}` }),
    );

const argsSchema = z.object({
  events: whole('events', 0, 1_000_000_000),
  citizens: whole('citizens', 1, 20_000_000).optional(),
  listings: whole('listings', 1, 10_000).optional(),
  vendors: whole('vendors', 1, 10_000).optional(),
  months: whole('months', 1, 60).optional(),
  seed: whole('seed', 0, 2_147_483_647).optional(),
  municipalities: z
    .string()
    .regex(/^\d{3}(,\d{3})*$/, { message: '--municipalities must be kommunekoder separated by commas, such as 101,751' })
    .transform((text) => text.split(','))
    .optional(),
  'late-share': z
    .string()
    .regex(/^(0(\.\d+)?|1(\.0+)?)$/, { message: '--late-share must be a share between 0 and 1, such as 0.02' })
    .transform(Number)
    .optional(),
});

/** The generator's options from the command's arguments; throws ConfigError with one plain sentence per problem. */
export function parseGenerateArgs(args: string[]): GenerateOptions {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args,
      strict: true,
      options: Object.fromEntries(Object.keys(argsSchema.shape).map((name) => [name, { type: 'string' as const }])),
    }).values;
  } catch (error) {
    throw new ConfigError([`${error instanceof Error ? error.message : String(error)}. Usage: ${GENERATE_USAGE}`]);
  }
  if (values.events === undefined) throw new ConfigError([`--events is required. Usage: ${GENERATE_USAGE}`]);
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '');
        return `${issue.message} (got ${JSON.stringify(values[name] ?? '')}).`;
      }),
    );
  }
  const { 'late-share': lateShare, ...rest } = parsed.data;
  return Object.fromEntries(Object.entries({ ...rest, lateShare }).filter(([, value]) => value !== undefined));
}

/**
 * A progress bar on `stream`: on a terminal one line redrawn at most ten times a second
 * (`[#####-----] 42 % events 4.2M/10M 61k/s`), elsewhere a line every 10 %.
 */
export function progressBar(stream: NodeJS.WriteStream): { update(p: GenerateProgress): void; end(): void } {
  const tty = stream.isTTY === true;
  let drawnAt = 0;
  let lastTenth = -1;
  let lastPhase = '';
  let phaseStarted = performance.now();
  let drawn = false;
  return {
    update(p) {
      const now = performance.now();
      if (p.phase !== lastPhase) {
        if (tty && drawn) stream.write('\n');
        lastPhase = p.phase;
        phaseStarted = now;
        lastTenth = -1;
      }
      const share = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
      const seconds = (now - phaseStarted) / 1000;
      const rate = p.phase === 'events' && seconds > 0 ? ` ${short(p.done / seconds)}/s` : '';
      const filled = Math.round(share * 20);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(20 - filled)}] ${String(Math.floor(share * 100)).padStart(3)} % ${p.phase} ${short(p.done)}/${short(p.total)}${rate}`;
      if (tty) {
        if (now - drawnAt < 100 && p.done < p.total) return;
        drawnAt = now;
        drawn = true;
        stream.write(`\r${line}\u001b[K`);
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`${line}\n`);
    },
    end() {
      if (tty && drawn) stream.write('\n');
    },
  };
}

/** The summary as lines for the terminal: what was written and how fast. */
export function summaryLines(summary: GenerateSummary): string[] {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return [
    `Generated ${summary.events} events in ${summary.seconds.toFixed(1)} s (${Math.round(summary.eventsPerSecond)} events/s), seed ${summary.seed}, ${day(summary.from)} to ${day(summary.until)}.`,
    `  ${summary.municipalities} municipalities, ${summary.vendors} vendors, ${summary.listings} listings, ${summary.enablements} enablements, ${summary.licences} licences with ${summary.licenceSeats} seats taken`,
    `  ${summary.citizens} citizens, ${summary.profiles} profiles, ${summary.escalations} escalations, ${summary.dismissals} dismissals`,
    `  ${summary.launches} launches (${summary.noSeatLaunches} without a seat), ${summary.ratings} ratings, ${summary.localOffers} local offers with ${summary.signUps} sign-ups (${summary.attendance} attendances recorded)`,
    `  ${summary.marketplaceViews} marketplace pages seen (lists, searches and services' pages)`,
    `  ${summary.lateEvents} events received a day or more late; triggers and foreign-key checks ${summary.triggers === 'replica' ? 'skipped for the bulk inserts (replica role)' : 'on'}`,
  ];
}

function short(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}k`;
  return String(Math.round(n));
}
