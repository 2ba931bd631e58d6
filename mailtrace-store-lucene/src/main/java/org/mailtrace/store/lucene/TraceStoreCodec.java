package org.mailtrace.store.lucene;

import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;

/**
 * The codec new segments are written with: Lucene's default formats, stored fields compressed with
 * {@link FastDeflateMode}. Lucene records the codec name in each segment and finds the class by
 * that name (META-INF/services), so the name and the stored-fields format name are part of the
 * store format: never reuse them for a different layout. Segments written before this codec existed
 * keep being read with Lucene's own codec.
 *
 * <p>Public with a no-argument constructor only because Lucene's service loader requires it.
 */
public final class TraceStoreCodec extends FilterCodec {
    /** The name in every segment this codec writes. */
    public static final String NAME = "MailtraceTraces1";

    // Chunks of up to 512 KB or 4096 documents, as many as Lucene's best-compression mode holds.
    private static final int CHUNK_BYTES = 8 * FastDeflateMode.BLOCK_BYTES;
    private static final int MAX_DOCS_PER_CHUNK = 4096;
    private static final int BLOCK_SHIFT = 10;

    private final StoredFieldsFormat storedFields = new Lucene90CompressingStoredFieldsFormat(
            "MailtraceStoredFastDeflate1", new FastDeflateMode(), CHUNK_BYTES, MAX_DOCS_PER_CHUNK, BLOCK_SHIFT);

    public TraceStoreCodec() {
        super(NAME, new Lucene912Codec(Lucene912Codec.Mode.BEST_COMPRESSION));
    }

    @Override
    public StoredFieldsFormat storedFieldsFormat() {
        return storedFields;
    }
}
