import type { AuditEntry } from '@denpyo/schemas';
import {
  auditActionLabel,
  entityTypeLabel,
  looksLikeId,
  mergeEntries,
  snapshotLines,
} from './audit-words';

const entry = (patch: Partial<AuditEntry>): AuditEntry => ({
  id: '1',
  at: '2026-11-26T01:00:00.000Z',
  actor: 'approver',
  action: 'contract.approved',
  entityType: 'contract',
  entityId: 'c-1',
  before: null,
  after: null,
  ...patch,
});

describe('audit entries in words', () => {
  it('names the actions of every trail in Japanese', () => {
    expect(auditActionLabel(entry({}))).toBe('決裁完了（承認）');
    expect(auditActionLabel(entry({ action: 'transfer-batch.approved' }))).toBe('振込を承認');
    expect(auditActionLabel(entry({ action: 'payment.paid', entityType: 'payment' }))).toBe(
      '支払済',
    );
    expect(auditActionLabel(entry({ action: 'approve', entityType: 'invoice' }))).toBe('支出命令');
    expect(auditActionLabel(entry({ action: 'inspect', entityType: 'invoice' }))).toBe('検収');
  });

  it('shows an action it does not know as recorded', () => {
    expect(auditActionLabel(entry({ action: 'contract.renamed' }))).toBe('contract.renamed');
    expect(entityTypeLabel('transfer_batch')).toBe('振込');
    expect(entityTypeLabel('something')).toBe('something');
  });

  it('writes a snapshot as field: value lines', () => {
    expect(snapshotLines({ status: 'approved', amount: 3300000, tags: ['a'] })).toEqual([
      'status: approved',
      'amount: 3300000',
      'tags: ["a"]',
    ]);
    expect(snapshotLines(null)).toEqual([]);
  });

  it('merges trails into one timeline, oldest first, without duplicates', () => {
    const a = entry({ id: '2', at: '2026-11-26T03:00:00.000Z' });
    const b = entry({ id: '1', at: '2026-11-26T01:00:00.000Z', entityType: 'invoice' });
    const c = entry({ id: '7', at: '2026-11-26T02:00:00.000Z', entityType: 'payment' });
    expect(
      mergeEntries([
        [a, b],
        [c, a],
      ]).map((e) => e.id),
    ).toEqual(['1', '7', '2']);
  });

  it('tells an id from a document number', () => {
    expect(looksLikeId('3f2b7c1e-8a4d-4e6f-9b0a-1c2d3e4f5a6b')).toBe(true);
    expect(looksLikeId('CT-2026-000012')).toBe(false);
  });
});
