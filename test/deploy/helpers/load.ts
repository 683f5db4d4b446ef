import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { GraphQLBody } from './stack.js';

export interface Outcome {
  id: number;
  /** performance.now() when the request was handed to the client, and when it settled. */
  start: number;
  end: number;
  ok: boolean;
  /** The HTTP status, or null for a transport error. */
  status: number | null;
  problem?: string;
}

export interface SteadyLoad {
  outcomes: Outcome[];
  /** Start times of the requests not settled yet, by id. */
  inFlight: Map<number, number>;
  /** Resolves once `count` more requests have settled. */
  settled(count: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A closed-loop client: `concurrency` workers, each sending its next request when the previous
 * one settled and at least `intervalMs` after the previous one started, over keep-alive
 * connections, until stopped. Every request is counted; one counts as
 * ok only with status 200 and a body `isOk` accepts. Each carries X-Request-Id `load-<id>`, which
 * nginx logs with the instance that answered.
 */
export function steadyLoad(
  origin: string,
  options: {
    concurrency: number;
    body: string;
    headers: Record<string, string>;
    isOk(body: GraphQLBody): boolean;
    /** Least time between the starts of one worker's requests: bounds the rate. */
    intervalMs: number;
  },
): SteadyLoad {
  const pool = new Pool(origin, { connections: options.concurrency, pipelining: 1 });
  const outcomes: Outcome[] = [];
  const inFlight = new Map<number, number>();
  const listeners = new Set<() => void>();
  let running = true;
  let next = 0;

  const one = async () => {
    const id = next++;
    const start = performance.now();
    inFlight.set(id, start);
    let outcome: Outcome;
    try {
      const res = await pool.request({
        path: '/graphql',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': `load-${id}`,
          ...options.headers,
        },
        body: options.body,
      });
      const text = await res.body.text();
      let ok = false;
      try {
        ok = res.statusCode === 200 && options.isOk(JSON.parse(text) as GraphQLBody);
      } catch {
        ok = false;
      }
      outcome = {
        id,
        start,
        end: performance.now(),
        ok,
        status: res.statusCode,
        ...(ok ? {} : { problem: text.slice(0, 200) }),
      };
    } catch (error) {
      outcome = {
        id,
        start,
        end: performance.now(),
        ok: false,
        status: null,
        problem: (error as Error).message,
      };
    }
    inFlight.delete(id);
    outcomes.push(outcome);
    for (const listener of listeners) {
      listener();
    }
  };

  const workers = Array.from({ length: options.concurrency }, async () => {
    while (running) {
      const pace = new Promise((resolve) => setTimeout(resolve, options.intervalMs));
      await one();
      await pace;
    }
  });

  return {
    outcomes,
    inFlight,
    settled(count) {
      const target = outcomes.length + count;
      return new Promise((resolve) => {
        const check = () => {
          if (outcomes.length >= target) {
            listeners.delete(check);
            resolve();
          }
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      running = false;
      await Promise.all(workers);
      await pool.close();
    },
  };
}

/** Counts of a run, for assertions and for the report. */
export function summary(outcomes: Outcome[]) {
  const failed = outcomes.filter((o) => !o.ok);
  return {
    sent: outcomes.length,
    failed: failed.length,
    transportErrors: failed.filter((o) => o.status === null).length,
    byStatus: Object.fromEntries(
      [...new Set(failed.map((o) => String(o.status)))].map((s) => [
        s,
        failed.filter((o) => String(o.status) === s).length,
      ]),
    ),
  };
}
