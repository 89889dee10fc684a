import { useMutation, useQueryClient } from '@tanstack/react-query';
import { client, ensureOk } from './client';

export const IMPORT_KINDS = [
  'enterprises',
  'parks',
  'sections',
  'readings',
  'cases',
  'complaints',
  'findings',
  'insurance',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const CRS_VALUES = ['wgs84', 'gcj02', 'bd09'] as const;
export type Crs = (typeof CRS_VALUES)[number];

export type ImportRequest = {
  kind: ImportKind;
  file: File;
  crs: Crs;
  dryRun: boolean;
  partial: boolean;
  csrfToken: string | undefined;
};

/**
 * POST /api/import/:kind (multipart). A strict import with bad rows answers 422 with the whole
 * result (error table included): that is a result to show, not a failure to throw.
 */
export async function importFile(req: ImportRequest) {
  const res = await client.import[':kind'].$post(
    {
      param: { kind: req.kind },
      form: {
        file: req.file,
        crs: req.crs,
        dryRun: req.dryRun ? 'true' : 'false',
        partial: req.partial ? 'true' : 'false',
      },
    },
    { headers: req.csrfToken ? { 'X-CSRF-Token': req.csrfToken } : {} },
  );
  if (res.status === 422) return (await res.json()) as ImportResult;
  return (await ensureOk(res)).json() as Promise<ImportResult>;
}

export type ImportResult = {
  batchId: number;
  kind: ImportKind;
  rows: number;
  accepted: number;
  rejected: number;
  errors: { row: number; column: string | null; value: string | null; message: string }[];
  errorsTruncated: boolean;
  dryRun: boolean;
  partial: boolean;
  committed: boolean;
  inserted: number;
  updated: number;
  unchanged: number;
  dataVersion: number;
  elapsedMs: number;
};
export type ImportRowError = ImportResult['errors'][number];

/** Runs an import or a dry run; the batch list, the audit log and map data refetch afterwards. */
export function useImportFile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: importFile,
    onSettled: (result) => {
      void qc.invalidateQueries({ queryKey: ['admin'] });
      if (result?.committed) void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    },
  });
}
