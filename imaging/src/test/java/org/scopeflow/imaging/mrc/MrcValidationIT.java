package org.scopeflow.imaging.mrc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scopeflow.imaging.ExternalTool;
import org.scopeflow.imaging.image.FloatImage;

/** Files we write pass {@code mrcfile.validate} (Debian python3-mrcfile), the community's reference. */
class MrcValidationIT {
    private static final String VALIDATE =
            "import mrcfile,sys; sys.exit(0 if mrcfile.validate(sys.argv[1]) else 1)";
    private static String python;

    @TempDir
    Path dir;

    @BeforeAll
    static void findPython() {
        python = ExternalTool.pythonWith("mrcfile");
        ExternalTool.require(python != null, "python3-mrcfile (Python mrcfile package)");
    }

    enum Layout { IMAGE, STACK, VOLUME, EXTENDED_HEADER }

    static Stream<Arguments> files() {
        List<Arguments> cases = new ArrayList<>();
        for (MrcMode mode : MrcMode.values()) {
            for (Layout layout : Layout.values()) {
                cases.add(Arguments.of(mode, layout, ByteOrder.LITTLE_ENDIAN));
            }
            cases.add(Arguments.of(mode, Layout.STACK, ByteOrder.BIG_ENDIAN));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("files")
    void writtenFilesPassMrcfileValidation(MrcMode mode, Layout layout, ByteOrder order) throws Exception {
        int sections = layout == Layout.IMAGE ? 1 : 6;
        List<FloatImage> data = validatablePixels(mode, sections);
        MrcWriteOptions options = MrcWriteOptions.of(mode, 1.34).withByteOrder(order)
                .withVolume(layout == Layout.VOLUME).withLabels(List.of("Scopeflow MrcValidationIT"));
        if (layout == Layout.EXTENDED_HEADER) {
            options = options.withExtendedHeader(new byte[1024], "SERI");
        }
        Path file = dir.resolve(mode + "-" + layout + (layout == Layout.STACK ? ".mrcs" : ".mrc"));
        MrcWriter.write(file, data, options);

        ExternalTool.Result result = ExternalTool.run(dir, List.of(python, "-c", VALIDATE, file.toString()));
        assertThat(result.exitCode()).as("mrcfile.validate(%s) said:%n%s", file.getFileName(), result.output())
                .isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void mrcfileSeesOurPixelSizeAndData(MrcMode mode) throws Exception {
        List<FloatImage> data = MrcRoundTripTest.exactPixels(mode, 5, 3, 2);
        Path file = dir.resolve("check.mrcs");
        MrcWriter.write(file, data, MrcWriteOptions.of(mode, 0.75));
        String script = "import mrcfile,sys\n"
                + "m = mrcfile.open(sys.argv[1], permissive=False)\n"
                + "print(m.voxel_size.x, m.data.shape, m.is_image_stack(), float(m.data[1, 2, 4]))\n";
        ExternalTool.Result result = ExternalTool.run(dir, List.of(python, "-c", script, file.toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        float expected = data.get(1).get(4, 2);
        assertThat(result.output().trim()).isEqualTo("0.75 (2, 3, 5) True " + (double) expected);
    }

    /**
     * mrcfile computes float16 mean and standard deviation with float16 results (numpy), which
     * overflow to inf once a sum passes 65504, and then calls any header wrong: float16 data here is
     * centred on 0 with a small spread. Other modes use their full value range.
     */
    private static List<FloatImage> validatablePixels(MrcMode mode, int sections) {
        if (mode != MrcMode.FLOAT16) {
            return MrcRoundTripTest.exactPixels(mode, 30, 22, sections);
        }
        List<FloatImage> data = org.scopeflow.imaging.TestImages.gaussian(9, 30, 22, sections, 0, 1.5);
        data.forEach(image -> {
            float[] p = image.pixels();
            for (int i = 0; i < p.length; i++) {
                p[i] = MrcPixelCodec.quantize(MrcMode.FLOAT16, p[i]);
            }
        });
        return data;
    }

    static Stream<MrcMode> modes() {
        return Stream.of(MrcMode.values());
    }

}
