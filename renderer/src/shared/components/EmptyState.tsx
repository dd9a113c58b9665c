import type { ReactNode } from 'react';

interface Props {
  icon?: ReactNode;
  title: string;
  /** The heading level that fits where the empty state sits. */
  level?: 1 | 2;
  children?: ReactNode;
}

/** A calm, explanatory panel: what lives here, and what to do now. */
export function EmptyState({ icon, title, level = 2, children }: Props) {
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <div className="empty-state">
      {icon ? <div className="empty-state__icon">{icon}</div> : null}
      <Heading className="empty-state__title" tabIndex={-1}>
        {title}
      </Heading>
      <div className="empty-state__body">{children}</div>
    </div>
  );
}
