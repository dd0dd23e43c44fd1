// One scenario: a warm-up, then `duration` seconds of autocannon against a
// server, with the server's CPU, memory and event-loop delay read alongside.
import autocannon from 'autocannon';
import { cpuSeconds, sampleRss, type Server } from './proc.js';

export interface Scenario { name: string; connections: number; request: autocannon.Request; headers?: Record<string, string> }

export interface Row {
  scenario: string; connections: number; reqPerSec: number; p50: number; p99: number; max: number;
  cpuPercent: number; peakRssMb: number; eventLoopP99Ms: number | null; ratio: number | null;
  statusCounts: Record<string, number>; errors: number; timeouts: number;
  /** How long the measured run took, from its first request to its last answer (the answers in flight at the end included). */
  seconds: number;
}

/** prom-client resets its event-loop histogram on every scrape, so a scrape before and one after frame the run. */
async function eventLoopP99Ms(server: Server): Promise<number | null> {
  const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
  const match = /^roster_nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text);
  return match ? Number(match[1]) * 1000 : null;
}

export async function measure(server: Server, s: Scenario, duration: number, withMetrics: boolean): Promise<Row> {
  const run = (seconds: number) => autocannon({
    url: server.baseUrl, connections: s.connections, duration: seconds, headers: s.headers, requests: [s.request], timeout: 10,
  });
  await run(Math.min(2, duration)); // warm-up (JIT, caches), not measured
  if (withMetrics) await eventLoopP99Ms(server);
  const cpuBefore = cpuSeconds(server.pid);
  const peak = sampleRss(server.pid);
  const started = performance.now();
  const result = await run(duration);
  const wall = (performance.now() - started) / 1000;
  const cpuPercent = ((cpuSeconds(server.pid) - cpuBefore) / wall) * 100;
  const peakRssMb = peak();
  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, v.count ?? 0]));
  return {
    scenario: s.name, connections: s.connections, reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
    max: result.latency.max, cpuPercent, peakRssMb, eventLoopP99Ms: withMetrics ? await eventLoopP99Ms(server) : null, ratio: null,
    statusCounts, errors: result.errors, timeouts: result.timeouts, seconds: wall,
  };
}
