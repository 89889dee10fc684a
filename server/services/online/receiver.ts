// HJ 212-2017 over TCP: data loggers connect and push packets; the platform answers CN 9014 when
// asked. Every resource a peer can hold is bounded: connections, idle time, bytes buffered per
// connection (the framer holds at most one packet), packets in flight per connection.
import net from 'node:net';
import { Hj212Framer } from '../../domain/hj212';
import type { OnlineIngest } from './ingest';

export type ReceiverOptions = {
  port: number;
  host?: string;
  /** Connections beyond this are closed at once. */
  maxConnections?: number;
  /** A connection that sends no complete packet for this long is closed. */
  idleTimeoutMs?: number;
  /** Largest data segment accepted (the header can announce up to 9999 bytes). */
  maxDataLength?: number;
  /** Packets of one connection waiting to be stored; reading pauses beyond this. */
  maxInFlight?: number;
  /** Garbage bytes tolerated per connection before it is closed. */
  maxGarbageBytes?: number;
  log?: (message: string) => void;
};

export type ReceiverStats = {
  connections: number;
  peakConnections: number;
  accepted: number;
  refused: number;
  closedIdle: number;
  closedGarbage: number;
  frameErrors: number;
};

export type Hj212Receiver = {
  port: number;
  stats: ReceiverStats;
  close: () => Promise<void>;
};

export async function startHj212Receiver(ingest: OnlineIngest, options: ReceiverOptions): Promise<Hj212Receiver> {
  const opt = {
    host: '0.0.0.0',
    maxConnections: 2_000,
    idleTimeoutMs: 120_000,
    maxDataLength: 4_096,
    maxInFlight: 64,
    maxGarbageBytes: 64 * 1024,
    log: (m: string) => console.warn(m),
    ...options,
  };
  const stats: ReceiverStats = {
    connections: 0,
    peakConnections: 0,
    accepted: 0,
    refused: 0,
    closedIdle: 0,
    closedGarbage: 0,
    frameErrors: 0,
  };
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    if (sockets.size >= opt.maxConnections) {
      stats.refused++;
      socket.destroy();
      return;
    }
    sockets.add(socket);
    stats.accepted++;
    stats.connections = sockets.size;
    stats.peakConnections = Math.max(stats.peakConnections, sockets.size);
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const framer = new Hj212Framer({ maxDataLength: opt.maxDataLength });
    let garbage = 0;
    let inFlight = 0;
    // Idle means no complete packet, not no bytes: a peer trickling bytes that never make a
    // packet is idle too.
    let idle = setTimeout(onIdle, opt.idleTimeoutMs);
    function onIdle() {
      stats.closedIdle++;
      opt.log(`[hj212] ${peer}: no complete packet for ${opt.idleTimeoutMs} ms, closing`);
      socket.destroy();
    }

    socket.on('data', (chunk) => {
      for (const ev of framer.push(chunk)) {
        if (ev.type === 'error') {
          stats.frameErrors++;
          garbage += ev.bytes;
          opt.log(`[hj212] ${peer}: ${ev.problem} (${ev.bytes} bytes) ${JSON.stringify(ev.sample)}`);
          if (garbage > opt.maxGarbageBytes) {
            stats.closedGarbage++;
            socket.destroy();
            return;
          }
          continue;
        }
        clearTimeout(idle);
        idle = setTimeout(onIdle, opt.idleTimeoutMs);
        inFlight++;
        if (inFlight >= opt.maxInFlight) socket.pause();
        ingest
          .acceptSegment(ev.data)
          .then((outcome) => {
            if (outcome.ok && outcome.answer && !socket.destroyed) socket.write(outcome.answer);
          })
          .catch((e) => opt.log(`[hj212] ${peer}: packet not stored: ${(e as Error).message}`))
          .finally(() => {
            inFlight--;
            if (inFlight < opt.maxInFlight && socket.isPaused() && !socket.destroyed) socket.resume();
          });
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(idle);
      sockets.delete(socket);
      stats.connections = sockets.size;
    });
  });
  server.on('error', (e) => opt.log(`[hj212] listener error: ${e.message}`));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opt.port, opt.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : opt.port,
    stats,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
