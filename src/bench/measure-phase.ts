// One phase of a benchmark as a child process: its wall time and peak memory.
//
// Peak memory is the maximum resident set size GNU time reports (`/usr/bin/time -v`, "Maximum resident set
// size"): getrusage(RUSAGE_CHILDREN)'s ru_maxrss, the largest of the process and the descendants it waited
// for, so Pagefind's native indexer (a child of its Node launcher) is counted too. Without GNU time the
// phase is still timed, and its memory given as null.
import { spawn, spawnSync } from 'node:child_process';
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

type Prepared = { command: string; args: string[]; env: NodeJS.ProcessEnv; timeFile: string | null; scratch: string };

function prepare(c: PhaseCommand): Prepared {
  const timed = existsSync(GNU_TIME);
  const scratch = mkdtempSync(join(tmpdir(), 'sift-time-'));
  const timeFile = timed ? join(scratch, 'time.txt') : null;
  const [command, args] = timeFile ? [GNU_TIME, ['-v', '-o', timeFile, c.command, ...c.args]] : [c.command, [...c.args]];
  return { command, args, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...c.env }, timeFile, scratch };
}

function finish(c: PhaseCommand, p: Prepared, started: number, output: string, status: number | null): PhaseResult {
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(c.logFile, output);
  let peakMiB: number | null = null;
  let cpuSeconds: number | null = null;
  if (p.timeFile && existsSync(p.timeFile)) {
    const report = readFileSync(p.timeFile, 'utf8');
    const kib = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
    if (kib) peakMiB = Math.round(Number(kib[1]) / 1024);
    const user = /User time \(seconds\): ([\d.]+)/.exec(report);
    const system = /System time \(seconds\): ([\d.]+)/.exec(report);
    if (user && system) cpuSeconds = Math.round((Number(user[1]) + Number(system[1])) * 100) / 100;
  }
  rmSync(p.scratch, { recursive: true, force: true });
  return { phase: c.phase, seconds: Math.round(seconds * 100) / 100, peakMiB, cpuSeconds, status: status ?? 1 };
}

export function runPhase(c: PhaseCommand): PhaseResult {
  const p = prepare(c);
  const started = performance.now();
  const result = spawnSync(p.command, p.args, { cwd: c.cwd, env: p.env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.error) throw result.error;
  return finish(c, p, started, `${result.stdout}${result.stderr}`, result.status);
}

/** runPhase without waiting: for phases that run side by side (the shards of a parallel site build). */
export function startPhase(c: PhaseCommand): Promise<PhaseResult> {
  const p = prepare(c);
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(p.command, p.args, { cwd: c.cwd, env: p.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', fail);
    child.on('close', (code) => done(finish(c, p, started, Buffer.concat(chunks).toString('utf8'), code)));
  });
}
