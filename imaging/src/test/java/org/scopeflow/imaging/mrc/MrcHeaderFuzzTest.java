package org.scopeflow.imaging.mrc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.scopeflow.imaging.ImageFormatException;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the MRC header parser and reader with headers built from typed fields. Only an exception
 * other than {@link ImageFormatException} (or a failed invariant) is a finding. Stored inputs in
 * src/test/resources/…/MrcHeaderFuzzTestInputs/ replay in every {@code mvn verify}; set
 * JAZZER_FUZZ=1 to fuzz.
 */
class MrcHeaderFuzzTest {
    private static Path file;

    @BeforeAll
    static void createFile() throws IOException {
        file = Files.createTempFile("mrc-fuzz", ".mrc");
    }

    @AfterAll
    static void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @FuzzTest(maxDuration = "90s")
    void decodeHeader(FuzzedDataProvider data) {
        ByteBuffer header = header(data, false);
        long fileLength = data.consumeBoolean() ? data.consumeLong(0, 1L << 40) : header.getLong(1016);
        header.limit(data.consumeBoolean() ? 1024 : data.consumeInt(0, 1024));
        try {
            MrcHeader decoded = MrcHeaderCodec.decode(header, fileLength, "fuzz.mrc");
            assertThat(decoded.expectedFileBytes()).isEqualTo(fileLength);
            assertThat(decoded.nx()).isBetween(1, MrcHeaderCodec.MAX_DIMENSION);
            assertThat((long) decoded.nx() * decoded.ny()).isLessThanOrEqualTo(MrcHeaderCodec.MAX_SECTION_PIXELS);
            assertThat(MrcHeaderCodec.decode(MrcHeaderCodec.encode(decoded), fileLength, "again.mrc"))
                    .isEqualTo(decoded);
        } catch (ImageFormatException expected) {
            assertThat(expected.getMessage()).startsWith("fuzz.mrc: ");
        }
    }

    @FuzzTest(maxDuration = "90s")
    void readFile(FuzzedDataProvider data) throws IOException {
        ByteBuffer header = header(data, true);
        int extended = Math.max(0, Math.min(header.getInt(92), 256));
        byte[] rest = data.consumeBytes(extended + data.consumeInt(0, 4096));
        Files.write(file, concat(header.array(), rest));
        try {
            MrcData read = MrcReader.read(file);
            assertThat(read.sections()).hasSize(read.header().nz());
            assertThat(read.extendedHeader()).hasSize(read.header().extendedHeaderBytes());
            int z = read.header().nz() - 1;
            assertThat(MrcReader.readSection(file, z).pixels()).hasSize(read.header().nx() * read.header().ny());
        } catch (ImageFormatException expected) {
            assertThat(expected.getMessage()).startsWith(file + ": ");
        }
    }

    /** A 1024-byte header; {@code small} keeps sizes small enough for a real file to match them. */
    private static ByteBuffer header(FuzzedDataProvider data, boolean small) {
        ByteBuffer b = ByteBuffer.allocate(1024).order(data.consumeBoolean() ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN);
        b.putInt(0, small ? data.consumeInt(-1, 40) : dimension(data));
        b.putInt(4, small ? data.consumeInt(-1, 40) : dimension(data));
        b.putInt(8, small ? data.consumeInt(-1, 8) : dimension(data));
        b.putInt(12, data.consumeBoolean() ? data.pickValue(new int[] {0, 1, 2, 6, 12}) : data.consumeInt());
        b.putInt(92, data.consumeBoolean() ? data.consumeInt(-2, 300) : data.consumeInt());
        b.putInt(88, data.consumeInt(-1, 700));
        b.putInt(220, data.consumeInt(-2, 12));
        int stamp = data.consumeInt(0, 3);
        byte stampByte = stamp == 0 ? 0x44 : stamp == 1 ? 0x11 : stamp == 2 ? 0 : data.consumeByte();
        b.put(212, stampByte).put(213, stamp == 3 ? data.consumeByte() : stampByte);
        for (int offset : new int[] {16, 28, 40, 64, 76, 104, 196, 216, 224}) {
            if (data.consumeBoolean()) {
                b.putInt(offset, data.consumeInt());
            }
        }
        b.putLong(1016, data.consumeLong(0, 1L << 36)); // spare bytes: carries a candidate file length
        return b;
    }

    private static int dimension(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.consumeInt(-2, 70000) : data.consumeInt();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
