import net from 'node:net';
import { prng } from './desk-events';

/**
 * A TCP proxy that breaks a share of the connections it carries, the ways a
 * mountain-district link does:
 *   reset      after N bytes (of the request, or of the response — after the hub committed) both sides are reset
 *   stall      the request reaches the hub, the answer never comes back (the client times out)
 *   duplicate  the request is delivered twice, on two connections at once; the client sees one answer
 *   reorder    the request is held back until after the client gave up and retried, then delivered (stale)
 */
export type Fault = 'reset' | 'stall' | 'duplicate' | 'reorder';
export const allFaults: Fault[] = ['reset', 'stall', 'duplicate', 'reorder'];

export interface FaultProxyOptions {
  targetPort: number;
  targetHost?: string;
  /** Share of connections broken, 0..1. */
  brokenShare: number;
  seed: number;
  faults?: Fault[];
  /** How long a stalled answer or a held-back request waits (longer than the client's timeout). */
  holdMs?: number;
}

export interface FaultProxy {
  port: number;
  /** Connections carried, and how many got each fault. */
  stats: { connections: number } & Record<Fault, number>;
  close(): Promise<void>;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = prng(options.seed);
  const faults = options.faults ?? allFaults;
  const holdMs = options.holdMs ?? 3000;
  const host = options.targetHost ?? '127.0.0.1';
  const stats = { connections: 0, reset: 0, stall: 0, duplicate: 0, reorder: 0 };
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    return socket;
  };
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const upstream = () => track(net.connect(options.targetPort, host));
  const kill = (...list: net.Socket[]) => {
    for (const socket of list) if (!socket.destroyed) socket.resetAndDestroy();
  };

  const server = net.createServer((client) => {
    track(client);
    stats.connections += 1;
    const fault = random() < options.brokenShare ? faults[Math.floor(random() * faults.length)]! : null;
    if (fault) stats[fault] += 1;
    const hub = upstream();
    client.on('close', () => {
      if (fault !== 'reorder' && fault !== 'stall') hub.destroy();
    });
    hub.on('close', () => client.destroy());

    if (fault === null) {
      client.pipe(hub);
      hub.pipe(client);
    } else if (fault === 'reset') {
      // Half during the request (nothing stored), half during the answer (stored, reply lost).
      const duringAnswer = random() < 0.5;
      let budget = duringAnswer ? 1 + Math.floor(random() * 150) : 1 + Math.floor(random() * 40_000);
      const forward = (from: net.Socket, to: net.Socket, counted: boolean) =>
        from.on('data', (chunk: Buffer) => {
          if (!counted) return void to.write(chunk);
          if (chunk.length >= budget) {
            to.write(chunk.subarray(0, budget));
            budget = 0;
            kill(client, hub);
            return;
          }
          budget -= chunk.length;
          to.write(chunk);
        });
      forward(client, hub, !duringAnswer);
      forward(hub, client, duringAnswer);
    } else if (fault === 'stall') {
      client.pipe(hub);
      hub.on('data', () => {});
      later(holdMs, () => kill(client, hub));
    } else if (fault === 'duplicate') {
      const twin = upstream();
      twin.on('data', () => {});
      client.on('data', (chunk: Buffer) => {
        hub.write(chunk);
        twin.write(chunk);
      });
      hub.pipe(client);
      client.on('close', () => later(holdMs, () => twin.destroy()));
    } else {
      const held: Buffer[] = [];
      client.on('data', (chunk: Buffer) => held.push(chunk));
      hub.on('data', () => {});
      later(holdMs, () => {
        for (const chunk of held) hub.write(chunk);
        later(holdMs, () => hub.destroy());
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
