// A vendor chosen by typing its name, kana or number (GET /api/vendors?q=).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, queryKeys } from '../api';
import { t } from '../i18n';
import { ComboField, type Option } from '../ui';
import { useDebounced } from './useDebounced';
import { useVendor } from './VendorName';

interface PickerProps {
  label: string;
  hint?: string;
  value: string;
  onChange: (vendorId: string) => void;
  error?: string | undefined;
  isRequired?: boolean;
  emptyText?: string;
  name?: string;
}

export function VendorPicker(props: PickerProps) {
  const chosen = useVendor(props.value || undefined).data;
  const chosenOption: Option | undefined = chosen
    ? { id: chosen.id, label: chosen.name, description: chosen.nameKana }
    : undefined;
  // Remounted when the chosen vendor (given from outside, e.g. ?vendorId=) has loaded, so the
  // input starts from its name.
  return <VendorCombo key={chosenOption?.id ?? 'none'} {...props} chosen={chosenOption} />;
}

function VendorCombo({
  label,
  hint,
  value,
  onChange,
  error,
  isRequired,
  emptyText,
  name,
  chosen,
}: PickerProps & { chosen: Option | undefined }) {
  const queryClient = useQueryClient();
  // undefined until the user types: the chosen vendor's name is shown meanwhile.
  const [typed, setTyped] = useState<string | undefined>(undefined);
  const q = useDebounced((typed ?? '').trim());
  const vendors = useQuery({
    queryKey: ['vendors', 'picker', q],
    queryFn: ({ signal }) => api.vendors.list({ q, pageSize: 20, sort: 'name' }, signal),
    staleTime: 30_000,
  });
  const items = vendors.data?.items ?? [];
  const options: Option[] = items.map((vendor) => ({
    id: vendor.id,
    label: vendor.name,
    description: vendor.nameKana,
  }));
  if (chosen && !options.some((o) => o.id === chosen.id)) options.unshift(chosen);

  return (
    <ComboField
      label={label}
      {...(hint ? { hint } : {})}
      {...(name ? { name } : {})}
      isRequired={Boolean(isRequired)}
      selectedId={value}
      onSelect={(option) => {
        const vendor = items.find((v) => v.id === option?.id);
        // The picked vendor is known already: no fetch (and no flicker) for its name.
        if (vendor) queryClient.setQueryData(queryKeys.detail('vendors', vendor.id), vendor);
        onChange(option?.id ?? '');
      }}
      inputValue={typed ?? chosen?.label ?? ''}
      onInputChange={setTyped}
      options={options}
      isLoading={vendors.isFetching}
      emptyText={emptyText ?? t('contractNew.vendor.none')}
      error={error && value === '' ? t('error.choose') : error}
      width="medium"
    />
  );
}
