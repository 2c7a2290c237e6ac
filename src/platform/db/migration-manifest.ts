import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { migrationFilePattern } from './migrate.ts';

// migrations/manifest.json lists every committed migration in order with the SHA-256 of its bytes. It only grows:
// a database that applied a migration never applies it again, so changing the file changes nothing there and
// everywhere else differently; and Kysely refuses a new file that sorts before one a database already applied.

export const manifestFile = 'manifest.json';

const manifestSchema = z.object({
  about: z.string(),
  migrations: z.array(z.object({ file: z.string().regex(migrationFilePattern), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

export type ManifestEntry = z.infer<typeof manifestSchema>['migrations'][number];

const about =
  'Every committed migration in order with the SHA-256 of its bytes. Append only: `npm run migrations:seal` adds new ' +
  'files, `npm run migrations:check` (in .ci/run) fails when a listed file changed or a new one sorts before the last.';

/** The manifest as committed at another commit, for the append-only comparison; `skipped` says why there is none. */
export type BaseManifest = { label: string; entries: ManifestEntry[] } | { skipped: string };

export type CheckResult = { problems: string[]; notes: string[] };

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function parseManifest(text: string, where: string): ManifestEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not valid JSON.`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${where} is not a migration manifest: ${issues}`);
  }
  return parsed.data.migrations;
}

/** Reads `<dir>/manifest.json`. Throws with a plain message when it is missing or malformed. */
export function readManifest(dir: string): ManifestEntry[] {
  const file = path.join(dir, manifestFile);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file} is missing: run \`npm run migrations:seal\` to write it.`);
  }
  return parseManifest(text, file);
}

function writeManifest(dir: string, entries: ManifestEntry[]): void {
  writeFileSync(path.join(dir, manifestFile), `${JSON.stringify({ about, migrations: entries }, null, 2)}\n`);
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * The manifest "on main": at the merge-base with origin/main when this checkout is ahead of it (a branch); otherwise
 * everything committed is on main, so the check compares with HEAD's first parent (the last commit is the one to
 * check: a fresh CI clone of main has origin/main at HEAD) and sealing with HEAD. Without history there is none.
 */
export function findBaseManifest(dir: string, purpose: 'check' | 'seal' = 'check'): BaseManifest {
  const top = git(dir, ['rev-parse', '--show-toplevel']);
  if (top === undefined) return { skipped: 'git history is unavailable here' };
  const head = git(dir, ['rev-parse', '--verify', '-q', 'HEAD']);
  if (head === undefined) return { skipped: 'the repository has no commits yet' };
  let base: { commit: string; label: string } | undefined;
  if (git(dir, ['rev-parse', '--verify', '-q', 'refs/remotes/origin/main']) !== undefined) {
    const mergeBase = git(dir, ['merge-base', 'HEAD', 'refs/remotes/origin/main']);
    if (mergeBase !== undefined && mergeBase !== head) base = { commit: mergeBase, label: `the merge-base with origin/main (${mergeBase.slice(0, 7)})` };
  }
  if (base === undefined && purpose === 'seal') base = { commit: head, label: `HEAD (${head.slice(0, 7)})` };
  if (base === undefined) {
    const parent = git(dir, ['rev-parse', '--verify', '-q', 'HEAD~1']);
    if (parent === undefined) return { skipped: 'HEAD has no parent in this clone (a shallow clone?)' };
    base = { commit: parent, label: `HEAD~1 (${parent.slice(0, 7)})` };
  }
  const relative = path
    .relative(realpathSync(top), path.join(realpathSync(dir), manifestFile))
    .split(path.sep)
    .join('/');
  const text = git(top, ['show', `${base.commit}:${relative}`]);
  if (text === undefined) return { skipped: `${relative} does not exist at ${base.label} yet` };
  return { label: `${relative} at ${base.label}`, entries: parseManifest(text, `${relative} at ${base.label}`) };
}

function migrationFiles(dir: string): { migrations: string[]; misnamed: string[] } {
  const sqlFiles = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return { migrations: sqlFiles.filter((f) => migrationFilePattern.test(f)), misnamed: sqlFiles.filter((f) => !migrationFilePattern.test(f)) };
}

/**
 * Checks the migrations in `dir` against its manifest and the manifest at `base` (see findBaseManifest): no listed
 * file changed or went missing, every file is listed, the list is in name order, and it only grew since `base`.
 * Throws only when the manifest cannot be read.
 */
export function checkMigrations(dir: string, base: BaseManifest): CheckResult {
  const problems: string[] = [];
  const notes: string[] = [];
  const entries = readManifest(dir);
  const { migrations, misnamed } = migrationFiles(dir);
  for (const file of misnamed) problems.push(`${file} is not named like 0042_module_words.sql, so the migrator would skip it.`);

  for (const [i, entry] of entries.entries()) {
    const previous = entries[i - 1];
    if (previous && entry.file <= previous.file) {
      problems.push(`${manifestFile} lists ${entry.file} after ${previous.file}: it must list migrations in name order.`);
    }
    if (!migrations.includes(entry.file)) {
      problems.push(`migration ${entry.file} is listed in ${manifestFile} but missing — a committed migration is never removed or renamed.`);
    } else if (sha256(path.join(dir, entry.file)) !== entry.sha256) {
      problems.push(`migration ${entry.file} was changed after it was committed — write a new migration instead.`);
    }
  }

  const listed = new Set(entries.map((e) => e.file));
  const last = entries.at(-1)?.file;
  for (const file of migrations.filter((f) => !listed.has(f))) {
    if (last !== undefined && file <= last) {
      problems.push(`migration ${file} does not sort after the last committed migration ${last} — give it a number above ${last.slice(0, 4)}.`);
    } else {
      problems.push(`migration ${file} is not in ${manifestFile} yet — run \`npm run migrations:seal\` and commit the manifest with it.`);
    }
  }

  if ('skipped' in base) {
    notes.push(`The manifest was not compared with main's: ${base.skipped}.`);
  } else {
    for (const [i, committed] of base.entries.entries()) {
      const here = entries[i];
      if (here?.file === committed.file && here.sha256 === committed.sha256) continue;
      problems.push(
        here === undefined
          ? `${manifestFile} is append-only, but ${committed.file} (in ${base.label}) is no longer listed.`
          : here.file === committed.file
            ? `migration ${committed.file} was changed after it was committed (its hash differs from ${base.label}) — write a new migration instead.`
            : `${manifestFile} is append-only, but entry ${i + 1} is ${here.file} here and ${committed.file} in ${base.label}: ` +
              'new migrations go after the last one on main.',
      );
      break;
    }
    notes.push(`Compared with ${base.label}.`);
  }
  return { problems, notes };
}

/**
 * Appends the migration files in `dir` that sort after the manifest's last entry, and re-hashes listed files that
 * are not yet on main (in `base`), so work in progress can be sealed again. Returns what it did; throws, changing
 * nothing, when a file sorts before the last entry or a file already on main changed.
 */
export function sealMigrations(dir: string, base: BaseManifest): { added: string[]; resealed: string[] } {
  let entries: ManifestEntry[];
  try {
    entries = readManifest(dir);
  } catch (error) {
    if (!(error instanceof Error && error.message.includes('is missing'))) throw error;
    entries = [];
  }
  const onMain = new Set('skipped' in base ? entries.map((e) => e.file) : base.entries.map((e) => e.file));
  const resealed: string[] = [];
  const present = new Set(migrationFiles(dir).migrations);
  const sealed = entries.map((entry) => {
    if (!present.has(entry.file)) {
      throw new Error(`migration ${entry.file} is listed in ${manifestFile} but missing — a committed migration is never removed or renamed.`);
    }
    const hash = sha256(path.join(dir, entry.file));
    if (hash === entry.sha256) return entry;
    if (onMain.has(entry.file)) throw new Error(`migration ${entry.file} was changed after it was committed — write a new migration instead.`);
    resealed.push(entry.file);
    return { file: entry.file, sha256: hash };
  });
  const listed = new Set(entries.map((e) => e.file));
  const last = entries.at(-1)?.file;
  const added = [...present].filter((f) => !listed.has(f));
  const early = added.filter((f) => last !== undefined && f <= last);
  if (early.length > 0) {
    const verb = early.length === 1 ? 'does' : 'do';
    throw new Error(`${early.join(', ')} ${verb} not sort after the last committed migration ${last} — renumber before sealing.`);
  }
  for (const file of added) sealed.push({ file, sha256: sha256(path.join(dir, file)) });
  if (added.length > 0 || resealed.length > 0 || entries.length === 0) writeManifest(dir, sealed);
  return { added, resealed };
}
