#!/usr/bin/env node
// Runs the mock's TypeScript entry point through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../mock/cli.ts');
