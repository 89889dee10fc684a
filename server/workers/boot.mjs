// A worker thread does not inherit the parent's TypeScript loader (tsx): register it here, then
// load the TypeScript entry. Plain JavaScript so that Node can start it as it is.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
