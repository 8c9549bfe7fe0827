#!/usr/bin/env node
// Entry point of the `tensorgrad` command (bin/tensorgrad.mjs runs it; `tsx src/cli/main.ts` too).
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2));
