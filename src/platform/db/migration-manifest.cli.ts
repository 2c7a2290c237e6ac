// `npm run migrations:check [-- <folder>]` and `npm run migrations:seal [-- <folder>]`: see migration-manifest.ts.
import path from 'node:path';
import { checkMigrations, findBaseManifest, sealMigrations } from './migration-manifest.ts';
import { migrationsDir } from './migrate.ts';

const [command, folder] = process.argv.slice(2);
const dir = folder ? path.resolve(folder) : migrationsDir;
const out = (line: string) => process.stdout.write(`${line}\n`);

try {
  if (command === 'check') {
    const { problems, notes } = checkMigrations(dir, findBaseManifest(dir));
    for (const note of notes) out(note);
    for (const problem of problems) process.stderr.write(`${problem}\n`);
    if (problems.length > 0) process.exitCode = 1;
    else out('Migrations are immutable and ordered.');
  } else if (command === 'seal') {
    const { added, resealed } = sealMigrations(dir, findBaseManifest(dir, 'seal'));
    if (resealed.length > 0) out(`Sealed again (not on main yet): ${resealed.join(', ')}`);
    out(added.length === 0 ? 'No new migrations to seal.' : `Sealed: ${added.join(', ')}`);
  } else {
    process.stderr.write('Usage: migration-manifest.cli.ts check|seal [folder]\n');
    process.exitCode = 2;
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
