package org.scopeflow.ingest.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scopeflow.ingest.ChecksumAlgorithm;

/** The one-shot digests of small files equal the streamed ones, whatever the size and however the stream is cut. */
class MultiHasherTest {
    private static final Set<ChecksumAlgorithm> BOTH = Set.of(ChecksumAlgorithm.XXH3_128, ChecksumAlgorithm.SHA256);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 17, 128, 129, 240, 241, 1024, 65_536, 65_537, 262_144, 1_000_003})
    void wholeEqualsStreamedInPieces(int size) throws Exception {
        byte[] data = new byte[size + 7];
        new Random(size).nextBytes(data);
        MultiHasher streamed = new MultiHasher(BOTH);
        for (int off = 3, piece = 1; off < size + 3; off += piece, piece = piece * 3 + 1) {
            streamed.update(data, off, Math.min(piece, size + 3 - off));
        }
        var whole = MultiHasher.whole(BOTH, data, 3, size);
        assertThat(whole).isEqualTo(streamed.digests());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(data, 3, size);
        assertThat(whole.get(ChecksumAlgorithm.SHA256)).isEqualTo(HexFormat.of().formatHex(md.digest()));
    }
}
