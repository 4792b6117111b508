// The payment filters the payments list and the batch builder share: due date from/to (the list
// hides them in its calendar view), vendor, and free text.
import { t } from '../i18n';
import { TextField } from '../ui';
import type { FilterInputs } from './useFilterInputs';
import { VendorPicker } from './VendorPicker';

export function PaymentFilterFields({
  inputs,
  dates = true,
}: {
  inputs: FilterInputs<'dueFrom' | 'dueTo' | 'vendorId' | 'q'>;
  dates?: boolean;
}) {
  return (
    <>
      {dates ? (
        <>
          <TextField
            label={t('payments.filter.dueFrom')}
            type="date"
            width="medium"
            {...inputs.field('dueFrom')}
          />
          <TextField
            label={t('payments.filter.dueTo')}
            type="date"
            width="medium"
            {...inputs.field('dueTo')}
          />
        </>
      ) : null}
      <VendorPicker
        label={t('payments.filter.vendor')}
        hint={t('payments.filter.vendor.hint')}
        emptyText={t('payments.filter.vendor.none')}
        {...inputs.field('vendorId')}
      />
      <TextField
        label={t('payments.filter.q')}
        type="search"
        width="medium"
        {...inputs.field('q')}
      />
    </>
  );
}
