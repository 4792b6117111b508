import {
  documentVerification,
  DocumentVerificationSchema,
  parseRemittanceNoticeId,
  remittanceNoticeId,
  VerificationHashSchema,
  VerificationQuerySchema,
  verificationUrl,
} from '../src';

const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const ID = '3f2a9c1e-8d4b-4e6f-9a1b-2c3d4e5f6a7b';

describe('VerificationHashSchema', () => {
  it('forgives what copying from paper adds: blanks, line breaks, upper case', () => {
    const typed = ` ${HASH.slice(0, 32).toUpperCase()}\n${HASH.slice(32, 48)} ${HASH.slice(48)} `;
    expect(VerificationHashSchema.parse(typed)).toBe(HASH);
  });

  it('refuses anything but 64 hex digits', () => {
    for (const bad of ['', HASH.slice(1), `${HASH}0`, HASH.replace('9', 'g'), `sha256:${HASH}`]) {
      expect(VerificationHashSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('is optional in the query, and nothing else is accepted there', () => {
    expect(VerificationQuerySchema.parse({})).toEqual({});
    expect(VerificationQuerySchema.safeParse({ hash: HASH, h: HASH }).success).toBe(false);
  });
});

describe('verificationUrl', () => {
  it('is the portal page of the document with the hash, whatever the base ends with', () => {
    const expected = `https://denpyo.city.example.jp/verify/contract/${ID}?h=${HASH}`;
    for (const base of ['https://denpyo.city.example.jp', 'https://denpyo.city.example.jp/']) {
      expect(verificationUrl(base, { kind: 'contract', id: ID, hash: HASH })).toBe(expected);
    }
  });

  it('keeps a base path (the portal behind a reverse proxy)', () => {
    expect(
      verificationUrl('https://city.example.jp/denpyo', {
        kind: 'payment-order',
        id: ID,
        hash: HASH,
      }),
    ).toBe(`https://city.example.jp/denpyo/verify/payment-order/${ID}?h=${HASH}`);
  });
});

describe('documentVerification', () => {
  const record = {
    documentKind: 'contract' as const,
    documentNumber: '契-2026-0001',
    title: '庁舎清掃業務委託',
    issuedOn: '2026-09-01',
    amount: 1_320_000,
    counterparty: '株式会社清掃サービス',
    hash: HASH,
  };

  it('says whether the claimed hash is the record’s, and nothing when none was claimed', () => {
    expect(documentVerification(record, HASH)).toEqual({ ...record, matches: true });
    expect(documentVerification(record, HASH.replace('9f', '00'))).toEqual({
      ...record,
      matches: false,
    });
    expect(documentVerification(record, undefined)).toEqual(record);
  });
});

describe('remittance notice ids', () => {
  const VENDOR = '7b6a5f4e-3d2c-4b1a-9e8d-7c6b5a4f3e2d';

  it('name the batch and the vendor, and survive the verification URL unchanged', () => {
    const id = remittanceNoticeId({ batchId: ID, vendorId: VENDOR });
    const url = new URL(
      verificationUrl('https://city.example.jp', { kind: 'remittance-notice', id, hash: HASH }),
    );
    expect(url.pathname).toBe(`/verify/remittance-notice/${ID}~${VENDOR}`);
    const named = decodeURIComponent(url.pathname.split('/').at(-1) ?? '');
    expect(parseRemittanceNoticeId(named)).toEqual({ batchId: ID, vendorId: VENDOR });
  });

  it('are refused when they do not name exactly a batch and a vendor', () => {
    for (const bad of [ID, `${ID}~`, `~${VENDOR}`, `${ID}~${VENDOR}~${ID}`, '']) {
      expect(parseRemittanceNoticeId(bad)).toBeUndefined();
    }
  });
});

describe('DocumentVerificationSchema', () => {
  it("carries the record's key figures, the remittance's transfer date and account optional", () => {
    const base = {
      documentKind: 'remittance-notice',
      documentNumber: '振込-20261201-3F2A9C1E-7B6A5F4E',
      title: '株式会社照合',
      issuedOn: '2026-11-30',
      hash: HASH,
    };
    expect(DocumentVerificationSchema.safeParse(base).success).toBe(false);
    const figures = { ...base, amount: 218_000, counterparty: '株式会社照合' };
    expect(DocumentVerificationSchema.parse(figures)).toEqual(figures);
    const remittance = {
      ...figures,
      transferDate: '2026-12-01',
      bankAccount: {
        bankName: '横浜銀行',
        branchName: '関内支店',
        type: '普通',
        number: '1234567',
        holderKana: 'ｶ)ｼｮｳｺﾞｳ',
      },
    };
    expect(DocumentVerificationSchema.parse(remittance)).toEqual(remittance);
  });
});
