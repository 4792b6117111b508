// A small namespace-aware element tree built from saxes events. Only what a UBL reader needs:
// elements (namespace URI + local name), their attributes without namespace, and their text.
// Comments and processing instructions are dropped. A DOCTYPE is refused outright, so no DTD is
// ever read: no external entity, no entity expansion; only the five predefined entities and
// character references exist (saxes resolves nothing else and reports an undefined entity).
import { SaxesParser } from 'saxes';

export interface XmlElement {
  uri: string;
  local: string;
  /** Attributes in no namespace (UBL's currencyID, schemeID, unitCode), by local name. */
  attributes: ReadonlyMap<string, string>;
  children: XmlElement[];
  /** The concatenated character data directly inside this element. */
  text: string;
}

/** Why a text is not an XML document this reader accepts (→ HTTP 400). */
export class XmlRefused extends Error {}

/**
 * A UBL invoice nests about eight levels and a large one has a few thousand elements. saxes slows
 * down with the square of the depth when it resolves namespaces, so a deep or huge tree is refused
 * as it is read, long before it could hold the event loop (a 2 MiB document of 300,000 levels would
 * take hours).
 */
export const XML_LIMITS = { maxDepth: 64, maxElements: 20_000 } as const;

export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let elements = 0;
  parser.on('xmldecl', (declaration) => {
    const encoding = declaration.encoding?.toUpperCase();
    if (encoding !== undefined && encoding !== 'UTF-8') {
      throw new XmlRefused(
        `XML宣言の文字コード ${declaration.encoding} は受け付けません（UTF-8のみ）`,
      );
    }
  });
  parser.on('doctype', () => {
    throw new XmlRefused('DOCTYPE（DTD）を含むXMLは受け付けません');
  });
  parser.on('opentag', (tag) => {
    elements += 1;
    if (stack.length >= XML_LIMITS.maxDepth) {
      throw new XmlRefused(`XMLの要素の入れ子が深すぎます（${XML_LIMITS.maxDepth}段まで）`);
    }
    if (elements > XML_LIMITS.maxElements) {
      throw new XmlRefused(`XMLの要素が多すぎます（${XML_LIMITS.maxElements}個まで）`);
    }
    const attributes = new Map<string, string>();
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.uri === '') attributes.set(attribute.local, attribute.value);
    }
    const element: XmlElement = {
      uri: tag.uri,
      local: tag.local,
      attributes,
      children: [],
      text: '',
    };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const appendText = (data: string): void => {
    const current = stack.at(-1);
    if (current) current.text += data;
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('error', (error) => {
    throw new XmlRefused(`XMLの構文が正しくありません: ${error.message}`);
  });
  parser.write(text).close();
  if (!root) throw new XmlRefused('XMLの要素がありません');
  return root;
}
