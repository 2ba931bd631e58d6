package org.mailtrace.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The correlator's open-message state as a checkpoint carries it: opaque bytes that are streamed
 * into the store and back, never held as one String (at a million messages a day it is tens of
 * megabytes, and copying it whole ran a 1 GB heap out of memory).
 *
 * <p>Contract: a store calls {@link #writeTo} at most once per commit, inside the commit, and the
 * bytes written become durable atomically with the commit's traces; the state a store returns from
 * {@link TraceWriter#checkpoint()} yields exactly those bytes from {@link #open()}, for as long as
 * no later commit replaced it.
 */
@FunctionalInterface
public interface SavedState {

    /** Writes the state's bytes; does not close {@code out}. */
    void writeTo(OutputStream out) throws IOException;

    /** Reads the bytes back; the caller closes the stream. This default buffers them: stores stream instead. */
    default InputStream open() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        writeTo(buffer);
        return new ByteArrayInputStream(buffer.toByteArray());
    }

    /** The bytes as UTF-8 text: for tests and small states. */
    default String text() throws IOException {
        try (InputStream in = open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A state holding this text (UTF-8): for tests and small states. */
    static SavedState ofText(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return out -> out.write(bytes);
    }
}
