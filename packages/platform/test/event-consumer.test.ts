import { buildEvent, eventConsumer } from '../src/events/domain-events';
import { PermanentError, RefusedEvent } from '../src/events/consumer';
import { ok, refuse } from '../src/application/outcome';

// The dispatch of one consumer group: one use case per event type, and a refusal goes to the
// dead letters with its reason instead of being acknowledged as if it had been applied.
describe('eventConsumer', () => {
  const event = buildEvent(
    'ContractRejected',
    '00000000-0000-4000-8000-000000000001',
    { contractId: '00000000-0000-4000-8000-000000000001', reason: '予算超過' },
    { actor: 'approver', correlationId: 'c-1' },
  );
  const message = (value: string) => ({ topic: 't', partition: 0, offset: '0', key: 'k', value });

  it('hands each event to the use case of its type and skips other types', async () => {
    const seen: string[] = [];
    const consumer = eventConsumer('g', ['t'], {
      ContractRejected: async (e) => {
        seen.push(e.payload.reason);
        return ok(undefined);
      },
    });
    await consumer.handle(message(JSON.stringify(event)));
    await eventConsumer('g', ['t'], {}).handle(message(JSON.stringify(event)));
    expect(seen).toEqual(['予算超過']);
  });

  it('turns a refusal into a permanent failure naming the event and the reason', async () => {
    const consumer = eventConsumer('g', ['t'], {
      ContractRejected: async () => refuse('unprocessable', 'no such contract here'),
    });
    const handling = consumer.handle(message(JSON.stringify(event)));
    await expect(handling).rejects.toBeInstanceOf(PermanentError);
    await expect(handling).rejects.toThrow(/ContractRejected .* refused: no such contract here/);
    // Typed, so its dead letter names the refusal's code and reason (consumer.ts).
    await expect(handling).rejects.toBeInstanceOf(RefusedEvent);
    await expect(handling).rejects.toMatchObject({ code: 'unprocessable' });
  });

  it('refuses an unreadable message as permanent', async () => {
    await expect(eventConsumer('g', ['t'], {}).handle(message('{'))).rejects.toBeInstanceOf(
      PermanentError,
    );
  });
});
