// CPU time of a benchmark's work, beside its wall time: on a shared machine the wall time of a
// case grows with whatever else runs, while the processor time the work itself takes moves far
// less. Counted from Linux's /proc: this process (and the children it has reaped, such as
// ogr2ogr), and a PostgreSQL server — its postmaster, every live child (backends, parallel
// workers) and the children it has reaped. Elsewhere than Linux there is no clock (undefined).
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ, 100 on every Linux Node runs on). */
const ticksPerSecond = 100;

/** The fields after `comm` in /proc/PID/stat, as numbers (state, the first, is NaN). */
function statFields(pid: number | 'self'): number[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text
      .slice(text.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
  } catch {
    return undefined; // the process has ended
  }
}

// Indexes into statFields (proc(5), counted from `state`): parent, own user/system time,
// waited-for children's user/system time.
const PPID = 1;
const UTIME = 11;
const STIME = 12;
const CUTIME = 13;
const CSTIME = 14;

const own = (f: number[]) => f[UTIME]! + f[STIME]!;
const withChildren = (f: number[]) => own(f) + f[CUTIME]! + f[CSTIME]!;

/** CPU milliseconds of a process and its reaped children, or of a server and all its children. */
export type CpuClock = () => number;

/** This process and the children it has waited for. */
export function processCpu(): CpuClock | undefined {
  if (!statFields('self')) return undefined;
  return () => (withChildren(statFields('self')!) * 1000) / ticksPerSecond;
}

/** A server process (a postmaster) with its live and ended children. */
export function serverCpu(pid: number): CpuClock | undefined {
  if (!statFields(pid)) return undefined;
  return () => {
    let ticks = withChildren(statFields(pid) ?? [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const f = statFields(Number(entry));
      if (f && f[PPID] === pid) ticks += own(f);
    }
    return (ticks * 1000) / ticksPerSecond;
  };
}

/** The sum of several clocks (those that exist); undefined when none does. */
export function sumCpu(...clocks: (CpuClock | undefined)[]): CpuClock | undefined {
  const present = clocks.filter((c): c is CpuClock => c !== undefined);
  if (present.length === 0) return undefined;
  return () => present.reduce((sum, c) => sum + c(), 0);
}
