import type { KnowledgeListItem } from '../../../shared/api/types';

/** Text in pieces, the pieces that matched a search marked (the core decides which; no HTML involved). */
export function Highlighted({ parts }: { parts: KnowledgeListItem['parts'] }) {
  return <>{parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
