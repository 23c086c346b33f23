import fs from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU time of a process so far, in ms (0 once it has gone). */
export function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch { return 0; }
}

/** The PostgreSQL backends serving one database on this machine, found by their process titles. */
export function backendPids(database: string): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.startsWith('postgres:') && cmd.includes(` ${database} `)) out.push(Number(d));
    } catch { /* gone */ }
  }
  return out;
}

/** CPU spent by a set of processes between start() and stop(), so figures hold on a busy machine too. */
export class CpuMeter {
  private start = new Map<number, number>();
  constructor(private readonly pids: () => number[]) {}

  begin(): void {
    this.start = new Map(this.pids().map((p) => [p, cpuMs(p)]));
  }

  end(): number {
    let total = 0;
    for (const p of new Set([...this.start.keys(), ...this.pids()])) total += Math.max(0, cpuMs(p) - (this.start.get(p) ?? 0));
    return total;
  }
}
