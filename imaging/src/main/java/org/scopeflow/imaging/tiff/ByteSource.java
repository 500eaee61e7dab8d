package org.scopeflow.imaging.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random-access bytes: a file, or an array (fuzz tests). Reads beyond the end return fewer bytes. */
interface ByteSource {
    long length() throws IOException;

    /** Fills {@code into} from {@code position} as far as the data goes; returns bytes read. */
    int read(long position, ByteBuffer into) throws IOException;

    static ByteSource of(FileChannel channel) {
        return new ByteSource() {
            @Override
            public long length() throws IOException {
                return channel.size();
            }

            @Override
            public int read(long position, ByteBuffer into) throws IOException {
                int total = 0;
                while (into.hasRemaining()) {
                    int n = channel.read(into, position + total);
                    if (n < 0) {
                        break;
                    }
                    total += n;
                }
                return total;
            }
        };
    }

    static ByteSource of(byte[] data) {
        return new ByteSource() {
            @Override
            public long length() {
                return data.length;
            }

            @Override
            public int read(long position, ByteBuffer into) {
                if (position >= data.length) {
                    return 0;
                }
                int n = (int) Math.min(into.remaining(), data.length - position);
                into.put(data, (int) position, n);
                return n;
            }
        };
    }
}
