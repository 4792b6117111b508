import { japanToday } from '@denpyo/jp';
import { renderRemittanceNotice } from '@denpyo/pdf';
import {
  currentUser,
  forbidden,
  hasRole,
  notFound,
  parseOr400,
  requireRole,
  STAFF_ROLES,
} from '@denpyo/platform';
import { IdParamsSchema, PaymentListQuerySchema, type Remittance } from '@denpyo/schemas';
import { Router } from 'express';
import { remittanceNotice } from '../domain/documents';
import { remittanceRefusal } from '../domain/transfer-batch';
import { findPayment, listPayments, payeeAccounts } from '../db/payments';
import { findBatch } from '../db/transfer-batches';
import { findVendor } from '../db/vendors';
import { throwIfRefused, type HttpContext } from './context';

export function paymentsRouter({ prisma, runtime }: HttpContext): Router {
  const router = Router();

  router.get('/payments', requireRole(...STAFF_ROLES), async (req, res) => {
    const query = parseOr400(PaymentListQuerySchema, req.query, 'query');
    res.json(await listPayments(prisma, query));
  });

  // 振込情報開示: a vendor sees its own payments and nothing else.
  router.get('/vendor/remittances', requireRole('vendor'), async (req, res) => {
    const { vendorId } = currentUser(req);
    if (!vendorId) throw forbidden('This vendor login is not bound to a vendor');
    const payments = await listPayments(prisma, { vendorId });
    res.json(
      payments.map((payment): Remittance => ({
        paymentId: payment.id,
        invoiceNumber: payment.invoiceNumber,
        amount: payment.amount,
        status: payment.status,
        ...(payment.transferDate ? { transferDate: payment.transferDate } : {}),
      })),
    );
  });

  router.get(
    '/payments/:id/remittance-notice.pdf',
    requireRole('accountant', 'vendor'),
    async (req, res) => {
      const user = currentUser(req);
      const { id } = parseOr400(IdParamsSchema, req.params, 'path');
      const payment = await findPayment(prisma, id);
      if (!payment) throw notFound('Payment');
      if (!hasRole(user, ['accountant']) && user.vendorId !== payment.vendorId) {
        throw forbidden('This payment belongs to another vendor');
      }
      const batch = payment.batchId ? await findBatch(prisma, payment.batchId) : undefined;
      throwIfRefused(remittanceRefusal(payment, batch));
      const [vendor, accounts] = await Promise.all([
        findVendor(prisma, payment.vendorId),
        payeeAccounts(prisma, [payment.id]),
      ]);
      const bankAccount = accounts.get(payment.id);
      if (!batch || !vendor || !bankAccount) throw notFound('The payee of this payment');
      const pdf = await renderRemittanceNotice(
        remittanceNotice({
          city: runtime.env.CITY_NAME,
          date: japanToday(),
          transferDate: batch.transferDate,
          item: {
            paymentId: payment.id,
            invoiceNumber: payment.invoiceNumber,
            amount: payment.amount,
          },
          payee: { name: vendor.name, registrationNumber: vendor.registrationNumber, bankAccount },
        }),
      );
      res.type('application/pdf').send(pdf);
    },
  );

  return router;
}
