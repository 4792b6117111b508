// 書類の照合: the page a voucher's QR code opens (`<PUBLIC_URL>/verify/<kind>/<id>?h=<hash>`,
// @denpyo/schemas verificationUrl; a remittance notice's id is `<batchId>~<vendorId>`). Signed-in users only; the API decides who may see which record.
import { DocumentKindSchema, parseRemittanceNoticeId } from '@denpyo/schemas';
import { createRoute, lazyRouteComponent, notFound } from '@tanstack/react-router';
import type { AnyRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes-base';
import { text } from '../../app/search';

export const verifyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/verify/$kind/$id',
  beforeLoad: ({ params }) => {
    if (!DocumentKindSchema.safeParse(params.kind).success) throw notFound();
    // A remittance notice is named by its batch and vendor (`<batchId>~<vendorId>`).
    if (params.kind === 'remittance-notice' && !parseRemittanceNoticeId(params.id)) {
      throw notFound();
    }
  },
  validateSearch: (raw: Record<string, unknown>): { h?: string } => {
    const h = text(raw.h);
    return h ? { h } : {};
  },
  component: lazyRouteComponent(() => import('./VerifyPage'), 'VerifyPage'),
});

export const verifyRoutes: AnyRoute[] = [verifyRoute];
