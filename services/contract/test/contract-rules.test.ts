import fc from 'fast-check';
import { RANKS, type Rank } from '@denpyo/schemas';
import {
  checkAmendment,
  checkContractParties,
  contractDocumentNumber,
  decideApproval,
  decideCancel,
  decideComplete,
  decideEdit,
  decideReject,
  decideSubmit,
  type ContractState,
} from '../src/domain/contract';

const submitted = (route: Rank[], approvers: string[] = []): ContractState => ({
  status: 'submitted',
  createdBy: 'alice',
  submittedBy: 'bob',
  route,
  approvers,
});
const signer = (username: string, rank?: Rank) => ({ username, ...(rank ? { rank } : {}) });

describe('decideApproval', () => {
  it('completes a one-step route with one approval of that rank', () => {
    expect(decideApproval(submitted(['kacho']), signer('carol', 'kacho'))).toEqual({
      ok: true,
      value: { step: 1, required: 'kacho', completesRoute: true },
    });
  });

  it('walks the route in order, each step by a different signer of at least its rank', () => {
    const route: Rank[] = ['kacho', 'bucho', 'fukushicho'];
    expect(decideApproval(submitted(route), signer('carol', 'kacho'))).toMatchObject({
      ok: true,
      value: { step: 1, completesRoute: false },
    });
    expect(decideApproval(submitted(route, ['carol']), signer('dave', 'bucho'))).toMatchObject({
      ok: true,
      value: { step: 2, required: 'bucho', completesRoute: false },
    });
    expect(
      decideApproval(submitted(route, ['carol', 'dave']), signer('erin', 'fukushicho')),
    ).toMatchObject({ ok: true, value: { step: 3, completesRoute: true } });
    expect(decideApproval(submitted(route, ['carol']), signer('carol', 'bucho'))).toMatchObject({
      ok: false,
      refusal: { code: 'conflict' },
    });
  });

  it('lets a higher rank sign for a lower one, never the reverse', () => {
    expect(decideApproval(submitted(['kacho', 'bucho']), signer('frank', 'shicho'))).toMatchObject({
      ok: true,
      value: { step: 1 },
    });
    expect(
      decideApproval(submitted(['kacho', 'bucho'], ['carol']), signer('gina', 'kacho')),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden', message: expect.stringMatching(/部長 \(bucho\) or above/) },
    });
    expect(decideApproval(submitted(['kacho']), signer('hank', 'kakaricho'))).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden' },
    });
  });

  it('refuses an approver without a rank', () => {
    expect(decideApproval(submitted(['kacho']), signer('ivan'))).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden', message: expect.stringMatching(/no approver rank/) },
    });
  });

  it('forbids the creator and the submitter whatever the state and rank', () => {
    const statuses = fc.constantFrom(
      'draft',
      'submitted',
      'approved',
      'rejected',
      'completed',
      'cancelled' as const,
    );
    fc.assert(
      fc.property(
        statuses,
        fc.constantFrom('alice', 'bob'),
        fc.constantFrom(...RANKS),
        (status, who, rank) => {
          const decision = decideApproval({ ...submitted(['kacho']), status }, signer(who, rank));
          expect(decision).toMatchObject({ ok: false, refusal: { code: 'forbidden' } });
        },
      ),
    );
  });

  it('refuses approval unless the contract is submitted', () => {
    for (const status of ['draft', 'approved', 'rejected', 'completed', 'cancelled'] as const) {
      expect(
        decideApproval({ ...submitted(['kacho']), status }, signer('carol', 'shicho')),
      ).toMatchObject({ ok: false, refusal: { code: 'conflict' } });
    }
  });
});

describe('decideComplete and decideCancel', () => {
  it('completes an approved contract releasing amount − invoiced', () => {
    expect(
      decideComplete({ status: 'approved', amount: 1_000_000, invoicedAmount: 300_000 }),
    ).toEqual({ ok: true, value: 700_000 });
    expect(
      decideComplete({ status: 'submitted', amount: 1_000_000, invoicedAmount: 0 }),
    ).toMatchObject({ ok: false, refusal: { code: 'conflict' } });
  });

  it('cancels a draft, submitted or approved contract with nothing invoiced', () => {
    for (const status of ['draft', 'submitted', 'approved'] as const) {
      expect(decideCancel({ status, invoicedAmount: 0 })).toEqual({ ok: true, value: undefined });
    }
    expect(decideCancel({ status: 'approved', invoicedAmount: 1 })).toMatchObject({
      ok: false,
      refusal: { code: 'conflict', message: expect.stringMatching(/complete it/) },
    });
    for (const status of ['rejected', 'completed', 'cancelled'] as const) {
      expect(decideCancel({ status, invoicedAmount: 0 })).toMatchObject({ ok: false });
    }
  });
});

describe('checkAmendment', () => {
  it('amends an approved contract, one amendment at a time, never below what is invoiced', () => {
    const approved = { status: 'approved' as const, invoicedAmount: 400_000 };
    expect(checkAmendment(approved, { amount: 400_000, openAmendment: false })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(checkAmendment(approved, { amount: 399_999, openAmendment: false })).toMatchObject({
      ok: false,
      refusal: { code: 'unprocessable', errors: [{ path: 'amount' }] },
    });
    expect(checkAmendment(approved, { amount: 500_000, openAmendment: true })).toMatchObject({
      ok: false,
      refusal: { code: 'conflict' },
    });
    expect(
      checkAmendment(
        { ...approved, status: 'completed' },
        { amount: 500_000, openAmendment: false },
      ),
    ).toMatchObject({ ok: false, refusal: { code: 'conflict' } });
  });
});

describe('decideEdit', () => {
  it('edits only drafts', () => {
    expect(decideEdit('draft')).toEqual({ ok: true, value: undefined });
    expect(decideEdit('submitted')).toMatchObject({ ok: false, refusal: { code: 'conflict' } });
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
