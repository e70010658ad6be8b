// A throwaway PostgreSQL server from the system's packages (Debian's `postgresql`): a
// cluster made by initdb in a temporary directory, listening on a free loopback port,
// run as the `postgres` user when we are root (the server refuses to run as root),
// stopped by PID. No mock database.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { rmSync } from "node:fs";
import { chown, mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

/** The newest installed server, or PG_BIN. */
export async function postgresBin(): Promise<string> {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const versions = await readdir("/usr/lib/postgresql").catch(() => [] as string[]);
  const newest = versions
    .map(Number)
    .filter(Number.isFinite)
    .sort((a, b) => b - a)[0];
  if (newest === undefined)
    throw new Error("PostgreSQL is not installed: apt-get install postgresql (or set PG_BIN)");
  return `/usr/lib/postgresql/${newest}/bin`;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

/** uid/gid of the `postgres` user when we are root; nothing otherwise. */
async function runAs(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const [uid, gid] = await Promise.all(
    ["-u", "-g"].map(async (flag) => Number((await run("id", [flag, "postgres"])).stdout.trim())),
  );
  return { uid, gid };
}

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth, loopback only). */
  url: string;
  pid: number;
  version: string;
  startupMs: number;
  stop(): Promise<void>;
}

/** Where the test server on `port` is reached (trust auth, loopback only). */
export const postgresUrl = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;

/** Starts a server on `port` (a free one when not given). */
export async function startPostgres(port?: number): Promise<PostgresServer> {
  const started = performance.now();
  const bin = await postgresBin();
  const user = await runAs();
  const dir = await mkdtemp(join(tmpdir(), "payouts-pg-"));
  if (user.uid !== undefined) await chown(dir, user.uid, user.gid!);
  const data = join(dir, "data");
  const opts = { ...user, cwd: dir };
  await run(
    `${bin}/initdb`,
    ["-D", data, "-U", "postgres", "--auth=trust", "-N", "-E", "UTF8", "--locale=C"],
    opts,
  );
  let server: ChildProcess | undefined;
  let log = "";
  try {
    port ??= await freePort();
    // Durability of the test server itself is not under test (clients are killed, not
    // the server), so it skips its own fsyncs to keep the suite fast on a busy machine.
    server = spawn(
      `${bin}/postgres`,
      [
        "-D",
        data,
        "-p",
        String(port),
        "-h",
        "127.0.0.1",
        "-k",
        dir,
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "max_connections=60",
      ],
      { ...opts, stdio: ["ignore", "ignore", "pipe"] },
    );
    server.stderr!.on("data", (chunk) => (log += chunk));
    const url = postgresUrl(port);
    const version = await waitReady(url, server, () => log);
    const child = server;
    // If this process ends without stop() (a crash, process.exit), the server goes too.
    const onExit = () => {
      child.kill("SIGQUIT"); // immediate shutdown: the postmaster ends its children too
      rmSync(dir, { recursive: true, force: true });
    };
    process.once("exit", onExit);
    return {
      url,
      pid: child.pid!,
      version,
      startupMs: Math.round(performance.now() - started),
      stop: () => {
        process.off("exit", onExit);
        return stopServer(child, dir);
      },
    };
  } catch (error) {
    if (server) await stopServer(server, dir);
    else await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function waitReady(url: string, server: ChildProcess, log: () => string): Promise<string> {
  const exited = () => (server.exitCode !== null ? `postgres exited:\n${log()}` : undefined);
  const client = await connectWhenUp(url, { ms: 30_000, gaveUp: exited }).catch((error) => {
    throw new Error(`${error.message}\n${log()}`);
  });
  try {
    const { rows } = await client.query("SHOW server_version");
    return rows[0].server_version;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Fast shutdown by PID (SIGINT), SIGKILL if it lingers, then the directory goes. */
async function stopServer(server: ChildProcess, dir: string) {
  if (server.exitCode === null && server.signalCode === null) {
    const exited = once(server, "exit");
    server.kill("SIGINT");
    const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await rm(dir, { recursive: true, force: true });
}

/** A fresh database on the server, so each test file starts empty. */
export async function freshDatabase(url: string): Promise<string> {
  const name = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  // The server may still be starting: the global setup does not wait for it (within the
  // hook timeout; a failed start is reported by the setup itself).
  const admin = await connectWhenUp(url, { ms: 25_000, starting: startingUp }).catch((error) => {
    throw new Error(`${error.message} (did the global setup fail?)`);
  });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return fresh.toString();
}

interface Waiting {
  ms: number;
  /** Why not to wait any longer (the server exited), or undefined. */
  gaveUp?: () => string | undefined;
  /** Which failures mean "not up yet"; others end the wait at once. Default: all. */
  starting?: (error: unknown) => boolean;
}

/** A connection, tried every 100 ms until the server takes it or the wait ends. */
async function connectWhenUp(url: string, waiting: Waiting): Promise<pg.Client> {
  const { ms, gaveUp = () => undefined, starting = () => true } = waiting;
  const deadline = Date.now() + ms;
  for (;;) {
    const reason = gaveUp();
    if (reason) throw new Error(reason);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      if (!starting(error) || Date.now() > deadline)
        throw new Error(`PostgreSQL at ${url} is not up: ${error}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

// Refused: not listening yet. 57P03: listening, not yet accepting connections.
const STARTING_CODES = new Set(["ECONNREFUSED", "57P03"]);
const startingUp = (error: unknown) => STARTING_CODES.has((error as { code?: string }).code ?? "");
