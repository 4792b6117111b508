// Small pieces the payment and batch screens share: a payment's status (with the bank's reason
// when it failed), its kind (遅延利息), and a person shown by name and title.
import type { Payment, Signature } from '@denpyo/schemas';
import { t } from '../../i18n';
import { StatusBadge } from '../../ui';
import { signerLabel } from './rules';

export function PaymentStatus({ payment }: { payment: Pick<Payment, 'status' | 'failureReason'> }) {
  return (
    <span className="acc-cell-stack">
      <StatusBadge kind="payment" status={payment.status} />
      {payment.status === 'failed' && payment.failureReason ? (
        <span className="ui-small">{payment.failureReason}</span>
      ) : null}
    </span>
  );
}

/** 遅延利息 marks a late-interest payment (支払遅延防止法 Art. 8); an invoice's payment is unmarked. */
export function KindBadge({ kind }: { kind: Payment['kind'] }) {
  if (kind !== 'late-interest') return null;
  return (
    <span title={t('treasury.lateInterest.note')}>
      <StatusBadge
        kind="payment"
        status="late-interest"
        label={t('treasury.kind.late-interest')}
        tone="warning"
      />
    </span>
  );
}

/** A person who acted: 表示名（職名） from the recorded signature, else the username. */
export function SignerText({
  username,
  signature,
}: {
  username: string | undefined;
  signature?: Signature | undefined;
}) {
  return <>{signerLabel(username, signature)}</>;
}
