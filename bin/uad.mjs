#!/usr/bin/env node
// The `uad` command (package.json "bin"): runs the compiled CLI committed in bin/uad/ (scripts/build-cli.mjs),
// so it works right after `npm ci` with no build step and no TypeScript loader. Node side.
import './uad/cli.js';
