package org.scopeflow.ingest.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.ingest.MetadataValue;

public class EpuXmlExtractorTest {
    /** Shaped like EPU's MicroscopeImage XML (data-contract namespaces, CustomData key/value pairs). */
    public static final String EPU_XML = """
            <?xml version="1.0" encoding="utf-8"?>
            <MicroscopeImage xmlns="http://schemas.datacontract.org/2004/07/Fei.SharedObjects"
                             xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
              <CustomData xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
                <a:KeyValueOfstringanyType><a:Key>AppliedDefocus</a:Key><a:Value i:type="b:double">-1.5E-06</a:Value></a:KeyValueOfstringanyType>
                <a:KeyValueOfstringanyType><a:Key>Dose</a:Key><a:Value i:type="b:double">4.5E+20</a:Value></a:KeyValueOfstringanyType>
              </CustomData>
              <SpatialScale><pixelSize><x><numericValue>8.3E-11</numericValue></x><y><numericValue>8.3E-11</numericValue></y></pixelSize></SpatialScale>
              <microscopeData>
                <acquisition><camera><ExposureTime>2.5</ExposureTime></camera></acquisition>
                <gun><AccelerationVoltage>300000</AccelerationVoltage></gun>
                <optics><Defocus>-1.4E-06</Defocus></optics>
              </microscopeData>
            </MicroscopeImage>
            """;

    @TempDir
    Path tmp;

    @Test
    void readsVoltagePixelSizeDoseExposureAndNominalDefocusWithUnits() throws Exception {
        Path f = Files.writeString(tmp.resolve("FoilHole_1_Data_2.xml"), EPU_XML);
        assertThat(new EpuXmlExtractor().extract(f)).containsExactlyInAnyOrder(
                new MetadataValue("voltage_kv", "300", "kV"),
                new MetadataValue("pixel_size_angstrom", "0.83", "Å"),
                new MetadataValue("exposure_time_s", "2.5", "s"),
                new MetadataValue("dose_e_per_angstrom2", "4.5", "e/Å²"),
                new MetadataValue("nominal_defocus_um", "1.5", "µm"));
    }

    @Test
    void malformedXmlNamesTheFile() throws Exception {
        Path f = Files.writeString(tmp.resolve("broken.xml"), "<MicroscopeImage><gun>");
        assertThat(new MetadataReader(MetadataReader.builtIn()).read(f))
                .singleElement().satisfies(v -> assertThat(v.value()).contains("broken.xml"));
    }

    @Test
    void readsSerialEmMdoc() throws Exception {
        Path f = Files.writeString(tmp.resolve("ts_01.mrc.mdoc"), """
                PixelSpacing = 1.35
                Voltage = 300
                ImageFile = ts_01.mrc

                [ZValue = 0]
                TiltAngle = 0.01
                ExposureDose = 3
                ExposureTime = 0.8
                NumSubFrames = 10
                TargetDefocus = -3

                [ZValue = 1]
                TiltAngle = -3.0
                ExposureDose = 3
                """);
        assertThat(new MdocExtractor().extract(f)).contains(
                new MetadataValue("section_count", "2", ""),
                new MetadataValue("pixel_size_angstrom", "1.35", "Å"),
                new MetadataValue("voltage_kv", "300", "kV"),
                new MetadataValue("frames", "10", ""),
                new MetadataValue("nominal_defocus_um", "3", "µm"),
                new MetadataValue("dose_e_per_angstrom2", "6", "e/Å²"),
                new MetadataValue("tilt_min_deg", "-3", "°"));
    }
}
