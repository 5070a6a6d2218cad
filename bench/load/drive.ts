// Drives one request mix against a running server with autocannon, bounded by a request count
// and a duration, and measures every response itself: autocannon's own histogram keeps 2xx
// latencies only and has no 95th percentile.
import autocannon from 'autocannon';

/** One request as autocannon sends it: path (with query) and, for writes, a JSON body. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export interface DriveOptions {
  /** http://127.0.0.1:PORT of the server under test (loopback only). */
  url: string;
  /** Sent with every request (e.g. `authorization: Bearer rk_…`). */
  headers: Record<string, string>;
  connections: number;
  /** Stop after this many responses… */
  requests: number;
  /** …or after this many seconds, whichever comes first. */
  durationS: number;
  /** The next request to send; called once per request. */
  next(): LoadRequest;
  /** Seconds before a request counts as timed out (an error). */
  timeoutS?: number;
}

export interface DriveResult {
  responses: number;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  /** Responses with a status outside 200–299. */
  non2xx: number;
  /** Count per HTTP status. */
  statuses: Record<number, number>;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerS: number;
  /** From the start to the last response. */
  elapsedS: number;
}

/** The `q`-quantile (0–1) of sorted values, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Refuses anything but a loopback address: the load test never leaves this machine. */
export function requireLoopback(url: string): URL {
  const parsed = new URL(url);
  if (!['127.0.0.1', '[::1]', 'localhost'].includes(parsed.hostname))
    throw new Error(`the load test runs on loopback only, not ${parsed.hostname}`);
  return parsed;
}

export async function drive(options: DriveOptions): Promise<DriveResult> {
  const base = requireLoopback(options.url);
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const started = process.hrtime.bigint();
  let finish: (error: Error | null, result: autocannon.Result) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const instance = autocannon(
    {
      url: base.origin,
      connections: options.connections,
      amount: options.requests,
      timeout: options.timeoutS ?? 30,
      headers: options.headers,
      requests: [
        {
          setupRequest: (request) => {
            const next = options.next();
            return {
              ...request,
              method: next.method,
              path: next.path,
              ...(next.body === undefined
                ? { body: undefined }
                : {
                    body: JSON.stringify(next.body),
                    headers: { ...request.headers, 'content-type': 'application/json' },
                  }),
            };
          },
        },
      ],
    },
    // Autocannon reports set-up failures (a refused connection…) as an Error.
    (error: Error | null, result) => finish(error, result),
  );
  // `amount` overrides `duration` in autocannon, so the duration bound is a timer of ours.
  const timer = setTimeout(() => instance.stop(), options.durationS * 1000);
  let lastResponse = started;
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    // After stop() autocannon sends on until its next one-second tick: those are not counted.
    if (latencies.length >= options.requests) return;
    lastResponse = process.hrtime.bigint();
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    if (latencies.length >= options.requests) instance.stop();
  });
  const result = await finished.finally(() => clearTimeout(timer));
  const elapsedS = Number(lastResponse - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const non2xx = Object.entries(statuses)
    .filter(([status]) => Number(status) < 200 || Number(status) > 299)
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    responses: latencies.length,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx,
    statuses,
    p50Ms: quantile(latencies, 0.5),
    p95Ms: quantile(latencies, 0.95),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    requestsPerS: latencies.length / elapsedS,
    elapsedS,
  };
}
