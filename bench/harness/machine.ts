// The machine a run was measured on, for the report: CPU, cores, memory, load, Node and the
// database versions of both modes, and the date.
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  loadAverage: string;
  databases: Record<string, string>;
}

export function describeMachine(databases: Record<string, string>): Machine {
  const cpu = cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    loadAverage: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    databases,
  };
}
