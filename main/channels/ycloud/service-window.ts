// WhatsApp's customer-service window on the official API: free text may go only within 24
// hours of the patient's last message; after that, only an approved template
// (https://developers.facebook.com/docs/whatsapp/pricing#customer-service-windows).

/** The window's length: free text only this long after the patient last wrote. */
export const SERVICE_WINDOW_MS = 24 * 3_600_000;

/** Whether free text may go now to a contact who last wrote at `lastInboundAt` (null: never wrote). */
export const insideServiceWindow = (lastInboundAt: number | null, now: number): boolean =>
  lastInboundAt !== null && now - lastInboundAt <= SERVICE_WINDOW_MS;
