package org.mailtrace.format.exchange;

import java.util.Map;

import org.mailtrace.correlate.RowEffects;

/**
 * What Exchange's rows do to rows (see {@link RowEffects}): the store driver ({@code STOREDRIVER}
 * DELIVER) puts mail in a mailbox; a {@code POISONMESSAGE} row, which {@link TrackingRows} reads
 * as a hold by program {@code poisonmessage}, is logged when the message is put in the poison
 * message queue and again when it is taken out.
 */
final class ExchangeRowEffects implements RowEffects {
    static final ExchangeRowEffects INSTANCE = new ExchangeRowEffects();

    private ExchangeRowEffects() {
    }

    @Override
    public Map<String, Delivery> deliveryAgents() {
        return Map.of("storedriver", Delivery.MAILBOX);
    }

    @Override
    public Map<String, QueueHandling> queueHandling() {
        return Map.of("poisonmessage", QueueHandling.POISON_QUEUE);
    }
}
