#!/usr/bin/env node
// The installed `tscalign`. `merge` and `check`, the commands scripts run many times, run
// from dist/cli.bundle.cjs: one CommonJS file (see source/build/bundle.ts), so they never
// start Node's ES module loader or resolve and read some forty modules, 40-50 ms of a run.
// The viewer and the rest run dist/cli.js's ES modules, which load Ink only when needed.

import fs = require('node:fs');
import path = require('node:path');

const bundle = path.join(__dirname, '../../cli.bundle.cjs');
const command = process.argv[2];
// Without the bundle (a build that skipped it) every command still works, only slower.
if ((command === 'merge' || command === 'check') && fs.existsSync(bundle)) require(bundle);
else void import('../../cli.js');
