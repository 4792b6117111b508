// Navigation of a UBL 2.1 element tree by namespace URI and local name, never by prefix: a
// document may bind any prefix (or the default namespace) to the UBL namespaces. Each node
// carries the path a clerk's message names, written with the prefixes UBL itself uses.
import type { XmlElement } from './xml';

export const UBL_NAMESPACES = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
} as const;

export type ComponentPrefix = 'cbc' | 'cac';
/** A UBL component name as UBL writes it, e.g. 'cac:InvoiceLine'. */
export type ComponentName = `${ComponentPrefix}:${string}`;

export interface UblNode {
  element: XmlElement;
  /** e.g. '/Invoice/cac:TaxTotal/cac:TaxSubtotal[2]'; the index appears when a name repeats. */
  path: string;
}

export function rootNode(element: XmlElement): UblNode {
  return { element, path: `/${element.local}` };
}

/** The children named `prefix:local` (e.g. 'cac:InvoiceLine'), in document order. */
export function childrenOf(node: UblNode | undefined, name: ComponentName): UblNode[] {
  if (!node) return [];
  const [prefix, local] = name.split(':') as [ComponentPrefix, string];
  const uri = UBL_NAMESPACES[prefix];
  const matches = node.element.children.filter((c) => c.uri === uri && c.local === local);
  return matches.map((element, index) => ({
    element,
    path: `${node.path}/${name}${matches.length > 1 ? `[${index + 1}]` : ''}`,
  }));
}

/** The first node along a chain of child names, e.g. childAt(party, 'cac:PartyLegalEntity', 'cbc:RegistrationName'). */
export function childAt(node: UblNode | undefined, ...names: ComponentName[]): UblNode | undefined {
  let current = node;
  for (const name of names) current = childrenOf(current, name)[0];
  return current;
}

/** The path a missing child would have: where a clerk must add it. */
export function pathOf(node: UblNode, ...names: string[]): string {
  return [node.path, ...names].join('/');
}

/** The whitespace-trimmed text of a node, undefined when absent or empty. */
export function textOf(node: UblNode | undefined): string | undefined {
  const text = node?.element.text.trim();
  return text ? text : undefined;
}

export function attributeOf(node: UblNode | undefined, name: string): string | undefined {
  return node?.element.attributes.get(name)?.trim();
}
