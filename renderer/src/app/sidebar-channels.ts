/** One channel as the health route reports it. */
interface ChannelHealth {
  provider: string;
  inUse: boolean;
}

/**
 * The channels the sidebar lists: WhatsApp by QR is every clinic's to link (so "desconectado"
 * is worth seeing), the simulator is always there, and a provider set up through webhooks
 * (YCloud…) shows once the clinic uses it — not as a warning about something it never wanted.
 */
export function sidebarChannels<C extends ChannelHealth>(channels: readonly C[]): C[] {
  return channels.filter((c) => c.inUse || c.provider === 'whatsapp' || c.provider === 'simulator');
}
