import { runService } from '@denpyo/platform';
import { contractService } from './service';

void runService(contractService);
