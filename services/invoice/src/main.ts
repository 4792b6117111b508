import { runService } from '@denpyo/platform';
import { invoiceService } from './service';

runService(invoiceService).catch((error: unknown) => {
  process.stderr.write(`invoice service failed to start: ${String(error)}\n`);
  process.exit(1);
});
