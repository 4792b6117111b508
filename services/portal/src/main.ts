// Composition root of the portal process: fail-fast config, start, stop gracefully on signals.
import { loadConfigOrExit, runUntilSignalled } from '@denpyo/platform';
import { portalEnvSchema } from './config';
import { startPortal } from './service';

const env = loadConfigOrExit(portalEnvSchema);
void runUntilSignalled('portal', () => startPortal(env));
