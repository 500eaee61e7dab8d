package org.scopeflow.imaging.qc;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PngEncoderTest {
    @ParameterizedTest
    @CsvSource({"1, 1, 1", "37, 5, 1", "300, 200, 1", "40, 30, 6"})
    void imageIoReadsBackEveryPixel(int width, int height, int type) throws Exception {
        BufferedImage image = new BufferedImage(width, height, type);
        Random random = new Random(width * 7919L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0xff000000 | random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngEncoder.write(image, out);

        BufferedImage back = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.getWidth()).isEqualTo(width);
        assertThat(back.getHeight()).isEqualTo(height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                assertThat(back.getRGB(x, y) & 0xffffff).as("pixel (%d, %d)", x, y)
                        .isEqualTo(image.getRGB(x, y) & 0xffffff);
            }
        }
    }
}
