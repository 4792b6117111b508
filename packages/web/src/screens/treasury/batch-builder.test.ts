import {
  MAX_FILE_TOTAL,
  MAX_TRANSFER_AMOUNT,
  batchRequest,
  deselectAll,
  emptySelection,
  paidLate,
  selectAll,
  selectionProblems,
  summarize,
  toggle,
  type BatchCandidate,
} from './batch-builder';

const p = (id: string, vendorId: string, amount: number, dueDate: string): BatchCandidate => ({
  id,
  vendorId,
  amount,
  dueDate,
});

const a1 = p('a1', 'vendor-a', 1_100_000, '2026-12-25');
const a2 = p('a2', 'vendor-a', 330_000, '2026-12-10');
const b1 = p('b1', 'vendor-b', 55_000, '2027-01-15');

describe('the transfer-batch builder', () => {
  it('starts empty: no count, no total, and says a batch needs a payment', () => {
    expect(summarize(emptySelection)).toEqual({ count: 0, total: 0, vendors: [] });
    expect(selectionProblems(emptySelection)).toEqual([{ kind: 'empty' }]);
  });

  it('keeps a running count and total as payments are ticked and unticked', () => {
    let selection = toggle(emptySelection, a1);
    selection = toggle(selection, b1);
    expect(summarize(selection)).toMatchObject({ count: 2, total: 1_155_000 });
    selection = toggle(selection, a1);
    expect(summarize(selection)).toMatchObject({ count: 1, total: 55_000 });
    expect(selectionProblems(selection)).toEqual([]);
  });

  it('does not mutate the selection it was given', () => {
    const before = toggle(emptySelection, a1);
    toggle(before, a2);
    expect(before.size).toBe(1);
  });

  it('selects a whole page (or every match) once, and deselects it again', () => {
    let selection = selectAll(toggle(emptySelection, a1), [a1, a2, b1]);
    expect(summarize(selection)).toMatchObject({ count: 3, total: 1_485_000 });
    expect([...selection.keys()]).toEqual(expect.arrayContaining([a1.id, a2.id, b1.id]));
    selection = deselectAll(selection, [a1, a2]);
    expect([...selection.keys()]).toEqual([b1.id]);
    expect(summarize(selection)).toMatchObject({ count: 1, total: 55_000 });
  });

  it('keeps the selection while other pages are shown (totals count every page)', () => {
    const page1 = [a1, a2];
    const page2 = [b1];
    const selection = selectAll(selectAll(emptySelection, page1), page2);
    expect(summarize(selection).total).toBe(1_485_000);
  });

  it('subtotals by vendor, largest first, and finds the earliest due date', () => {
    const summary = summarize(selectAll(emptySelection, [a1, a2, b1]));
    expect(summary.earliestDueDate).toBe('2026-12-10');
    expect(summary.vendors).toEqual([
      { vendorId: 'vendor-a', count: 2, total: 1_430_000 },
      { vendorId: 'vendor-b', count: 1, total: 55_000 },
    ]);
  });

  it('names the payments a transfer date would pay after their due date', () => {
    const selection = selectAll(emptySelection, [a1, a2, b1]);
    expect(paidLate(selection, '2026-12-10')).toEqual([]);
    expect(paidLate(selection, '2026-12-11').map((x) => x.id)).toEqual(['a2']);
    expect(paidLate(selection, '2027-01-04').map((x) => x.id)).toEqual(['a2', 'a1']);
  });

  it('refuses amounts one Zengin transfer or file cannot carry', () => {
    const huge = p('h', 'vendor-c', MAX_TRANSFER_AMOUNT + 1, '2026-12-01');
    expect(selectionProblems(toggle(emptySelection, huge))).toEqual([
      { kind: 'transfer-too-large', paymentId: 'h', limit: MAX_TRANSFER_AMOUNT },
    ]);
    const many = Array.from({ length: 101 }, (_, i) =>
      p(`m${i}`, 'vendor-d', MAX_TRANSFER_AMOUNT, '2026-12-01'),
    );
    expect(selectionProblems(selectAll(emptySelection, many))).toEqual([
      { kind: 'file-too-large', limit: MAX_FILE_TOTAL },
    ]);
  });

  it('sends the ids in due-date order with the chosen transfer date', () => {
    const selection = selectAll(emptySelection, [b1, a1, a2]);
    expect(batchRequest(selection, '2026-12-09')).toEqual({
      transferDate: '2026-12-09',
      paymentIds: ['a2', 'a1', 'b1'],
    });
  });

  it('adds yen exactly (integers, no floating-point drift) over many payments', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      p(`x${i}`, `v${i % 7}`, 123_457, '2026-12-01'),
    );
    const summary = summarize(selectAll(emptySelection, many));
    expect(summary).toMatchObject({ count: 10_000, total: 1_234_570_000 });
    expect(summary.vendors.reduce((sum, v) => sum + v.count, 0)).toBe(10_000);
  });
});
