#!/usr/bin/env node
// Runs `prisma generate` for the service in the current directory. Why this wrapper: the Prisma
// CLI wants to download a native schema engine for every command, which an air-gapped machine
// cannot; `generate` never runs that engine, so any existing file satisfies the check.
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['--no-install', 'prisma', 'generate', '--no-hints'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
process.exit(result.status ?? 1);
