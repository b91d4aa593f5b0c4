#!/usr/bin/env node
// Runs the TypeScript sources directly: Node's own type stripping where it has it, else esbuild hooks
// (see bin/load-typescript.js and docs/adr/0002-run-typescript-with-tsx.md).
import './load-typescript.js';

const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
