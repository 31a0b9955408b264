#!/usr/bin/env node
// Runs the conformance runner's TypeScript entry point through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../suites/cli.ts');
