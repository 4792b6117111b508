// People as the screens show them: 名前（職名）, never the username, when a record names them. The
// audit trail records only the actor's username, so a timeline looks the actor up among the
// people the record itself names (its 起案者, signers, inspector…). Pure, unit-tested.
import type { Contract, Invoice, Signature } from '@denpyo/schemas';
import { t } from '../i18n';

/** Someone a record names: a signature, or an approval as the API gives it. */
export type NamedPerson = Pick<Signature, 'username'> & {
  displayName?: string | undefined;
  title?: string | undefined;
};

/** 名前（職名） when one of `people` is `username` with a name, else the username itself. */
export function personName(username: string, people: readonly (NamedPerson | undefined)[]): string {
  const person = people.find((p) => p?.username === username && p.displayName);
  if (!person?.displayName) return username;
  return person.title
    ? t('shared.signature', { name: person.displayName, title: person.title })
    : person.displayName;
}

/** Everyone a contract names: its 起案者, its signers, its amendments' drafters and signers. */
export function contractPeople(
  contract: Pick<Contract, 'createdBySignature' | 'approvals' | 'amendments'>,
): NamedPerson[] {
  const people: (NamedPerson | undefined)[] = [
    contract.createdBySignature,
    ...contract.approvals,
    ...contract.amendments.flatMap((amendment) => [amendment.requestedBy, ...amendment.approvals]),
  ];
  return people.filter((person) => person !== undefined);
}

/** Everyone an invoice names: who registered, inspected, ordered and confirmed it. */
export function invoicePeople(
  invoice: Pick<
    Invoice,
    'createdBySignature' | 'inspectedBySignature' | 'orderedBySignature' | 'confirmedBySignature'
  >,
): NamedPerson[] {
  const people: (NamedPerson | undefined)[] = [
    invoice.createdBySignature,
    invoice.inspectedBySignature,
    invoice.orderedBySignature,
    invoice.confirmedBySignature,
  ];
  return people.filter((person) => person !== undefined);
}
