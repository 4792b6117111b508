// A vendor's name where a record carries only its vendorId (contracts, invoices, payments). Each
// vendor is fetched once and kept (names rarely change), however many rows name it.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, queryKeys } from '../api';

export function useVendor(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.detail('vendors', id ?? '', 'self'),
    queryFn: ({ signal }) => api.vendors.get(id!, signal),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

/** The vendor's name (a link to it unless `plain`); the id's start while it loads or fails. */
export function VendorName({ id, plain }: { id: string; plain?: boolean }) {
  const { data } = useVendor(id);
  const name = data?.name ?? `${id.slice(0, 8)}…`;
  if (plain) return <>{name}</>;
  return (
    <Link to="/vendors/$id" params={{ id }}>
      {name}
    </Link>
  );
}
