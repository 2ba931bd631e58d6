package org.mailtrace.model;

/**
 * A link from one trace to another.
 *
 * @param messageTraceId the other trace
 * @param relation       one of {@link #NDR} (a bounce notification about this message),
 *                       {@link #NDR_OF} (this is a notification about that message),
 *                       {@link #FORWARDED_COPY}, {@link #FORWARDED_FROM}, {@link #SAME_MESSAGE_ID}
 */
public record RelatedTrace(String messageTraceId, String relation) {
    public static final String NDR = "ndr";
    public static final String NDR_OF = "ndr-of";
    public static final String FORWARDED_COPY = "forwarded-copy";
    public static final String FORWARDED_FROM = "forwarded-from";
    public static final String SAME_MESSAGE_ID = "same-message-id";
}
