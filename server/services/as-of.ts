import type { Db } from '../db/client';
import { getMeta } from '../db/meta';
import { today } from '../domain/dates';

/** The reference date of the data: the demo's asOf, else today. */
export async function dataAsOf(db: Db): Promise<string> {
  return (await getMeta(db, 'asOf')) ?? today();
}

/** The day a figure is read as of: the asked bureau day, at most (and by default) the data date. */
export async function asOfDay(db: Db, asked?: string | null): Promise<string> {
  const dataDay = await dataAsOf(db);
  return asked && asked < dataDay ? asked : dataDay;
}
