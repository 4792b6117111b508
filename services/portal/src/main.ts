// Composition root of the portal process: fail-fast config, start, stop gracefully on signals.
import { loadConfigOrExit } from '@denpyo/platform';
import { portalEnvSchema } from './config';
import { startPortal } from './service';

async function main(): Promise<void> {
  const portal = await startPortal(loadConfigOrExit(portalEnvSchema));
  const shutdown = (signal: string) => {
    portal.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    portal.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        portal.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `portal failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
