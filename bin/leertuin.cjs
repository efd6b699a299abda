#!/usr/bin/env node
// CommonJS, as is dist/quick/: --version and --help are answered without Node's ES module loader,
// and everything else runs from the tool's single-file bundle (src/app-bundle.ts).
require('node:module').enableCompileCache?.();
const quick = require('../dist/quick/quick-answer.js');
quick.quietOnClosedPipe();
const root = require('node:path').join(__dirname, '..');
const answer = quick.quickAnswer(process.argv.slice(2), root);
if (answer !== undefined) process.stdout.write(answer);
else require('../dist/quick/app-bundle.js').loadApp(root, process.argv.slice(2)).runCli(process.argv.slice(2), root);
