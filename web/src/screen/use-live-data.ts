/**
 * Live data for an unattended screen. The server announces its data version over SSE
 * (`GET /api/events`, `event: data`); a new version invalidates the query cache so every scene
 * refetches in place, without a reload. When the stream fails the screen checks /api/health at
 * once, then polls it (back-off 2 s → 30 s while the API is down, every 30 s while only the
 * stream is down) and compares the version. The browser's EventSource reconnects by itself;
 * when it gives up (CLOSED) we open a new one with back-off.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { healthQueryOptions } from '../api/get-health';

export type LiveStatus = {
  online: boolean;
  /** When the screen last confirmed its data is the server's current data (ms epoch). */
  lastContact: number | null;
};

const POLL_MS = 30_000;
const RETRY_MIN_MS = 2_000;

export function useLiveData(): LiveStatus {
  const qc = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>({ online: true, lastContact: null });

  useEffect(() => {
    let disposed = false;
    let es: EventSource | null = null;
    let streamOpen = false;
    let online = true;
    let version: number | null = null;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    let pollDelay = RETRY_MIN_MS;
    let reconnectDelay = RETRY_MIN_MS;

    const contact = () => {
      const wasOffline = !online;
      online = true;
      pollDelay = RETRY_MIN_MS;
      setStatus({ online: true, lastContact: Date.now() });
      // Back from an outage: whatever failed meanwhile is fetched again.
      if (wasOffline) void qc.invalidateQueries({ predicate: (q) => q.state.status === 'error' });
    };
    const seen = (v: number) => {
      if (version !== null && v !== version) void qc.invalidateQueries();
      version = v;
    };

    const schedulePoll = (ms: number) => {
      clearTimeout(pollTimer);
      pollTimer = setTimeout(poll, ms);
    };
    async function poll() {
      if (disposed) return;
      try {
        const h = await qc.fetchQuery({ ...healthQueryOptions(), staleTime: 0, retry: false });
        if (disposed) return;
        seen(h.dataVersion);
        contact();
        // Fallback polling continues only while the stream is down.
        if (!streamOpen) schedulePoll(POLL_MS);
      } catch {
        if (disposed) return;
        if (online) {
          online = false;
          setStatus((s) => ({ ...s, online: false }));
        }
        schedulePoll(pollDelay);
        pollDelay = Math.min(POLL_MS, pollDelay * 2);
      }
    }

    function connect() {
      if (disposed) return;
      const source = new EventSource('/api/events');
      es = source;
      source.addEventListener('open', () => {
        streamOpen = true;
        reconnectDelay = RETRY_MIN_MS;
        clearTimeout(pollTimer);
      });
      source.addEventListener('data', (e) => {
        try {
          const v = (JSON.parse((e as MessageEvent<string>).data) as { dataVersion?: unknown }).dataVersion;
          if (typeof v === 'number') seen(v);
        } catch {
          /* a malformed event is ignored; the next one or the poll corrects it */
        }
        contact();
      });
      source.addEventListener('ping', contact);
      source.addEventListener('error', () => {
        streamOpen = false;
        if (source.readyState === EventSource.CLOSED) {
          source.close();
          clearTimeout(reconnectTimer);
          reconnectTimer = setTimeout(connect, reconnectDelay);
          reconnectDelay = Math.min(POLL_MS, reconnectDelay * 2);
        }
        // Is it the API or just the stream? Ask at once, then keep polling until the stream is back.
        schedulePoll(0);
      });
    }

    connect();
    return () => {
      disposed = true;
      clearTimeout(pollTimer);
      clearTimeout(reconnectTimer);
      es?.close();
    };
  }, [qc]);

  return status;
}
