import { queryOptions, useQuery } from '@tanstack/react-query';
import { decodeEnterpriseLayer, type EnterpriseLayer, LayerFormatError } from '../map/decode-enterprise-layer';
import { apiFetch, ensureOk } from './client';

export type DatedEnterpriseLayer = EnterpriseLayer & {
  /** The day the colours were read as of (the server may move it to the first code history); null = current. */
  codesAsOf: string | null;
};

/**
 * The binary enterprise layer. Plain fetch, not the RPC client: the body is bytes. The server
 * sends an ETag with `Cache-Control: no-cache`, so the browser revalidates and a 304 reuses the
 * cached bytes — refetching after a dataVersion change costs nothing when nothing changed.
 * With `codesAsOf` the colours are the codes as they stood on that day (the period control).
 */
export async function getEnterpriseLayer(
  codesAsOf: string | null,
  signal?: AbortSignal,
): Promise<DatedEnterpriseLayer> {
  const url = codesAsOf ? `/api/layers/enterprises?codesAsOf=${codesAsOf}` : '/api/layers/enterprises';
  const res = await ensureOk(await apiFetch(url, { signal }));
  const layer = decodeEnterpriseLayer(await res.arrayBuffer());
  return Object.assign(layer, { codesAsOf: res.headers.get('X-Codes-As-Of') });
}

export const enterpriseLayerQueryOptions = (dataVersion: number | undefined, codesAsOf: string | null = null) =>
  queryOptions({
    queryKey: ['layers', 'enterprises', dataVersion, codesAsOf],
    queryFn: ({ signal }) => getEnterpriseLayer(codesAsOf, signal),
    // Keep typed arrays out of structural sharing: comparing 1M-element views is wasted work.
    structuralSharing: false,
    // A format this page cannot read will not change on a retry: say so at once (MapStatus).
    retry: (failures, error) => !(error instanceof LayerFormatError) && failures < 3,
    // Stepping through periods shows the previous colours until the next arrive, not a blank map.
    placeholderData: (previous) => previous,
  });

export const useEnterpriseLayer = (dataVersion: number | undefined, codesAsOf: string | null = null) =>
  useQuery({ ...enterpriseLayerQueryOptions(dataVersion, codesAsOf), enabled: dataVersion !== undefined });
