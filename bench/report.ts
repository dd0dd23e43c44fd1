// The tables `npm run bench` prints: one per run, and how each scenario
// scales when several user counts were run.
import Table from 'cli-table3';
import type { Row } from './scenarios.js';

export interface RunReport {
  db: string; users: number; durationSeconds: number; rareTerm: string;
  importSeconds: number; importSummary: Record<string, unknown>;
  idleRssMbBeforeImport: number; idleRssMbSoonAfterImport: number; idleRssMb: number; importPeakRssMb: number; serverVmHwmMb: number;
  /** How long the server rested after the import before idleRssMb was read. */
  restSeconds: number;
  argon2VerifiesPerSec: number; rows: Row[];
}

const fmt = (n: number | null, digits = 1) => (n === null ? '–' : n.toFixed(digits));
const statuses = (r: Row) => Object.entries(r.statusCounts).map(([c, n]) => `${c}:${n}`).join(' ') + (r.errors ? ` err:${r.errors}` : '');

/**
 * 200s per second of a storm, against raw argon2id verifies per second on
 * the same core. The 200s are counted over the whole run, the answers still
 * in flight at its end included, so they are divided by the run's whole
 * length: dividing by its nominal duration overstated the rate by up to a
 * second's worth.
 */
export function stormShare(report: RunReport, row: Row): number {
  return (row.statusCounts['200'] ?? 0) / row.seconds / report.argon2VerifiesPerSec;
}

export function printRun(report: RunReport, options: { pinned: boolean }): void {
  const table = new Table({ head: ['scenario', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'CPU %', 'peak RSS MB', 'ELD p99 ms', '× ceiling', 'statuses'], style: { head: [], border: [] } });
  for (const r of report.rows) {
    table.push([r.scenario, r.connections, fmt(r.reqPerSec, 0), fmt(r.p50), fmt(r.p99), fmt(r.max, 0), fmt(r.cpuPercent, 0), fmt(r.peakRssMb, 0), fmt(r.eventLoopP99Ms), fmt(r.ratio, 2), statuses(r)]);
  }
  console.log(`\n${report.db}, ${report.users} users, ${report.durationSeconds} s per scenario, server ${options.pinned ? 'on CPU 0, load generator on CPU 1' : 'unpinned'}, Node ${process.version}`);
  console.log(table.toString());
  console.log(`import: ${report.users} users in ${report.importSeconds.toFixed(1)} s (${Math.round(report.users / report.importSeconds)} users/s) | rare word: "${report.rareTerm}"`);
  console.log(`RSS: idle ${report.idleRssMb.toFixed(0)} MB after ${report.restSeconds} s at rest (${report.idleRssMbSoonAfterImport.toFixed(0)} MB 2 s after the import, ${report.idleRssMbBeforeImport.toFixed(0)} MB before it) | peak during import ${report.importPeakRssMb.toFixed(0)} MB | VmHWM ${report.serverVmHwmMb.toFixed(0)} MB`);
  const storms = report.rows.filter((r) => r.scenario.startsWith('sign-in storm'));
  console.log(`argon2id verify ceiling on the server core: ${report.argon2VerifiesPerSec.toFixed(1)}/s | ${storms.map((r) => `${r.connections} conns: ${(stormShare(report, r) * 100).toFixed(0)} %`).join(', ')}`);
}

export function printScaling(reports: RunReport[]): void {
  const table = new Table({ head: ['scenario', ...reports.map((r) => `${r.users} users`)], style: { head: [], border: [] } });
  for (const [i, row] of reports[0]!.rows.entries()) {
    table.push([row.scenario, ...reports.map((r) => {
      const cell = r.rows[i]!;
      return `${fmt(cell.reqPerSec, 0)}/s p50 ${fmt(cell.p50)} p99 ${fmt(cell.p99)}`;
    })]);
  }
  table.push(['import (s)', ...reports.map((r) => fmt(r.importSeconds))]);
  table.push([`idle RSS MB (${reports[0]!.restSeconds} s at rest)`, ...reports.map((r) => fmt(r.idleRssMb, 0))]);
  console.log(`\nScaling (${reports[0]!.db}): req/s and latency in ms, by number of users`);
  console.log(table.toString());
}
