import { bankChangeBlocker, pendingChange } from './bank-change';

const change = (status: 'requested' | 'approved' | 'rejected', requester = 'procurement') => ({
  status,
  requestedBy: { username: requester, displayName: '契約 太郎', title: '契約課主任' },
});

describe('who may decide a bank account change', () => {
  it('lets another procurement or accounting person decide', () => {
    expect(
      bankChangeBlocker(change('requested'), { username: 'procurement2', roles: ['procurement'] }),
    ).toBeUndefined();
    expect(
      bankChangeBlocker(change('requested'), { username: 'accountant', roles: ['accountant'] }),
    ).toBeUndefined();
  });

  it('never the requester, nor another role, nor twice', () => {
    expect(
      bankChangeBlocker(change('requested'), { username: 'procurement', roles: ['procurement'] }),
    ).toBe('requester');
    expect(
      bankChangeBlocker(change('requested'), { username: 'treasurer', roles: ['treasurer'] }),
    ).toBe('role');
    expect(
      bankChangeBlocker(change('approved'), { username: 'accountant', roles: ['accountant'] }),
    ).toBe('decided');
  });

  it('finds the change waiting for a decision', () => {
    expect(pendingChange([change('rejected'), change('requested')])?.status).toBe('requested');
    expect(pendingChange([change('approved')])).toBeUndefined();
  });
});
