package org.mailtrace.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;

/** Standard input (or any stream), plain or gzip. Not resumable: its identity is null. */
public final class StreamLineSource implements LineSource {
    private final String name;
    private final InputStream in;
    private final LineReader reader;

    public StreamLineSource(String name, InputStream raw, int maxLineBytes) throws IOException {
        this.name = name;
        PushbackInputStream peek = new PushbackInputStream(new BufferedInputStream(raw, 65536), 2);
        byte[] magic = new byte[2];
        int n = peek.readNBytes(magic, 0, 2);
        peek.unread(magic, 0, n);
        this.in = n == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b ? new GZIPInputStream(peek, 65536) : peek;
        this.reader = new LineReader(in, 0, 0, maxLineBytes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String identity() {
        return null;
    }

    @Override
    public long sizeHint() {
        return -1;
    }

    @Override
    public SourceLine next() throws IOException {
        return reader.next();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
