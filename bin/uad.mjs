#!/usr/bin/env node
// The `uad` command (package.json "bin"): runs the compiled CLI in bin/uad/, which scripts/cli-bundle.mjs builds
// from the sources the first time it runs in a clone and again whenever they are newer (bin/uad/ is generated,
// never committed), so it works right after `npm ci` with no build step and no TypeScript loader. Node side.
import { ensureCliBundle } from '../scripts/cli-bundle.mjs';

if (!ensureCliBundle()) process.exit(1);
await import('./uad/cli.js');
