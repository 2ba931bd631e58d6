package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.apache.lucene.codecs.compressing.Compressor;
import org.apache.lucene.codecs.compressing.Decompressor;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** Any range of any chunk reads back byte for byte; a damaged chunk is an error, never wrong bytes. */
class FastDeflateModeTest {
    private static final int DICT = FastDeflateMode.DICTIONARY_BYTES;
    private static final int BLOCK = FastDeflateMode.BLOCK_BYTES;
    private static final int[] SIZES = {0, 1, 100, DICT - 1, DICT, DICT + 1, DICT + BLOCK - 1, DICT + BLOCK,
        DICT + BLOCK + 1, DICT + 3 * BLOCK + 17, 8 * BLOCK};

    private final FastDeflateMode mode = new FastDeflateMode();
    private final Random random = new Random(20261128);

    @Test
    void everyRangeOfTextLikeAndRandomChunksReadsBackExactly() throws IOException {
        for (int size : SIZES) {
            for (byte[] original : new byte[][] {textLike(size), randomBytes(size)}) {
                byte[] chunk = compress(original);
                assertRange(original, chunk, 0, size);
                for (int i = 0; i < 40; i++) {
                    int offset = size == 0 ? 0 : random.nextInt(size);
                    int length = random.nextInt(size - offset + 1);
                    assertRange(original, chunk, offset, length);
                }
                // Ranges that start or end right at the dictionary's and the blocks' edges.
                for (int edge : new int[] {DICT, DICT + BLOCK, DICT + 2 * BLOCK}) {
                    if (edge < size) {
                        assertRange(original, chunk, edge - 1, 2);
                        assertRange(original, chunk, edge, size - edge);
                        assertRange(original, chunk, 0, edge);
                    }
                }
            }
        }
    }

    @Test
    void textLikeInputCompressesWell() throws IOException {
        byte[] original = textLike(DICT + 4 * BLOCK);
        assertThat(compress(original).length).isLessThan(original.length / 4);
    }

    /** Lucene reads the slices of a large document one after another from one input. */
    @Test
    void aDecompressionConsumesExactlyItsChunk() throws IOException {
        byte[] first = textLike(DICT + 2 * BLOCK + 5);
        byte[] second = randomBytes(3000);
        byte[] a = compress(first);
        byte[] b = compress(second);
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);

        ByteArrayDataInput in = new ByteArrayDataInput(both);
        Decompressor d = mode.newDecompressor();
        BytesRef out = new BytesRef();
        d.decompress(in, first.length, DICT + BLOCK + 3, 10, out);
        assertThat(slice(out)).isEqualTo(Arrays.copyOfRange(first, DICT + BLOCK + 3, DICT + BLOCK + 13));
        d.decompress(in, second.length, 0, 0, out);
        assertThat(in.getPosition()).isEqualTo(both.length);

        in = new ByteArrayDataInput(both);
        d.decompress(in, first.length, 0, 0, out);
        d.decompress(in, second.length, 0, second.length, out);
        assertThat(slice(out)).isEqualTo(second);
    }

    @Test
    void aDamagedBlockIsACorruptIndexNotWrongBytes() throws IOException {
        byte[] original = textLike(DICT + 2 * BLOCK);
        byte[] chunk = compress(original);
        int damaged = 0;
        for (int i = chunk.length - 1; i > chunk.length - 400; i -= 37) {
            byte[] copy = chunk.clone();
            copy[i] ^= 0x5a;
            try {
                BytesRef out = new BytesRef();
                mode.newDecompressor().decompress(new ByteArrayDataInput(copy), original.length, 0, original.length, out);
                assertThat(slice(out)).as("byte %d damaged", i).isEqualTo(original);
            } catch (CorruptIndexException expected) {
                damaged++;
            }
        }
        assertThat(damaged).isGreaterThan(0);
    }

    @Test
    void aHeaderThatCannotHoldTheChunkIsRejected() throws IOException {
        byte[] chunk = compress(textLike(DICT + BLOCK));
        assertThatThrownBy(() -> mode.newDecompressor().decompress(new ByteArrayDataInput(chunk), DICT + 3 * BLOCK, 0, 10,
                new BytesRef())).isInstanceOf(CorruptIndexException.class).hasMessageContaining("header");
    }

    private void assertRange(byte[] original, byte[] chunk, int offset, int length) throws IOException {
        BytesRef out = new BytesRef();
        ByteArrayDataInput in = new ByteArrayDataInput(chunk);
        mode.newDecompressor().decompress(in, original.length, offset, length, out);
        assertThat(slice(out)).as("size %d, range %d+%d", original.length, offset, length)
                .isEqualTo(Arrays.copyOfRange(original, offset, offset + length));
        assertThat(in.getPosition()).as("consumed").isEqualTo(chunk.length);
    }

    private byte[] compress(byte[] original) throws IOException {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        try (Compressor c = mode.newCompressor()) {
            ByteBuffersDataOutput input = new ByteBuffersDataOutput();
            input.writeBytes(original);
            ByteBuffersDataInput in = input.toDataInput();
            c.compress(in, out);
        }
        return out.toArrayCopy();
    }

    private static byte[] slice(BytesRef b) {
        return Arrays.copyOfRange(b.bytes, b.offset, b.offset + b.length);
    }

    /** Trace-JSON-like text: repeated names and values with varying numbers. */
    private byte[] textLike(int size) {
        StringBuilder s = new StringBuilder();
        while (s.length() < size) {
            s.append("{\"event\":\"DELIVER\",\"host\":\"mx").append(random.nextInt(3)).append("\",\"queueId\":\"")
                    .append(Integer.toHexString(random.nextInt())).append("\",\"reply\":\"250 2.0.0 Ok\"}");
        }
        return Arrays.copyOf(s.toString().getBytes(StandardCharsets.UTF_8), size);
    }

    private byte[] randomBytes(int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
