import { inspectBlocker } from './inspection';

describe('who may inspect an invoice', () => {
  it('lets another person inspect a received invoice', () => {
    expect(inspectBlocker({ status: 'received', createdBy: 'procurement' }, 'procurement2')).toBe(
      undefined,
    );
  });
  it('never the person who registered it, nor twice', () => {
    expect(inspectBlocker({ status: 'received', createdBy: 'procurement' }, 'procurement')).toBe(
      'registrant',
    );
    expect(inspectBlocker({ status: 'inspected', createdBy: 'x' }, 'procurement')).toBe(
      'not-received',
    );
  });
});
