#!/usr/bin/env node
// The installed `tscalign`, run by Node as it is: no flags of its own.
//
// It runs dist/cli.js bundled: `merge`, `check` and `export`, the commands scripts run many times,
// from one CommonJS file, so they never start Node's ES module loader; the viewer and the
// rest from dist/esm/, where Ink and React are one chunk loaded only by the viewer.

import fs = require('node:fs');
import path = require('node:path');

const commonjs = path.join(__dirname, '../../cli.bundle.cjs');
const command = process.argv[2];
// Without the bundles (a build that skipped them) every command still works, only slower.
if ((command === 'merge' || command === 'check' || command === 'export') && fs.existsSync(commonjs)) require(commonjs);
else void import(fs.existsSync(path.join(__dirname, '../../esm/cli.js')) ? '../../esm/cli.js' : '../../cli.js');
