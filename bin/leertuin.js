#!/usr/bin/env node
// Cache compiled code between runs where this Node has it (22.1+); start-up is most of a short command.
import module from 'node:module';
module.enableCompileCache?.();
await import('../dist/cli.js');
