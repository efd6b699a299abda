#!/usr/bin/env node
// CommonJS, as is dist/quick/: --version and --help are answered without Node's ES module loader.
require('node:module').enableCompileCache?.();
const quick = require('../dist/quick/quick-answer.js');
quick.quietOnClosedPipe();
const answer = quick.quickAnswer(process.argv.slice(2), require('node:path').join(__dirname, '..'));
if (answer !== undefined) process.stdout.write(answer);
else import('../dist/cli.js');
