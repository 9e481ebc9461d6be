#!/usr/bin/env node
// The installed `tscalign`. `merge` and `check`, the commands scripts run many times, start
// from the bundle with its code cache (see bundled.cts); the rest runs dist/cli.js as it is.
// CommonJS, so those two never start Node's ES module loader (7 ms).

import {runBundled} from './bundled.cjs';

const command = process.argv[2];
if (!((command === 'merge' || command === 'check') && runBundled(command))) void import('../../cli.js');
