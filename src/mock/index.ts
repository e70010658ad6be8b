export type { ApiName, RunningMocks, StartMocksOptions } from "./start-mocks.js";
export { APIS, specFile, startMocks } from "./start-mocks.js";
