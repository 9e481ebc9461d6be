#!/usr/bin/env node
// The installed `tscalign`. The build makes its first line a shell script (see
// source/build/bundle.ts): the shell starts Node on this same file with V8's thread pool
// sized to the machine, and to JavaScript that line is a string and a comment, so
// `node tscalign.cjs` works as well.
//
// It runs dist/cli.js bundled: `merge` and `check`, the commands scripts run many times,
// from one CommonJS file, so they never start Node's ES module loader; the viewer and the
// rest from dist/esm/, where Ink and React are one chunk loaded only by the viewer.

import fs = require('node:fs');
import path = require('node:path');

const commonjs = path.join(__dirname, '../../cli.bundle.cjs');
const command = process.argv[2];
// Without the bundles (a build that skipped them) every command still works, only slower.
if ((command === 'merge' || command === 'check') && fs.existsSync(commonjs)) require(commonjs);
else void import(fs.existsSync(path.join(__dirname, '../../esm/cli.js')) ? '../../esm/cli.js' : '../../cli.js');
