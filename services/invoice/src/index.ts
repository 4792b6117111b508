export { invoiceService } from './service';
