#!/usr/bin/env node
// --version and --help are answered from the quick path; everything else runs from the tool's bundle.
const quick = require('../dist/app/quick.cjs');
const root = require('node:path').join(__dirname, '..');
const args = process.argv.slice(2);
quick.startCompileCache();
quick.quietOnClosedPipe();
const answer = quick.quickAnswer(args, root);
if (answer !== undefined) process.stdout.write(answer);
else quick.loadApp(root, args).runCli(args, root);
