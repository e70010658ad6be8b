// One PostgreSQL server for the whole "postgres" test project (initdb once per run),
// stopped by PID at the end; the run fails if it outlives its stop. It starts in the
// background: Vitest runs the projects' setups one after another, so waiting here would
// hold every suite back by the seconds initdb takes. The suites wait for it in
// freshDatabase(); a start that failed fails the run here, at teardown.
import type { TestProject } from "vitest/node";
import { freePort, postgresUrl, startPostgres } from "./postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgres: { url: string };
  }
}

export default async function setup(project: TestProject) {
  const port = await freePort();
  const starting = startPostgres(port);
  starting.then(
    (server) =>
      console.log(
        `PostgreSQL ${server.version} ready after ${server.startupMs} ms (pid ${server.pid})`,
      ),
    (error) => console.error(`PostgreSQL did not start (the postgres suites will fail): ${error}`),
  );
  project.provide("postgres", { url: postgresUrl(port) });
  return async () => {
    const server = await starting;
    await server.stop();
    try {
      process.kill(server.pid, 0);
      throw new Error(`PostgreSQL (pid ${server.pid}) outlived the run`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  };
}
