/** Proof of delivery's push events: the "Para llamar" list changed (an entry added, ticked off or reopened). */
export interface DeliveryEvents {
  'callList.changed': { entryId: number | null };
}
