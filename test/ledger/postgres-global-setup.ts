// One PostgreSQL server for the whole "postgres" test project (initdb once per run),
// stopped by PID at the end; the run fails if it outlives its stop.
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgres: { url: string; version: string };
  }
}

export default async function setup(project: TestProject) {
  const server = await startPostgres();
  console.log(
    `PostgreSQL ${server.version} ready after ${server.startupMs} ms (pid ${server.pid})`,
  );
  project.provide("postgres", { url: server.url, version: server.version });
  return async () => {
    await server.stop();
    try {
      process.kill(server.pid, 0);
      throw new Error(`PostgreSQL (pid ${server.pid}) outlived the run`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  };
}
