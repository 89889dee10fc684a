import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CRS_VALUES, IMPORT_KINDS, type ImportKind, type ImportResult } from '../../../server/services/import/types';
import { client, ensureOk } from './client';

export type { ImportKind, ImportResult };
// The kinds, CRS names and result shape are the server's own (plain constants and types, no I/O).
export { CRS_VALUES, IMPORT_KINDS };
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
