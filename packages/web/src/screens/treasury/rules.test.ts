import {
  approveBlock,
  closableFrom,
  closeBlock,
  confirmBlock,
  daysLate,
  defaultLedgerMonth,
  lateFor,
  settleBlock,
  shiftYearMonth,
  signerLabel,
} from './rules';

const suzuki = { username: 'accountant', displayName: '鈴木 一郎', title: '会計課主任' };

describe('signers', () => {
  it('shows a person by name and title; the username only when no signature was recorded', () => {
    expect(signerLabel('accountant', suzuki)).toBe('鈴木 一郎（会計課主任）');
    expect(signerLabel('accountant', { ...suzuki, title: '' })).toBe('鈴木 一郎');
    expect(signerLabel('accountant')).toBe('accountant');
    expect(signerLabel(undefined)).toBe('—');
  });
});

describe('confirming a payment order', () => {
  it('is refused to the one who ordered it', () => {
    expect(confirmBlock({ status: 'scheduled', orderedBy: 'accountant' }, 'accountant')).toBe(
      'own-order',
    );
    expect(confirmBlock({ status: 'scheduled', orderedBy: 'treasurer' }, 'treasurer')).toBe(
      'own-order',
    );
  });
  it('is open to another treasurer while the order is scheduled', () => {
    expect(
      confirmBlock({ status: 'scheduled', orderedBy: 'accountant' }, 'treasurer'),
    ).toBeUndefined();
    expect(confirmBlock({ status: 'confirmed', orderedBy: 'accountant' }, 'treasurer')).toBe(
      'not-scheduled',
    );
  });
});

describe('settling a batch', () => {
  const batch = { status: 'approved', transferDate: '2027-06-10' };
  it('waits for the transfer date', () => {
    expect(settleBlock(batch, '2027-06-09')).toBe('before-transfer-date');
    expect(settleBlock(batch, '2027-06-10')).toBeUndefined();
    expect(settleBlock(batch, '2027-06-11')).toBeUndefined();
  });
  it('needs an approved batch', () => {
    expect(settleBlock({ ...batch, status: 'draft' }, '2027-06-10')).toBe('not-approved');
    expect(settleBlock({ ...batch, status: 'settled' }, '2027-06-10')).toBe('not-approved');
  });
});

describe('approving a batch', () => {
  it('is for a treasurer other than its creator', () => {
    const batch = { status: 'draft', createdBy: 'treasurer' };
    expect(approveBlock(batch, 'treasurer')).toBe('own-batch');
    expect(approveBlock(batch, 'treasurer2')).toBeUndefined();
    expect(approveBlock({ ...batch, status: 'approved' }, 'treasurer2')).toBe('not-draft');
  });
});

describe('late payments', () => {
  const payments = [
    { id: 'a', dueDate: '2027-06-30' },
    { id: 'b', dueDate: '2027-06-08' },
    { id: 'c', dueDate: '2027-06-10' },
  ];
  it('are those due before the transfer date, earliest first', () => {
    expect(lateFor(payments, '2027-06-10').map((p) => p.id)).toEqual(['b']);
    expect(lateFor(payments, '2027-06-11').map((p) => p.id)).toEqual(['b', 'c']);
    expect(lateFor(payments, '2027-06-08')).toEqual([]);
  });
  it('count the days from the day after the due date to the transfer date', () => {
    // The vector: 22 days late.
    expect(daysLate('2027-01-06', '2027-01-28')).toBe(22);
    expect(daysLate('2027-03-31', '2027-04-01')).toBe(1);
    expect(daysLate('2027-04-01', '2027-04-01')).toBe(0);
    expect(daysLate('2027-04-02', '2027-04-01')).toBe(0);
  });
});

describe('closing a fiscal year (出納閉鎖)', () => {
  it('is possible from June 1 of the next year', () => {
    expect(closableFrom(2026)).toBe('2027-06-01');
    expect(closeBlock({ fiscalYear: 2026, closed: false }, '2027-05-31')).toBe('closing-period');
    expect(closeBlock({ fiscalYear: 2026, closed: false }, '2027-06-01')).toBeUndefined();
    expect(closeBlock({ fiscalYear: 2026, closed: true }, '2027-06-01')).toBe('closed');
  });
});

describe('months', () => {
  it('step across year ends', () => {
    expect(shiftYearMonth('2027-01', -1)).toBe('2026-12');
    expect(shiftYearMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftYearMonth('2027-06', 0)).toBe('2027-06');
  });
});

describe('the withholding ledger month to open', () => {
  it('is last month until the 10th (the tax is due then), this month afterwards', () => {
    expect(defaultLedgerMonth('2027-06-10')).toBe('2027-05');
    expect(defaultLedgerMonth('2027-06-11')).toBe('2027-06');
    expect(defaultLedgerMonth('2027-01-05')).toBe('2026-12');
  });
});
