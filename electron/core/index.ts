export { createDeskCore, databaseFileName, type DeskCore, type DeskCoreOptions } from './desk';
export { DatabaseFromFutureError } from './db/open';
export { defaultDataDir } from './data-dir';
