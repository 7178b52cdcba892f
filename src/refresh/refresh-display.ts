import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { progressLine, type RefreshProgress } from './refresh.ts';

// How a refresh shows its progress: a bar per question and source on a terminal, plain lines in CI
// logs (where redrawn bars turn into noise).
export function refreshDisplay(interactive: boolean, write: (line: string) => void): { onProgress: (e: RefreshProgress) => void; stop: () => void } {
  if (!interactive) return { onProgress: (e) => { if (e.state !== 'page') write(progressLine(e)); }, stop: () => {} };
  const bars = new MultiBar(
    { format: ' {label} [{bar}] {value}/{total} {status}', hideCursor: true, clearOnComplete: false, stopOnComplete: false },
    Presets.shades_classic,
  );
  const open = new Map<string, SingleBar>();
  return {
    onProgress: (e) => {
      const key = `${e.question}/${e.source}`;
      let bar = open.get(key);
      if (!bar) {
        bar = bars.create(1, 0, { label: `${e.question} · ${e.source}`.padEnd(48).slice(0, 48), status: 'querying' });
        open.set(key, bar);
      }
      if (e.state === 'page') {
        bar.setTotal(Math.max(e.total ?? e.count, e.count, 1));
        bar.update(e.count, { status: '' });
      } else if (e.state === 'ok') {
        bar.setTotal(Math.max(e.count, 1));
        bar.update(e.count, { status: 'done' });
      } else if (e.state === 'stale') {
        bar.update(0, { status: `FAILED, kept ${e.count} earlier (stale)` });
      }
    },
    stop: () => bars.stop(),
  };
}
