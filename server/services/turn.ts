/**
 * Runs one piece of database work when it is its turn. Anonymous expensive reads queue theirs
 * (http/public-reads.ts) so that a single caller cannot fill PGlite's one queue; staff and
 * internal work run at once.
 */
export type Turn = <T>(work: () => Promise<T>) => Promise<T>;
export const freeTurn: Turn = (work) => work();
