import { runService } from '@denpyo/platform';
import { portalService } from './service';

void runService(portalService);
