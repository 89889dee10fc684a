import type { Db } from '../db/client';
import { getMeta } from '../db/meta';
import { today } from '../domain/dates';

/** The reference date of the data: the demo's asOf, else today. */
export async function dataAsOf(db: Db): Promise<string> {
  return (await getMeta(db, 'asOf')) ?? today();
}
