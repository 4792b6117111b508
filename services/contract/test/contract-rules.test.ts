import fc from 'fast-check';
import {
  checkContractParties,
  contractDocumentNumber,
  decideApproval,
  decideReject,
  decideSubmit,
  type ContractState,
} from '../src/domain/contract';

const submitted = (amount: number, approvers: string[] = []): ContractState => ({
  status: 'submitted',
  amount,
  createdBy: 'alice',
  submittedBy: 'bob',
  approvers,
});

describe('decideApproval', () => {
  it('completes a contract under ¥1,000,000 with one approval', () => {
    expect(decideApproval(submitted(999_999), 'carol')).toEqual({
      ok: true,
      value: { step: 1, required: 1, completesRoute: true },
    });
  });

  it('needs a second, different approver from ¥1,000,000', () => {
    expect(decideApproval(submitted(1_000_000), 'carol')).toEqual({
      ok: true,
      value: { step: 1, required: 2, completesRoute: false },
    });
    expect(decideApproval(submitted(1_000_000, ['carol']), 'dave')).toEqual({
      ok: true,
      value: { step: 2, required: 2, completesRoute: true },
    });
    expect(decideApproval(submitted(1_000_000, ['carol']), 'carol')).toMatchObject({
      ok: false,
      refusal: { code: 'conflict' },
    });
  });

  it('forbids the creator and the submitter whatever the state', () => {
    const statuses = fc.constantFrom('draft', 'submitted', 'approved', 'rejected' as const);
    fc.assert(
      fc.property(
        statuses,
        fc.constantFrom('alice', 'bob'),
        fc.integer({ min: 1 }),
        (status, who, amount) => {
          const decision = decideApproval({ ...submitted(amount), status }, who);
          expect(decision).toMatchObject({ ok: false, refusal: { code: 'forbidden' } });
        },
      ),
    );
  });

  it('refuses approval unless the contract is submitted', () => {
    for (const status of ['draft', 'approved', 'rejected'] as const) {
      expect(decideApproval({ ...submitted(10), status }, 'carol')).toMatchObject({
        ok: false,
        refusal: { code: 'conflict' },
      });
    }
  });
});

describe('decideSubmit and decideReject', () => {
  it('submits only drafts and rejects only submitted contracts', () => {
    expect(decideSubmit('draft')).toEqual({ ok: true, value: 'submitted' });
    expect(decideSubmit('submitted')).toMatchObject({ ok: false, refusal: { code: 'conflict' } });
    expect(decideReject('submitted')).toEqual({ ok: true, value: 'rejected' });
    expect(decideReject('approved')).toMatchObject({ ok: false, refusal: { code: 'conflict' } });
  });
});

describe('checkContractParties', () => {
  it('names the unknown vendor and budget line', () => {
    expect(checkContractParties({ vendor: true, budget: true }, 2026)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(checkContractParties({ vendor: false, budget: false }, 2026)).toMatchObject({
      ok: false,
      refusal: {
        code: 'unprocessable',
        errors: [
          { path: 'vendorId' },
          { path: 'budgetCode', message: 'no budget line with this code in fiscal year 2026' },
        ],
      },
    });
  });
});

describe('contractDocumentNumber', () => {
  it('pads the sequence to six digits under the fiscal year', () => {
    expect(contractDocumentNumber(2026, 123)).toBe('CT-2026-000123');
  });
});
