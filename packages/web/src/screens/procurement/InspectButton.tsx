// 検収する, confirmed first; for the person who registered the invoice it stays visible but
// disabled, with the reason beside it.
import type { Invoice } from '@denpyo/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { useUser } from '../../app/session';
import { formatYen } from '../../format';
import { t } from '../../i18n';
import { ConfirmButton, useToast } from '../../ui';
import { inspectBlocker } from '../../shared/inspection';

export function InspectButton({
  invoice,
  size,
  compact,
}: {
  invoice: Invoice;
  size?: 'small' | 'medium';
  /** In a table's narrow cell: the reason in a few words. */
  compact?: boolean;
}) {
  const user = useUser();
  const queryClient = useQueryClient();
  const toast = useToast();
  const blocker = inspectBlocker(invoice, user.username);
  if (blocker === 'not-received') return null;
  return (
    <span className="inspect-action">
      <ConfirmButton
        label={t('inspections.inspect')}
        size={size ?? 'small'}
        isDisabled={blocker !== undefined}
        title={t('inspections.confirmTitle')}
        body={t('inspections.confirmBody', {
          documentNumber: invoice.documentNumber,
          invoiceNumber: invoice.invoiceNumber,
          total: formatYen(invoice.total),
        })}
        onConfirm={async () => {
          const inspected = await api.invoices.inspect(invoice.id);
          await queryClient.invalidateQueries({ queryKey: ['invoices'] });
          await queryClient.invalidateQueries({ queryKey: ['counts'] });
          toast.success(t('inspections.done', { documentNumber: inspected.documentNumber }));
        }}
      />
      {blocker === 'registrant' ? (
        <span className="ui-small ui-muted">
          {t(
            compact
              ? 'invoice.inspect.blocker.registrantShort'
              : 'invoice.inspect.blocker.registrant',
          )}
        </span>
      ) : null}
    </span>
  );
}
