package org.mailtrace.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where one envelope recipient of a message stands now: the per-recipient part of a trace row.
 *
 * @param recipientAddress the envelope recipient as the sender addressed it (before aliasing)
 * @param status           the row's status; for an address redirected to one other address, the
 *                         final status of where it went
 * @param toIp             the next hop the message was handed to for this recipient, or null
 * @param direction        Inbound, Outbound or Internal for this recipient
 * @param expandedFrom     for a member of an expanded address (alias, list), that address; else null
 * @param finalRecipients  where the mail for this recipient went when that is another address (a 1:1
 *                         alias, virtual alias, {@code .forward} or rewrite, in the order the log names
 *                         them, the final one last); empty when it went to {@code recipientAddress}
 *                         itself. A search for any of them finds the row.
 */
public record RecipientOutcome(String recipientAddress, DeliveryStatus status, String toIp,
                               Direction direction, String expandedFrom,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> finalRecipients) {
    public RecipientOutcome {
        finalRecipients = finalRecipients == null ? List.of() : List.copyOf(finalRecipients);
    }

    public RecipientOutcome(String recipientAddress, DeliveryStatus status, String toIp, Direction direction,
                            String expandedFrom) {
        this(recipientAddress, status, toIp, direction, expandedFrom, List.of());
    }
}
