package org.scopeflow.imaging.tiff;

import java.io.IOException;

import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;

import com.twelvemonkeys.imageio.plugins.tiff.BigTIFFImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.tiff.BigTIFFImageWriterSpi;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriterSpi;

/**
 * The TwelveMonkeys TIFF reader and writer, picked by class rather than by format name: since Java 9
 * the JDK ships its own "tiff" plugin, and which one {@code ImageIO.getImageReadersByFormatName}
 * returns first depends on registration order. We use the instance registered in the default
 * {@link IIORegistry} when there is one (the jar's META-INF/services), else a fresh SPI.
 */
final class TwelveMonkeysPlugins {
    private TwelveMonkeysPlugins() {
    }

    static ImageReader reader(boolean bigTiff) throws IOException {
        ImageReaderSpi spi = bigTiff
                ? registered(BigTIFFImageReaderSpi.class, new BigTIFFImageReaderSpi())
                : registered(TIFFImageReaderSpi.class, new TIFFImageReaderSpi());
        return spi.createReaderInstance();
    }

    static ImageWriter writer(boolean bigTiff) throws IOException {
        ImageWriterSpi spi = bigTiff
                ? registered(BigTIFFImageWriterSpi.class, new BigTIFFImageWriterSpi())
                : registered(TIFFImageWriterSpi.class, new TIFFImageWriterSpi());
        return spi.createWriterInstance();
    }

    private static <T> T registered(Class<T> type, T fallback) {
        T spi = IIORegistry.getDefaultInstance().getServiceProviderByClass(type);
        return spi != null ? spi : fallback;
    }
}
