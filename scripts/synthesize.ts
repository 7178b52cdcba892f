#!/usr/bin/env node
// npm run synthesize [-- --refresh [--source NAME ...] [--due] --llm --question ID ... --shard I/N --force --workers N]
import { enableCompileCache } from 'node:module';

// Node's compile cache (in the system's temporary folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off) keeps each
// module's type-stripped and compiled code between runs: loading the runner's modules was most of an unchanged
// run (issue 13: about 0.6 of its 2 s of CPU at 40 questions). It must be on before the modules are loaded, so the
// command itself is imported after it.
enableCompileCache();
await import('./synthesize-command.ts');
