import fc from 'fast-check';
import { resolveUpstream } from '../src/domain/routes';

describe('resolveUpstream', () => {
  it.each([
    ['/api/vendors', 'contract', '/api/vendors'],
    ['/api/vendors/7f1c/portal-users', 'contract', '/api/vendors/7f1c/portal-users'],
    ['/api/budgets/2026/01.02.03.04', 'contract', '/api/budgets/2026/01.02.03.04'],
    [
      '/api/contracts?status=approved&minAmount=5',
      'contract',
      '/api/contracts?status=approved&minAmount=5',
    ],
    ['/api/invoices/abc/voucher.pdf', 'invoice', '/api/invoices/abc/voucher.pdf'],
    ['/api/payments?status=scheduled', 'payment', '/api/payments?status=scheduled'],
    ['/api/transfer-batches/x/zengin', 'payment', '/api/transfer-batches/x/zengin'],
    ['/api/vendor/remittances', 'payment', '/api/vendor/remittances'],
    ['/api/audit/contract?from=2026-04-01', 'contract', '/api/audit?from=2026-04-01'],
    ['/api/audit/invoice', 'invoice', '/api/audit'],
    ['/api/audit/payment?minAmount=1', 'payment', '/api/audit?minAmount=1'],
  ])('%s → %s %s', (url, service, upstreamUrl) => {
    expect(resolveUpstream(url)).toEqual({ service, url: upstreamUrl });
  });

  it.each([
    '/api',
    '/api/',
    '/api/unknown',
    '/api/vendorsx',
    '/api/audit',
    '/api/audit/portal',
    '/api/audit?from=2026-04-01',
    '/api/constructor',
    '/api/__proto__',
    '/vendors',
    '/health',
    'api/vendors',
  ])('%s belongs to no service', (url) => {
    expect(resolveUpstream(url)).toBeUndefined();
  });

  it('keeps any path below an owned segment and its query string unchanged', () => {
    const segment = fc.stringMatching(/^[\w.-]{1,12}$/);
    fc.assert(
      fc.property(
        fc.constantFrom(
          'vendors',
          'budgets',
          'contracts',
          'invoices',
          'payments',
          'transfer-batches',
          'vendor',
        ),
        fc.array(segment, { maxLength: 4 }),
        fc.option(fc.stringMatching(/^[\w=&%.-]{0,20}$/), { nil: undefined }),
        (owned, rest, query) => {
          const url =
            ['', 'api', owned, ...rest].join('/') + (query === undefined ? '' : `?${query}`);
          expect(resolveUpstream(url)?.url).toBe(url);
        },
      ),
    );
  });
});
