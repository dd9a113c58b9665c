// Offers a freed slot to the patients waiting for it, oldest entry first, a few at a time,
// and settles their answers. The first "SÍ" wins in the database: its offer becomes the
// slot's one `accepted` offer (a partial UNIQUE index) and the visit is booked through the
// agenda's Booking (whose slot claims refuse a double booking), in one transaction with the
// confirmation; the others waiting on that slot are told it was taken.
import { transaction, type Db } from '../../../db/client.js';
import { activeAppointmentsInRange } from '../../../db/repos/appointments.js';
import { listTurnHistory, enqueueOutgoing } from '../../../db/repos/messages.js';
import { conversationsOf } from '../../../db/repos/patients.js';
import { getPractitioner } from '../../../db/repos/practitioners.js';
import { getService } from '../../../db/repos/services.js';
import {
  getWaitlistEntry,
  getWaitlistOffer,
  insertWaitlistOffer,
  isSlotAlreadyAccepted,
  matchingWaitlistEntries,
  pendingOffersForSlot,
  reopenWaitlistEntry,
  settlePendingOffer,
  slotAccepted,
  updateWaitlistEntry,
  updateWaitlistOffer,
  type WaitlistOfferRecord,
} from '../../../db/repos/waitlist.js';
import type { AppointmentRow } from '../../../db/repos/appointments.js';
import type { Booking } from '../../agenda/booking.js';
import { AgendaError } from '../../agenda/errors.js';
import type { ClinicSettingsReader } from '../../agenda/settings.js';
import { replyLanguage } from '../../agent/language.js';
import type { Clock } from '../../kernel/clock.js';
import type { SettingsReader } from '../../kernel/settings-store.js';
import type { WaitlistSettingsReader } from './settings.js';
import { outsideQuietHours } from '../reminders/quiet-hours.js';
import { quietHours, type QuietHoursReader } from '../reminders/settings.js';
import { freedSlot, whenLabel, type Slot } from './slot.js';
import { waitlistTexts, type Language, type OfferWords } from './texts.js';

const MINUTE = 60_000;
/** How many waiting entries are looked at per slot: those without a chat are passed over. */
const CANDIDATES = 50;
/** Who booked, in the visit's history. */
const BOOKED_BY = 'lista de espera';

export interface WaitlistDeps {
  db: Db;
  settings: WaitlistSettingsReader &
    QuietHoursReader &
    ClinicSettingsReader &
    SettingsReader<{ 'assistant.replyLanguage': 'auto' | 'es' | 'en' }>;
  booking: Pick<Booking, 'book'>;
  now?: Clock;
  /** An offer went out: the expiry job's next due time moved. */
  wake?: () => void;
  /** A patient got a slot (notifications: waitlist.offer_accepted), after the booking committed. */
  onAccepted?: (offer: WaitlistOfferRecord, appointment: AppointmentRow) => void;
  /** The waitlist changed (offers sent or settled): the desk's panel refreshes. */
  onChanged?: () => void;
}

/** What became of an answer. `not_yours`: the offer is not this patient's (the assistant answers). */
export type AnswerOutcome = 'booked' | 'taken' | 'declined' | 'expired' | 'not_yours';

export class Waitlist {
  private readonly now: Clock;

  constructor(private readonly deps: WaitlistDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Offers a freed slot to the next waiting patients, up to `waitlist.offersAtOnce` pending at
   * once. Nothing is offered for a slot already won, taken again, or too close to book.
   * Returns the offers sent.
   */
  offer(slot: Slot, freed: { appointmentId?: number; patientId?: number } = {}): number[] {
    const { db, settings } = this.deps;
    const now = this.now();
    const zone = settings.get('clinic.timeZone');
    // Nothing goes out at night (the reminders' quiet hours): an offer made then waits in the
    // outbox for the morning, and its time to answer starts when it goes.
    const sendAt = outsideQuietHours(zone, quietHours(settings), now);
    const sent = transaction(db, () => {
      if (!this.stillFree(slot, sendAt)) return [];
      const room =
        settings.get('waitlist.offersAtOnce') - pendingOffersForSlot(db, slot.practitionerId, slot.startAt).length;
      if (room <= 0) return [];
      const ids: number[] = [];
      for (const entry of matchingWaitlistEntries(db, freedSlot(zone, slot), CANDIDATES, freed.patientId)) {
        if (ids.length >= room) break;
        // Anti-ban: an offer only goes into a chat the patient already has; never a first message.
        const chat = conversationsOf(db, [entry.patientId])[0];
        if (!chat) continue;
        const offerId = insertWaitlistOffer(db, {
          entryId: entry.id,
          ...slot,
          freedAppointmentId: freed.appointmentId ?? null,
          status: 'pending',
          expiresAt: sendAt + settings.get('waitlist.offerMinutes') * MINUTE,
          conversationId: chat.id,
          createdAt: now,
          updatedAt: now,
        });
        const text = waitlistTexts(this.language(chat.id)).offer(this.words(slot, chat.id));
        const { messageId } = enqueueOutgoing(db, {
          conversationId: chat.id,
          provider: chat.provider,
          role: 'assistant',
          text,
          meta: {
            automation: {
              kind: 'waitlist_offer',
              offerId,
              appointmentId: freed.appointmentId,
              ...(sendAt > now ? { sendAt } : {}),
            },
          },
          now,
          sendAt,
        });
        updateWaitlistOffer(db, offerId, { messageId });
        updateWaitlistEntry(db, entry.id, { status: 'offered', updatedAt: now });
        ids.push(offerId);
      }
      return ids;
    });
    if (sent.length) {
      this.deps.wake?.();
      this.deps.onChanged?.();
    }
    return sent;
  }

  /** A patient's "sí" or "no" to an offer. */
  answer(offerId: number, patientId: number, answer: 'yes' | 'no'): AnswerOutcome {
    const offer = getWaitlistOffer(this.deps.db, offerId);
    const entry = offer ? getWaitlistEntry(this.deps.db, offer.entryId) : undefined;
    if (!offer || !entry || entry.patientId !== patientId) return 'not_yours';
    const now = this.now();
    if (offer.status === 'pending' && offer.expiresAt <= now) this.expire([offer.id]);
    const outcome = answer === 'yes' ? this.accept(offer, patientId) : this.decline(offer);
    this.deps.onChanged?.();
    return outcome;
  }

  /** Offers whose time ran out: the entry waits again and the slot goes to the next patient. */
  expire(offerIds: readonly number[]): void {
    const { db } = this.deps;
    const now = this.now();
    const rolled = transaction(db, () =>
      offerIds.flatMap((id) => {
        const offer = getWaitlistOffer(db, id);
        if (!offer || !settlePendingOffer(db, id, 'expired', now)) return [];
        reopenWaitlistEntry(db, offer.entryId, now);
        return [offer];
      }),
    );
    for (const offer of rolled) this.offer(slotOf(offer), { appointmentId: offer.freedAppointmentId ?? undefined });
    if (rolled.length) this.deps.onChanged?.();
  }

  /** Staff took an entry off the list: its pending offer ends, and the slot rolls on. */
  entryRemoved(pending: readonly WaitlistOfferRecord[]): void {
    this.expire(pending.map((o) => o.id));
    this.deps.onChanged?.();
  }

  private accept(offer: WaitlistOfferRecord, patientId: number): AnswerOutcome {
    const { db } = this.deps;
    const now = this.now();
    if (offer.status !== 'pending') return this.tellSettled(offer);
    let booked: AppointmentRow | undefined;
    try {
      booked = transaction(db, () => {
        // The claim: throws when another offer of this slot was accepted first.
        if (!settlePendingOffer(db, offer.id, 'accepted', now)) return undefined;
        const appointment = this.deps.booking.book(
          { patientId, practitionerId: offer.practitionerId, serviceId: offer.serviceId, start: offer.startAt },
          { source: 'assistant', by: BOOKED_BY, patientId },
        );
        updateWaitlistOffer(db, offer.id, { appointmentId: appointment.id, updatedAt: now });
        updateWaitlistEntry(db, offer.entryId, { status: 'booked', appointmentId: appointment.id, updatedAt: now });
        this.say(offer, 'booked');
        // Everyone else still deciding on this slot hears it is gone, in the same commit.
        for (const other of pendingOffersForSlot(db, offer.practitionerId, offer.startAt)) {
          settlePendingOffer(db, other.id, 'taken', now);
          reopenWaitlistEntry(db, other.entryId, now);
          this.say(other, 'taken');
        }
        return appointment;
      });
    } catch (error) {
      if (!isSlotAlreadyAccepted(error) && !(error instanceof AgendaError)) throw error;
      // Someone else won, or the agenda no longer has the time (booked at the desk): the same answer.
      transaction(db, () => {
        if (!settlePendingOffer(db, offer.id, 'taken', now)) return;
        reopenWaitlistEntry(db, offer.entryId, now);
        this.say(offer, 'taken');
      });
      return 'taken';
    }
    if (!booked) return this.tellSettled(getWaitlistOffer(db, offer.id)!);
    this.deps.onAccepted?.({ ...offer, status: 'accepted', appointmentId: booked.id }, booked);
    return 'booked';
  }

  private decline(offer: WaitlistOfferRecord): AnswerOutcome {
    const { db } = this.deps;
    const now = this.now();
    if (offer.status !== 'pending') return this.tellSettled(offer);
    const declined = transaction(db, () => {
      if (!settlePendingOffer(db, offer.id, 'declined', now)) return false;
      reopenWaitlistEntry(db, offer.entryId, now);
      this.say(offer, 'declined');
      return true;
    });
    if (!declined) return this.tellSettled(getWaitlistOffer(db, offer.id)!);
    this.offer(slotOf(offer), { appointmentId: offer.freedAppointmentId ?? undefined });
    return 'declined';
  }

  /** An answer to an offer already settled (it expired, or the slot went to someone else). */
  private tellSettled(offer: WaitlistOfferRecord): AnswerOutcome {
    if (offer.status === 'accepted') return 'booked';
    const outcome = offer.status === 'taken' ? 'taken' : offer.status === 'declined' ? 'declined' : 'expired';
    transaction(this.deps.db, () => this.say(offer, outcome));
    return outcome;
  }

  /** Queues one of the waitlist's texts into the offer's chat (inside the caller's transaction). */
  private say(offer: WaitlistOfferRecord, what: 'booked' | 'taken' | 'declined' | 'expired'): void {
    const chatId = offer.conversationId;
    const chat =
      chatId === null ? undefined : conversationsOf(this.deps.db, [this.patientOf(offer)]).find((c) => c.id === chatId);
    if (!chat) return;
    const texts = waitlistTexts(this.language(chat.id));
    const words = this.words(slotOf(offer), chat.id);
    const text = what === 'booked' ? texts.booked(words) : what === 'taken' ? texts.taken(words) : texts[what]();
    enqueueOutgoing(this.deps.db, {
      conversationId: chat.id,
      provider: chat.provider,
      role: 'assistant',
      text,
      now: this.now(),
    });
  }

  private patientOf(offer: WaitlistOfferRecord): number {
    return getWaitlistEntry(this.deps.db, offer.entryId)!.patientId;
  }

  /** Free in the agenda, not yet won by an offer, and far enough ahead for the service's notice. */
  private stillFree(slot: Slot, now: number): boolean {
    const { db } = this.deps;
    const service = getService(db, slot.serviceId);
    if (!service?.active) return false;
    if (slot.startAt - now < service.minNoticeMinutes * MINUTE) return false;
    if (slotAccepted(db, slot.practitionerId, slot.startAt)) return false;
    return activeAppointmentsInRange(db, [slot.practitionerId], slot.startAt, slot.endAt).length === 0;
  }

  private words(slot: Slot, conversationId: number): OfferWords {
    const { db, settings } = this.deps;
    const language = this.language(conversationId);
    return {
      when: whenLabel(settings.get('clinic.timeZone'), slot.startAt, language),
      practitioner: getPractitioner(db, slot.practitionerId)?.name ?? '',
      service: getService(db, slot.serviceId)?.name ?? '',
    };
  }

  /** The patient's language (or the one Ajustes › Asistente sets), from their recent messages. */
  private language(conversationId: number): Language {
    const said = listTurnHistory(this.deps.db, conversationId, 20)
      .filter((m) => m.role === 'patient' && m.text)
      .map((m) => m.text);
    return replyLanguage(this.deps.settings.get('assistant.replyLanguage'), said);
  }
}

function slotOf(offer: WaitlistOfferRecord): Slot {
  return {
    practitionerId: offer.practitionerId,
    serviceId: offer.serviceId,
    startAt: offer.startAt,
    endAt: offer.endAt,
  };
}
