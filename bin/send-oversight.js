#!/usr/bin/env node
// Runs the TypeScript command line through tsx, so `npx send-oversight` works right after
// `npm install` with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
