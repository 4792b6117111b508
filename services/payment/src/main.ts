import { runService } from '@denpyo/platform';
import { paymentService } from './service';

void runService(paymentService);
