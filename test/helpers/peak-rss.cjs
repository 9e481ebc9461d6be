// Preloaded (node --require) into a CLI run by a test: writes the process's peak resident
// memory, in bytes, to the file named by TSCALIGN_TEST_PEAK when it exits, however it exits.
const fs = require('node:fs');
const file = process.env.TSCALIGN_TEST_PEAK;
if (file) process.on('exit', () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
