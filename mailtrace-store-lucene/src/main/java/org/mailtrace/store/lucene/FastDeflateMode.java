package org.mailtrace.store.lucene;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.compressing.Compressor;
import org.apache.lucene.codecs.compressing.Decompressor;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;

/**
 * Stored-field compression for the stored traces: DEFLATE at a fast level instead of Lucene's
 * level 6. Profiling a batch ingest showed Lucene's DEFLATE at about 40% of the indexing thread.
 * With traces stored as Smile ({@link StoredTrace}) the fast level still gives a smaller store than
 * level 6 over plain JSON did (docs/benchmark.md has the figures).
 *
 * <p>A chunk is cut into a dictionary (its first {@link #DICTIONARY_BYTES}) and blocks of
 * {@link #BLOCK_BYTES}; every block is compressed on its own with the dictionary preset, so reading
 * one trace inflates the dictionary and the blocks it spans, not the whole chunk. Layout:
 * <pre>
 *   vint dictionaryLength, vint blockLength, vint blockCount,
 *   vint compressedLength (dictionary), vint compressedLength (per block),
 *   zlib stream (dictionary), zlib stream (per block, with the dictionary preset)
 * </pre>
 * A decompression always consumes the whole chunk, as Lucene reads the slices of a large document
 * one after another from the same input.
 */
final class FastDeflateMode extends CompressionMode {
    /** zlib level 2: on the benchmark log as fast as level 1 and a little smaller (docs/benchmark.md). */
    static final int LEVEL = 2;
    static final int DICTIONARY_BYTES = 16 * 1024;
    static final int BLOCK_BYTES = 64 * 1024;

    @Override
    public Compressor newCompressor() {
        return new FastCompressor();
    }

    @Override
    public Decompressor newDecompressor() {
        return new FastDecompressor();
    }

    @Override
    public String toString() {
        return "FastDeflate(level=" + LEVEL + ")";
    }

    private static final class FastCompressor extends Compressor {
        private final Deflater deflater = new Deflater(LEVEL);
        private byte[] input = new byte[0];
        private byte[] output = new byte[0];

        @Override
        public void compress(ByteBuffersDataInput in, DataOutput out) throws IOException {
            int length = Math.toIntExact(in.length());
            input = ArrayUtil.growNoCopy(input, length);
            in.readBytes(input, 0, length);

            int dictionary = Math.min(DICTIONARY_BYTES, length);
            int blocks = (length - dictionary + BLOCK_BYTES - 1) / BLOCK_BYTES;
            int[] ends = new int[blocks + 1];
            int written = deflate(input, 0, dictionary, false, 0);
            ends[0] = written;
            for (int b = 0; b < blocks; b++) {
                int start = dictionary + b * BLOCK_BYTES;
                int end = Math.min(length, start + BLOCK_BYTES);
                written = deflate(input, start, end - start, true, written);
                ends[b + 1] = written;
            }

            out.writeVInt(dictionary);
            out.writeVInt(BLOCK_BYTES);
            out.writeVInt(blocks);
            for (int i = 0; i <= blocks; i++) {
                out.writeVInt(ends[i] - (i == 0 ? 0 : ends[i - 1]));
            }
            out.writeBytes(output, 0, written);
        }

        /** Appends one zlib stream of {@code input[start, start+len)} to {@link #output} at {@code at}; returns the new end. */
        private int deflate(byte[] data, int start, int len, boolean withDictionary, int at) {
            deflater.reset();
            if (withDictionary) {
                deflater.setDictionary(data, 0, DICTIONARY_BYTES);
            }
            deflater.setInput(data, start, len);
            deflater.finish();
            int end = at;
            while (!deflater.finished()) {
                // Incompressible input grows by a few bytes per 16 KB plus the zlib header and checksum.
                output = ArrayUtil.grow(output, end + len / 8 + 64);
                end += deflater.deflate(output, end, output.length - end);
            }
            return end;
        }

        @Override
        public void close() {
            deflater.end();
        }
    }

    private static final class FastDecompressor extends Decompressor {
        private final Inflater inflater = new Inflater();
        private byte[] compressed = new byte[0];
        private final byte[] trailer = new byte[1];

        @Override
        public void decompress(DataInput in, int originalLength, int offset, int length, BytesRef bytes) throws IOException {
            int dictionary = in.readVInt();
            int blockBytes = in.readVInt();
            int blocks = in.readVInt();
            if (dictionary < 0 || dictionary > originalLength || blockBytes <= 0 || blocks < 0 || dictionary + (long) blocks * blockBytes < originalLength
                    || offset < 0 || length < 0 || offset + (long) length > originalLength) {
                throw new CorruptIndexException("stored fields chunk header does not fit: dictionary " + dictionary
                        + ", block " + blockBytes + ", blocks " + blocks + ", original " + originalLength
                        + ", wanted " + offset + "+" + length, in);
            }
            int[] sizes = new int[blocks + 1];
            for (int i = 0; i <= blocks; i++) {
                sizes[i] = in.readVInt();
                if (sizes[i] < 0) {
                    throw new CorruptIndexException("stored fields block " + i + " has a negative length " + sizes[i], in);
                }
            }

            if (length == 0) {
                in.skipBytes(sum(sizes));
                bytes.offset = 0;
                bytes.length = 0;
                return;
            }
            // Blocks [first, last] hold the wanted range; the dictionary is always inflated (it is
            // preset for every block), and it sits in front of them in bytes.bytes.
            int wantedEnd = offset + length;
            int first = offset < dictionary ? 0 : (offset - dictionary) / blockBytes;
            int last = wantedEnd <= dictionary ? -1 : (wantedEnd - 1 - dictionary) / blockBytes;
            int decodedEnd = last < 0 ? dictionary : Math.min(originalLength, dictionary + (last + 1) * blockBytes);
            int blockStart = dictionary + first * blockBytes;
            bytes.bytes = ArrayUtil.growNoCopy(bytes.bytes, dictionary + Math.max(0, decodedEnd - blockStart));

            inflate(in, sizes[0], bytes.bytes, 0, dictionary, 0);
            int at = dictionary;
            for (int b = 0; b < blocks; b++) {
                if (b < first || b > last) {
                    in.skipBytes(sizes[b + 1]);
                    continue;
                }
                int len = Math.min(blockBytes, originalLength - (dictionary + b * blockBytes));
                inflate(in, sizes[b + 1], bytes.bytes, at, len, dictionary);
                at += len;
            }
            bytes.offset = offset < dictionary ? offset : dictionary + (offset - blockStart);
            bytes.length = length;
        }

        /** Inflates one zlib stream of {@code size} bytes into {@code into[at, at+len)}; the preset dictionary is {@code into[0, dictionary)}. */
        private void inflate(DataInput in, int size, byte[] into, int at, int len, int dictionary) throws IOException {
            compressed = ArrayUtil.growNoCopy(compressed, size);
            in.readBytes(compressed, 0, size);
            inflater.reset();
            inflater.setInput(compressed, 0, size);
            try {
                int done = 0;
                while (done < len) {
                    int n = inflater.inflate(into, at + done, len - done);
                    if (n == 0) {
                        if (!inflater.needsDictionary() || dictionary == 0 || done > 0) {
                            throw new CorruptIndexException("stored fields block ends after " + done + " of " + len + " bytes", in);
                        }
                        inflater.setDictionary(into, 0, dictionary);
                    }
                    done += n;
                }
                // Read on to the stream's end, so its checksum is verified and a longer stream is caught.
                if (!inflater.finished() && (inflater.inflate(trailer) != 0 || !inflater.finished())) {
                    throw new CorruptIndexException("stored fields block is longer than " + len + " bytes", in);
                }
            } catch (DataFormatException e) {
                throw new CorruptIndexException("stored fields block is not a valid zlib stream: " + e.getMessage(), in, e);
            }
        }

        private static long sum(int[] sizes) {
            long total = 0;
            for (int s : sizes) {
                total += s;
            }
            return total;
        }

        @Override
        public Decompressor clone() {
            return new FastDecompressor();
        }
    }
}
