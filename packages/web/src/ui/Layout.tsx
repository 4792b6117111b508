import type { ReactNode } from 'react';

/** A card with a heading (h2), optionally with actions beside the heading. */
export function Section({
  title,
  actions,
  children,
  headingLevel = 2,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="ui-section">
      <div className="ui-section__header">
        <Heading>{title}</Heading>
        {actions ? <div className="ui-row">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}

/** Label–value pairs (a <dl>), for the facts of a record. */
export function Details({ items }: { items: readonly [label: string, value: ReactNode][] }) {
  return (
    <dl className="ui-details">
      {items.map(([label, value]) => (
        <div key={label} className="ui-details__pair">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
