// 請求書の提出 (vendor): an invoice against one of the vendor's approved contracts, with the live
// per-rate tax preview the procurement screen uses (shared/invoice-preview.ts, @denpyo/jp's
// rounding), validated with the same schema as the invoice service. It arrives today (受付日 = today).
import { MAX_PAGE_SIZE, type Contract } from '@denpyo/schemas';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect } from 'react';
import { allPages, api } from '../../api';
import { useUser } from '../../app/session';
import { formatReiwa, formatSeireki, formatYen } from '../../format';
import { useToday } from '../../app/session';
import { t } from '../../i18n';
import { InvoiceForm } from '../../shared/InvoiceForm';
import { useInvoiceForm } from '../../shared/useInvoiceForm';
import { useVendor } from '../../shared/VendorName';
import { Alert, PageHeader, Section, SelectField, TextField, useToast } from '../../ui';
import './vendor-portal.css';

/**
 * Every approved contract the vendor may see (the API lists only its own), page by page at the
 * API's largest page size, so none is left out of the picker however many there are.
 */
function allApprovedContracts(signal: AbortSignal): Promise<Contract[]> {
  return allPages((page) =>
    api.contracts.list(
      { status: 'approved', page, pageSize: MAX_PAGE_SIZE, sort: 'documentNumber', order: 'desc' },
      signal,
    ),
  );
}

export function VendorInvoiceNew() {
  const search = useSearch({ strict: false }) as { contractId?: string };
  const user = useUser();
  const vendor = useVendor(user.vendorId);
  const navigate = useNavigate();
  const toast = useToast();
  const today = useToday();
  const invoice = useInvoiceForm(search.contractId ?? '', { staff: false, vendor: vendor.data });
  const { form } = invoice;
  const v = form.values;

  const contracts = useQuery({
    // Not a 'list' key: the answer is every page's contracts, not one ListPage.
    queryKey: ['contracts', 'all', { status: 'approved' }],
    queryFn: ({ signal }) => allApprovedContracts(signal),
  });
  const open = (contracts.data ?? []).filter((c) => c.remainingAmount > 0 || c.id === v.contractId);
  const contract: Contract | undefined = open.find((c) => c.id === v.contractId);

  // The vendor's own registration number as the starting value (the one on its invoices).
  const ownNumber = vendor.data?.invoiceRegistrationNumber;
  const { setMany } = form;
  const registrationTyped = v.registrationNumber !== '';
  useEffect(() => {
    if (ownNumber && !registrationTyped) setMany({ registrationNumber: ownNumber });
  }, [ownNumber, registrationTyped, setMany]);

  const chooseContract = (id: string) => {
    const chosen = open.find((c) => c.id === id);
    if (chosen) invoice.chooseContract(chosen);
    else form.setMany({ contractId: id });
  };

  const submit = async () => {
    const received = await invoice.submit();
    if (!received) return;
    toast.success(
      t('vendorPortal.invoiceNew.done', {
        invoiceNumber: received.invoiceNumber,
        documentNumber: received.documentNumber,
        dueDate: formatSeireki(received.dueDate),
      }),
    );
    await navigate({ to: '/vendor/invoices' });
  };

  return (
    <>
      <PageHeader
        title={t('vendorPortal.invoiceNew.title')}
        lead={t('vendorPortal.invoiceNew.lead')}
        back={{ to: '/vendor', label: t('vendorPortal.title') }}
      />
      <InvoiceForm
        invoice={invoice}
        contract={contract}
        submitLabel={t('vendorPortal.invoiceNew.submit')}
        onSubmit={submit}
      >
        <Section title={t('vendorPortal.invoiceNew.section')}>
          <div className="ui-stack">
            <SelectField
              label={t('vendorPortal.invoiceNew.contract')}
              hint={
                open.length === 0 && contracts.data
                  ? t('vendorPortal.invoiceNew.contract.none')
                  : t('vendorPortal.invoiceNew.contract.hint')
              }
              isRequired
              name="contractId"
              value={v.contractId}
              onChange={chooseContract}
              error={form.errors.contractId}
              options={open.map((c) => ({
                id: c.id,
                label: t('vendorPortal.invoiceNew.contract.option', {
                  documentNumber: c.documentNumber,
                  title: c.title,
                  remaining: formatYen(c.remainingAmount),
                }),
              }))}
            />
            {contract ? (
              <p className="ui-small vendor-invoice__contract">
                {t('vendorPortal.invoiceNew.remaining', {
                  remaining: formatYen(contract.remainingAmount),
                })}
              </p>
            ) : null}
            <Alert tone="info" title={t('invoiceNew.receivedOn')}>
              <time dateTime={today} title={today}>
                {t('vendorPortal.invoiceNew.receivedToday', { date: formatReiwa(today) })}
              </time>
            </Alert>
            <div className="ui-grid-2">
              <TextField
                label={t('vendorPortal.invoiceNew.invoiceNumber')}
                hint={t('vendorPortal.invoiceNew.invoiceNumber.hint')}
                isRequired
                maxLength={50}
                {...form.field('invoiceNumber')}
              />
              <TextField
                label={t('vendorPortal.invoiceNew.issueDate')}
                type="date"
                isRequired
                {...form.field('issueDate')}
              />
            </div>
          </div>
        </Section>
      </InvoiceForm>
    </>
  );
}
