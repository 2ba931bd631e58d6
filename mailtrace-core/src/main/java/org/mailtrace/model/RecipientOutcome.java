package org.mailtrace.model;

/**
 * Where one envelope recipient of a message stands now: the per-recipient part of a trace row.
 *
 * @param recipientAddress the envelope recipient as the sender addressed it (before aliasing)
 * @param status           the row's status; for an address redirected to one other address, the
 *                         final status of where it went
 * @param toIp             the next hop the message was handed to for this recipient, or null
 * @param direction        Inbound, Outbound or Internal for this recipient
 * @param expandedFrom     for a member of an expanded address (alias, list), that address; else null
 */
public record RecipientOutcome(String recipientAddress, DeliveryStatus status, String toIp,
                               Direction direction, String expandedFrom) {
}
