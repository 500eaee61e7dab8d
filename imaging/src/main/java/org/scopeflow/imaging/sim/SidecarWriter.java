package org.scopeflow.imaging.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes the acquisition metadata an instrument leaves beside a movie: an EPU-like MicroscopeImage XML
 * (SI units as EPU writes them: volts, metres, seconds, electrons per m²; defocus negative for
 * underfocus) or a SerialEM .mdoc (µm for defocus, negative for underfocus; Å for pixel spacing; e⁻/Å²
 * for dose). The defocus written is the nominal (target) defocus, as a microscope knows it, rounded
 * to 0.1 µm — not the true one. Stateless.
 */
public final class SidecarWriter {
    private SidecarWriter() {}

    /** What the sidecar records about one exposure. */
    public record Exposure(String movieFileName, int sizePixel, int frames, double pixelSizeAngstrom,
            double voltageKilovolt, double doseElectronPerAngstrom2, double exposureSeconds,
            double nominalDefocusMicrometer, ZonedDateTime acquiredAt) {}

    public static void writeEpuXml(Path file, Exposure e) throws IOException {
        String when = e.acquiredAt().withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT);
        String xml = String.format(Locale.ROOT, """
                <?xml version="1.0" encoding="utf-8"?>
                <MicroscopeImage xmlns="http://schemas.datacontract.org/2004/07/Fei.SharedObjects" \
                xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
                  <name>%s</name>
                  <microscopeData>
                    <acquisition><acquisitionDateTime>%s</acquisitionDateTime></acquisition>
                    <gun><AccelerationVoltage>%.1f</AccelerationVoltage></gun>
                    <optics><Defocus>%.4E</Defocus></optics>
                    <camera><ExposureTime>%.4f</ExposureTime><NumberOfFractions>%d</NumberOfFractions>\
                <ReadoutArea><width>%d</width><height>%d</height></ReadoutArea></camera>
                  </microscopeData>
                  <SpatialScale><pixelSize>
                    <x><numericValue>%.6E</numericValue><unit><symbol>m</symbol></unit></x>
                    <y><numericValue>%.6E</numericValue><unit><symbol>m</symbol></unit></y>
                  </pixelSize></SpatialScale>
                  <CustomData>
                    <KeyValueOfstringanyType><Key>Dose</Key><Value>%.6E</Value></KeyValueOfstringanyType>
                  </CustomData>
                </MicroscopeImage>
                """, e.movieFileName(), when, e.voltageKilovolt() * 1000, -e.nominalDefocusMicrometer() * 1e-6,
                e.exposureSeconds(), e.frames(), e.sizePixel(), e.sizePixel(), e.pixelSizeAngstrom() * 1e-10,
                e.pixelSizeAngstrom() * 1e-10, e.doseElectronPerAngstrom2() * 1e20);
        Files.writeString(file, xml, StandardCharsets.UTF_8);
    }

    public static void writeMdoc(Path file, Exposure e) throws IOException {
        String when = e.acquiredAt().format(DateTimeFormatter.ofPattern("dd-MMM-yy  HH:mm:ss", Locale.ROOT));
        String mdoc = String.format(Locale.ROOT, """
                PixelSpacing = %.4f
                Voltage = %.0f
                ImageFile = %s
                ImageSize = %d %d
                DataMode = 6

                [T = SerialEM simulated by scopeflow]

                [ZValue = 0]
                PixelSpacing = %.4f
                Voltage = %.0f
                ExposureDose = %.3f
                Defocus = %.3f
                TargetDefocus = %.3f
                ExposureTime = %.4f
                NumSubFrames = %d
                FrameDosesAndNumber = %.4f %d
                SubFramePath = %s
                DateTime = %s
                """, e.pixelSizeAngstrom(), e.voltageKilovolt(), e.movieFileName(), e.sizePixel(), e.sizePixel(),
                e.pixelSizeAngstrom(), e.voltageKilovolt(), e.doseElectronPerAngstrom2(),
                -e.nominalDefocusMicrometer(), -e.nominalDefocusMicrometer(), e.exposureSeconds(), e.frames(),
                e.doseElectronPerAngstrom2() / e.frames(), e.frames(), e.movieFileName(), when);
        Files.writeString(file, mdoc, StandardCharsets.UTF_8);
    }
}
