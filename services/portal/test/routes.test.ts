import fc from 'fast-check';
import { API_OPERATIONS, operationsOf } from '@denpyo/schemas';
import { UPSTREAM_SERVICES, upstreamOf } from '../src/domain/routes';

/** A declared path with each `{param}` filled in. */
const fill = (path: string, value: (name: string) => string) =>
  path.replace(/\{(\w+)\}/g, (_match, name: string) => value(name));

const OWNED = UPSTREAM_SERVICES.flatMap((service) =>
  operationsOf(service).map((operation) => [operation.operationId, operation, service] as const),
);

describe('upstreamOf', () => {
  it('knows operations of every service behind the portal', () => {
    for (const service of UPSTREAM_SERVICES)
      expect(operationsOf(service).length).toBeGreaterThan(0);
  });

  it.each(OWNED)('%s resolves to its owner', (_operationId, operation, service) => {
    expect(
      upstreamOf(
        operation.method.toUpperCase(),
        fill(operation.path, () => 'x1'),
      ),
    ).toBe(service);
  });

  it('matches any one segment for a {param}', () => {
    const segment = fc.stringMatching(/^[\w.~%-]{1,16}$/);
    fc.assert(
      fc.property(fc.constantFrom(...OWNED), segment, ([, operation, service], value) => {
        expect(
          upstreamOf(
            operation.method,
            fill(operation.path, () => value),
          ),
        ).toBe(service);
      }),
    );
  });

  it.each([
    ['GET', '/api/vendors/7f1c', 'contract'],
    ['GET', '/api/vendor/remittances', 'payment'],
    ['GET', '/api/audit/contract', 'contract'],
    ['GET', '/api/audit/invoice', 'invoice'],
    ['GET', '/api/audit/payment', 'payment'],
  ])('%s %s → %s', (method, path, service) => {
    expect(upstreamOf(method, path)).toBe(service);
  });

  it('never mixes /api/vendor/… (payment) and /api/vendors/… (contract)', () => {
    expect(upstreamOf('GET', '/api/vendors/remittances')).toBe('contract'); // a vendor id
    expect(upstreamOf('GET', '/api/vendor/7f1c')).toBeUndefined();
    expect(upstreamOf('POST', '/api/vendor')).toBeUndefined();
    expect(upstreamOf('GET', '/api/vendorsx/7f1c')).toBeUndefined();
  });

  it('leaves the portal its own operations and those of every process', () => {
    const own = Object.values(API_OPERATIONS).filter(
      (operation) => operation.owner === 'portal' || operation.owner === 'every',
    );
    for (const operation of own) {
      expect(
        upstreamOf(
          operation.method,
          fill(operation.path, () => 'x1'),
        ),
      ).toBeUndefined();
    }
  });

  it.each([
    ['GET', '/api'],
    ['GET', '/api/'],
    ['GET', '/api/unknown'],
    ['GET', '/api/audit'],
    ['GET', '/api/audit/portal'],
    ['GET', '/api/audit/elsewhere'],
    ['GET', '/api/constructor'],
    ['GET', '/api/__proto__'],
    ['GET', '/vendors'],
    ['GET', 'api/vendors'],
    ['GET', '/api/vendors/'], // an empty segment is no id
    ['GET', '/api/vendors//portal-users'],
    ['GET', '/api/contracts/1/unknown'],
    ['GET', '/api/invoices/1/voucher.pdf/more'],
    ['GET', '/API/VENDORS'],
  ])('%s %s belongs to no service', (method, path) => {
    expect(upstreamOf(method, path)).toBeUndefined();
  });

  it.each([
    ['DELETE', '/api/vendors/1'],
    ['PUT', '/api/contracts/1'],
    ['POST', '/api/vendors/1'],
    ['GET', '/api/contracts/1/approve'],
    ['GET', '/api/transfer-batches/1/settle'],
    ['POST', '/api/invoices/1/voucher.pdf'],
    ['HEAD', '/api/invoices'],
  ])('%s %s: a declared path with another method belongs to no service', (method, path) => {
    expect(upstreamOf(method, path)).toBeUndefined();
  });
});
