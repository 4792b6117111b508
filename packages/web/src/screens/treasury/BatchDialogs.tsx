// The batch's two dialogs with inputs: settlement, where the treasurer marks each payment the bank
// could not transfer (振込不能) with the bank's reason; and re-dating a draft batch, which asks
// for the reason when the new date pays some of its payments late.
import { TRANSFER_FAILURE_REASONS, type Payment, type TransferBatch } from '@denpyo/schemas';
import { useMemo, useState } from 'react';
import { api } from '../../api';
import { formatReiwa, formatYen } from '../../format';
import { t } from '../../i18n';
import { Alert, CheckboxField, ConfirmDialog, SelectField, TextField } from '../../ui';
import { nextBankBusinessDays } from '../accounting/transfer-dates';
import { daysLate, lateFor } from './rules';

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;
const weekdayOf = (iso: string) => WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]!;

/** The failures to send: each marked payment with its reason (the first suggestion by default). */
export function failuresOf(marks: ReadonlyMap<string, string>) {
  return [...marks].map(([paymentId, reason]) => ({ paymentId, reason }));
}

export function SettleDialog({
  batch,
  members,
  isOpen,
  onOpenChange,
  onSettled,
}: {
  batch: TransferBatch;
  members: readonly Payment[];
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  onSettled: (failed: number) => Promise<void>;
}) {
  const [marks, setMarks] = useState<ReadonlyMap<string, string>>(new Map());
  const mark = (id: string, reason: string | undefined) => {
    const next = new Map(marks);
    if (reason === undefined) next.delete(id);
    else next.set(id, reason);
    setMarks(next);
  };
  const paid = members.filter((p) => !marks.has(p.id));
  return (
    <ConfirmDialog
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open) setMarks(new Map());
        onOpenChange(open);
      }}
      title={t('batches.settle.confirmTitle')}
      confirmLabel={t('batches.settle')}
      body={t('batches.settle.confirmBody', {
        date: formatReiwa(batch.transferDate),
        count: batch.count,
        total: formatYen(batch.total),
      })}
      onConfirm={async () => {
        await api.transferBatches.settle(batch.id, { failures: failuresOf(marks) });
        await onSettled(marks.size);
        setMarks(new Map());
      }}
    >
      <fieldset className="settle-list">
        <legend className="ui-small">{t('batches.settle.failures')}</legend>
        <ul>
          {members.map((payment) => {
            const reason = marks.get(payment.id);
            const label = t('batches.settle.failedRow', {
              invoiceNumber: payment.invoiceNumber,
              amount: formatYen(payment.netAmount),
            });
            return (
              <li key={payment.id} className="settle-list__row">
                <CheckboxField
                  label={label}
                  isSelected={reason !== undefined}
                  onChange={(failed) =>
                    mark(payment.id, failed ? TRANSFER_FAILURE_REASONS[0] : undefined)
                  }
                />
                {reason !== undefined ? (
                  <SelectField
                    label={t('batches.settle.reason', { invoiceNumber: payment.invoiceNumber })}
                    value={reason}
                    onChange={(value) => mark(payment.id, value)}
                    options={TRANSFER_FAILURE_REASONS.map((id) => ({ id, label: id }))}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <p aria-live="polite" className="ui-small">
        {t('batches.settle.outcome', {
          paid: paid.length,
          failed: marks.size,
          total: formatYen(paid.reduce((sum, p) => sum + p.netAmount, 0)),
        })}
      </p>
    </ConfirmDialog>
  );
}

export function RedateDialog({
  batch,
  members,
  today,
  isOpen,
  onOpenChange,
  onRedated,
}: {
  batch: TransferBatch;
  members: readonly Payment[];
  today: string;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  onRedated: (transferDate: string) => Promise<void>;
}) {
  const options = useMemo(() => nextBankBusinessDays(today, 40), [today]);
  const [date, setDate] = useState('');
  const [reason, setReason] = useState(batch.lateReason ?? '');
  const late = date ? lateFor(members, date) : [];
  return (
    <ConfirmDialog
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      title={t('batches.redate.title')}
      confirmLabel={t('batches.redate.submit')}
      irreversible={false}
      body={t('batches.redate.body', { date: formatReiwa(batch.transferDate) })}
      canConfirm={
        date !== '' && date !== batch.transferDate && (late.length === 0 || reason.trim() !== '')
      }
      onConfirm={async () => {
        await api.transferBatches.redate(batch.id, {
          transferDate: date,
          ...(late.length > 0 ? { lateReason: reason.trim() } : {}),
        });
        await onRedated(date);
      }}
    >
      <SelectField
        label={t('batches.redate.date')}
        hint={t('batchNew.transferDate.hint')}
        isRequired
        value={date}
        onChange={setDate}
        placeholder={t('batchNew.transferDate.none')}
        options={options.map((day) => ({
          id: day,
          label: t('batchNew.transferDate.option', {
            date: formatReiwa(day),
            weekday: weekdayOf(day),
          }),
        }))}
      />
      {late.length > 0 ? (
        <>
          <Alert
            tone="warning"
            title={t('batchNew.late', { count: late.length, date: formatReiwa(late[0]!.dueDate) })}
          >
            <ul className="batch-builder__late">
              {late.slice(0, 5).map((payment) => (
                <li key={payment.id}>
                  {t('batchNew.lateRow', {
                    invoiceNumber: payment.invoiceNumber,
                    dueDate: formatReiwa(payment.dueDate),
                    days: daysLate(payment.dueDate, date),
                  })}
                </li>
              ))}
            </ul>
          </Alert>
          <TextField
            label={t('batchNew.lateReason')}
            hint={t('batchNew.lateReason.hint')}
            isRequired
            multiline
            maxLength={500}
            value={reason}
            onChange={setReason}
          />
        </>
      ) : null}
    </ConfirmDialog>
  );
}
