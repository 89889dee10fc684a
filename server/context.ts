import type { Db } from './db/client';
import type { EncodedLayer } from './services/enterprise-layer';
import type { Turn } from './services/turn';

export type Role = 'public' | 'analyst' | 'leader' | 'admin';

/** What every request handler can reach: the database and facts about this running server. */
export type AppDeps = {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  version: string;
  /** The encoded enterprise map layer, cached per data version. */
  enterpriseLayer: (codesAsOf?: string | null, turn?: Turn) => Promise<EncodedLayer>;
  /**
   * Published in the PGlite lock file (mode 0600) so that `npm run import` on this machine can
   * hand its file to the running server; grants imports only (http/session.ts).
   */
  localToken?: string;
};

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    role: Role;
    userId: number | null;
    /** Queues database work behind other anonymous expensive reads (http/public-reads.ts); staff: runs it at once. */
    turn: Turn;
  };
};

export const isPrivileged = (role: Role) => role !== 'public';
