import { runService } from '@denpyo/platform';
import { invoiceService } from './service';

void runService(invoiceService);
