// One phase of a benchmark as a child process: its wall time and peak memory.
//
// Peak memory is the maximum resident set size GNU time reports (`/usr/bin/time -v`, "Maximum resident set
// size"): getrusage(RUSAGE_CHILDREN)'s ru_maxrss, the largest of the process and the descendants it waited
// for, so Pagefind's native indexer (a child of its Node launcher) is counted too. Without GNU time the
// phase is still timed, and its memory given as null.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type PhaseResult = {
  phase: string;
  /** wall-clock seconds */
  seconds: number;
  /** peak resident memory in MiB, or null when it could not be measured */
  peakMiB: number | null;
  /** user + system CPU seconds of the phase and its children (null as above): on a shared machine the
   * wall time also counts other processes' load, the CPU time does not */
  cpuSeconds: number | null;
  status: number;
};

export type PhaseCommand = {
  phase: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** the phase's stdout and stderr go here */
  logFile: string;
};

const GNU_TIME = '/usr/bin/time';

export function runPhase(c: PhaseCommand): PhaseResult {
  const timed = existsSync(GNU_TIME);
  const scratch = mkdtempSync(join(tmpdir(), 'sift-time-'));
  const timeFile = join(scratch, 'time.txt');
  const [command, args] = timed ? [GNU_TIME, ['-v', '-o', timeFile, c.command, ...c.args]] : [c.command, [...c.args]];
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd: c.cwd,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...c.env },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.error) throw result.error;
  writeFileSync(c.logFile, `${result.stdout}${result.stderr}`);
  let peakMiB: number | null = null;
  let cpuSeconds: number | null = null;
  if (timed && existsSync(timeFile)) {
    const report = readFileSync(timeFile, 'utf8');
    const kib = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
    if (kib) peakMiB = Math.round(Number(kib[1]) / 1024);
    const user = /User time \(seconds\): ([\d.]+)/.exec(report);
    const system = /System time \(seconds\): ([\d.]+)/.exec(report);
    if (user && system) cpuSeconds = Math.round((Number(user[1]) + Number(system[1])) * 100) / 100;
  }
  rmSync(scratch, { recursive: true, force: true });
  return { phase: c.phase, seconds: Math.round(seconds * 100) / 100, peakMiB, cpuSeconds, status: result.status ?? 1 };
}
