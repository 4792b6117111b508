import { decideChangeDecision, decideChangeRequest } from '../src/domain/bank-account-change';
import type { Rank } from '@denpyo/schemas';
import {
  contractRules,
  contractSettingsSchema,
  DEFAULT_TRANSFER_APPROVER_RANK,
} from '../src/config';
import { checkTransfer, decideTransferDecision, mokuOf } from '../src/domain/budget-transfer';

describe('checkTransfer (流用, 地方自治法 Art. 220(2))', () => {
  const request = { fiscalYear: 2026, fromCode: '01.02.03.04', toCode: '01.02.03.07', amount: 100 };
  const lines = { from: { available: 100 }, to: { available: 0 } };

  it('moves between 節 of the same 款.項.目 within what is available', () => {
    expect(mokuOf('01.02.03.04')).toBe('01.02.03');
    expect(checkTransfer(request, lines)).toEqual({ ok: true, value: undefined });
  });

  it('refuses another 目, the same 節, more than available, and unknown lines', () => {
    expect(checkTransfer({ ...request, toCode: '01.02.04.04' }, lines)).toMatchObject({
      ok: false,
      refusal: { errors: [{ path: 'toCode', message: expect.stringMatching(/01\.02\.03/) }] },
    });
    expect(checkTransfer({ ...request, toCode: request.fromCode }, lines)).toMatchObject({
      ok: false,
      refusal: { errors: [{ path: 'toCode' }] },
    });
    expect(checkTransfer({ ...request, amount: 101 }, lines)).toMatchObject({
      ok: false,
      refusal: {
        errors: [{ path: 'amount', message: '¥101 exceeds the ¥100 available on 01.02.03.04' }],
      },
    });
    expect(checkTransfer(request, {})).toMatchObject({
      ok: false,
      refusal: { errors: [{ path: 'fromCode' }, { path: 'toCode' }] },
    });
  });

  it('is decided by the configured rank or above (課長 by default), never by its requester', () => {
    const transfer = { status: 'requested' as const, requestedBy: 'acc' };
    const decide = (signer: { username: string; rank?: Rank }, required: Rank = 'kacho') =>
      decideTransferDecision(transfer, signer, required);
    expect(DEFAULT_TRANSFER_APPROVER_RANK).toBe('kacho');
    expect(decide({ username: 'boss', rank: 'kacho' }).ok).toBe(true);
    expect(decide({ username: 'boss', rank: 'kakaricho' })).toMatchObject({
      ok: false,
      refusal: {
        code: 'forbidden',
        message: 'A budget transfer is decided by a 課長 (kacho) or above',
      },
    });
    expect(decide({ username: 'boss' })).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden' },
    });
    expect(decide({ username: 'acc', rank: 'shicho' })).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden' },
    });
    expect(decide({ username: 'boss', rank: 'kacho' }, 'bucho')).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden', message: expect.stringContaining('部長 (bucho)') },
    });
    expect(decide({ username: 'boss', rank: 'fukushicho' }, 'bucho').ok).toBe(true);
    expect(
      decideTransferDecision(
        { ...transfer, status: 'approved' },
        { username: 'boss', rank: 'kacho' },
        'kacho',
      ),
    ).toMatchObject({ ok: false, refusal: { code: 'conflict' } });
  });

  it('reads TRANSFER_APPROVER_RANK from the environment, or leaves the default', () => {
    expect(contractRules(contractSettingsSchema.parse({})).transferApproverRank).toBe('kacho');
    expect(
      contractRules(contractSettingsSchema.parse({ TRANSFER_APPROVER_RANK: 'bucho' }))
        .transferApproverRank,
    ).toBe('bucho');
    expect(contractSettingsSchema.safeParse({ TRANSFER_APPROVER_RANK: 'boss' }).success).toBe(
      false,
    );
  });
});

describe('bank account changes under four eyes', () => {
  it('allows one pending change per vendor', () => {
    expect(decideChangeRequest(false).ok).toBe(true);
    expect(decideChangeRequest(true)).toMatchObject({ ok: false, refusal: { code: 'conflict' } });
  });

  it('is decided by someone other than its requester, once', () => {
    const change = { status: 'requested' as const, requestedBy: 'p1' };
    expect(decideChangeDecision(change, 'p2').ok).toBe(true);
    expect(decideChangeDecision(change, 'p1')).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden' },
    });
    expect(decideChangeDecision({ ...change, status: 'rejected' }, 'p2')).toMatchObject({
      ok: false,
      refusal: { code: 'conflict' },
    });
  });
});
