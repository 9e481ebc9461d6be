#!/usr/bin/env node
// The installed `tscalign`. `merge` and `check`, the commands scripts run many times, start
// from the bundle with its code cache (see bundled.ts); the rest runs dist/cli.js as it is.

import {runBundled} from './bundled.js';

const command = process.argv[2];
if (!((command === 'merge' || command === 'check') && runBundled(command))) await import('../../cli.js');
