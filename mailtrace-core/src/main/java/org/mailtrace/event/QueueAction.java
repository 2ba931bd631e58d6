package org.mailtrace.event;

/**
 * What an administrator (or the MTA on their behalf) did to a queued message
 * ({@link QueueAdminAction#action()}). The word is what snapshots and event data hold.
 */
public enum QueueAction {
    /** Postfix {@code postsuper -h}; Exim freezing a message. */
    HOLD("hold"),
    /** Postfix {@code postsuper -H}; Exim thawing a message. */
    RELEASE("release"),
    /** Postfix {@code postsuper -r}: queued again for delivery. */
    REQUEUE("requeue"),
    /** Postfix {@code postsuper -d}; Exim {@code -Mrm}: the mail is gone. */
    DELETE("delete"),
    /** Exim {@code -Mg} and {@code timeout_frozen_after}: the undelivered recipients fail, a bounce follows. */
    CANCEL("cancel");

    private final String word;

    QueueAction(String word) {
        this.word = word;
    }

    /** The lower-case word: {@code hold}, {@code release}, {@code requeue}, {@code delete}, {@code cancel}. */
    public String word() {
        return word;
    }

    /** The action a word names; IllegalArgumentException for any other word. */
    public static QueueAction of(String word) {
        for (QueueAction a : values()) {
            if (a.word.equals(word)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown queue action '" + word + "'");
    }

    @Override
    public String toString() {
        return word;
    }
}
