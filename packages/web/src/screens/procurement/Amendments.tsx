// The amendments (変更契約) of a contract, newest first, and for procurement the request of a new
// one on an approved contract (the new total amount, a new end date, the reason; a multi-year
// contract restates its schedule). It goes through the route of the new amount.
import { AmendmentCreateRequestSchema, type Contract } from '@denpyo/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api';
import { useHasRole } from '../../app/session';
import { useForm } from '../../forms';
import { formatYen, parseYen } from '../../format';
import { t } from '../../i18n';
import { Alert, Button, Section, TextField, useToast } from '../../ui';
import { AmendmentCard } from '../../shared/AmendmentCard';
import { rankLabel } from '../../shared/ApprovalRoute';
import { FormDialog } from '../../shared/FormDialog';
import {
  checkSchedule,
  expectedRoute,
  periodFiscalYears,
  scheduleRowsFor,
  type ScheduleRow,
} from './contract-rules';

export function Amendments({ contract }: { contract: Contract }) {
  const isProcurement = useHasRole('procurement');
  const [open, setOpen] = useState(false);
  const pending = contract.amendments.some((a) => a.status === 'submitted');
  const canRequest = isProcurement && contract.status === 'approved' && !pending;
  if (contract.amendments.length === 0 && !canRequest) return null;
  const newestFirst = [...contract.amendments].sort((a, b) =>
    b.requestedAt.localeCompare(a.requestedAt),
  );
  return (
    <Section
      title={t('procurement.amendments.title')}
      actions={
        canRequest ? (
          <Button size="small" onPress={() => setOpen(true)}>
            {t('procurement.amendments.request')}
          </Button>
        ) : null
      }
    >
      <div className="ui-stack">
        {newestFirst.length === 0 ? (
          <p className="ui-muted ui-small">{t('procurement.amendments.none')}</p>
        ) : (
          newestFirst.map((amendment) => <AmendmentCard key={amendment.id} amendment={amendment} />)
        )}
      </div>
      {open ? <AmendmentDialog contract={contract} onClose={() => setOpen(false)} /> : null}
    </Section>
  );
}

function AmendmentDialog({ contract, onClose }: { contract: Contract; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm(
    { amount: String(contract.amount), endDate: contract.endDate, reason: '' },
    { owns: (path) => path.startsWith('schedule') },
  );
  const [schedule, setSchedule] = useState<ScheduleRow[]>(
    (contract.schedule ?? []).map((row) => ({
      fiscalYear: row.fiscalYear,
      amount: String(row.amount),
    })),
  );
  const v = form.values;
  const amount = parseYen(v.amount);
  const years = periodFiscalYears(contract.startDate, v.endDate);
  const rows = years.length > 1 ? scheduleRowsFor(years, schedule) : [];
  const check = checkSchedule(rows, amount ?? 0);

  const submit = async () => {
    const body = {
      amount: v.amount.trim() === '' ? undefined : (amount ?? v.amount),
      ...(v.endDate !== contract.endDate ? { endDate: v.endDate || undefined } : {}),
      ...(rows.length > 0
        ? {
            schedule: rows.map((row) => ({
              fiscalYear: row.fiscalYear,
              amount: parseYen(row.amount) ?? row.amount,
            })),
          }
        : {}),
      reason: v.reason.trim(),
    };
    const amendment = await form.submit(AmendmentCreateRequestSchema, body, (parsed, key) =>
      api.contracts.requestAmendment(contract.id, parsed, { idempotencyKey: key }),
    );
    if (!amendment) return;
    await queryClient.invalidateQueries({ queryKey: ['contracts'] });
    toast.success(t('procurement.amendments.done', { documentNumber: contract.documentNumber }));
    onClose();
  };

  return (
    <FormDialog
      onClose={onClose}
      title={t('procurement.amendments.request')}
      submitLabel={t('procurement.amendments.submit')}
      form={form}
      onSubmit={submit}
      wide
    >
      <p>
        {t('procurement.amendments.lead', {
          documentNumber: contract.documentNumber,
          amount: formatYen(contract.amount),
          invoiced: formatYen(contract.invoicedAmount),
        })}
      </p>
      <div className="ui-grid-2">
        <TextField
          label={t('procurement.amendments.amount')}
          isRequired
          amount
          hint={
            amount !== undefined && amount > 0
              ? t('procurement.contract.routePreview', {
                  ranks: expectedRoute(amount).map(rankLabel).join(t('shared.route.arrow')),
                })
              : undefined
          }
          {...form.field('amount')}
        />
        <TextField
          label={t('procurement.amendments.endDate')}
          type="date"
          isRequired
          {...form.field('endDate')}
        />
      </div>
      {rows.length > 0 ? (
        <div className="ui-stack">
          <p className="ui-small ui-muted">{t('procurement.amendments.schedule')}</p>
          <ol className="schedule-rows">
            {rows.map((row, index) => (
              <li key={row.fiscalYear}>
                <TextField
                  label={t('procurement.schedule.year', {
                    year: row.fiscalYear,
                    reiwa: row.fiscalYear - 2018,
                  })}
                  isRequired
                  amount
                  width="narrow"
                  value={row.amount}
                  onChange={(value) =>
                    setSchedule(
                      rows.map((r) =>
                        r.fiscalYear === row.fiscalYear ? { ...r, amount: value } : r,
                      ),
                    )
                  }
                  error={form.errors[`schedule.${index}.amount`]}
                />
              </li>
            ))}
          </ol>
          {!check.balanced && check.difference !== 0 ? (
            <Alert
              tone="warning"
              title={
                check.difference > 0
                  ? t('procurement.schedule.short', { difference: formatYen(check.difference) })
                  : t('procurement.schedule.over', { difference: formatYen(-check.difference) })
              }
            />
          ) : null}
        </div>
      ) : null}
      <TextField
        label={t('procurement.amendments.reason')}
        isRequired
        multiline
        maxLength={500}
        {...form.field('reason')}
      />
    </FormDialog>
  );
}
