// One ingest pipeline per database, shared by the TCP receiver, the gateway endpoint and imports,
// so that their batches and the debounced code updates never race each other.
import type { Db } from '../../db/client';
import { BUREAU_TZ } from '../../domain/dates';
import { OnlineIngest } from './ingest';
import { OutletDirectory } from './outlets';

const pipelines = new WeakMap<Db, OnlineIngest>();

export function onlineIngestFor(db: Db): OnlineIngest {
  let ingest = pipelines.get(db);
  if (!ingest) {
    ingest = new OnlineIngest(db, new OutletDirectory(db), { tz: BUREAU_TZ });
    pipelines.set(db, ingest);
  }
  return ingest;
}
