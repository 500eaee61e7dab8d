package org.scopeflow.ingest.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.scopeflow.ingest.MetadataValue;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * EPU (Thermo Fisher) per-exposure XML ({@code MicroscopeImage}): acceleration voltage (V → kV), pixel
 * size (m → Å, {@code SpatialScale/pixelSize/x/numericValue}), exposure time (s), dose (CustomData
 * {@code Dose}, e/m² → e/Å²) and nominal defocus (CustomData {@code AppliedDefocus}, else
 * {@code optics/Defocus}; m → µm, stored positive for underfocus as RELION does). Elements are matched
 * by local name, so EPU's data-contract namespaces do not matter. External entities are disabled.
 */
public final class EpuXmlExtractor implements MetadataExtractor {
    @Override
    public boolean accepts(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".xml");
    }

    @Override
    public List<MetadataValue> extract(Path file) throws IOException {
        Document doc = parse(file);
        Element root = doc.getDocumentElement();
        List<MetadataValue> out = new ArrayList<>();
        if (!root.getLocalName().equals("MicroscopeImage")) {
            return out;
        }
        number(path(root, "microscopeData", "gun", "AccelerationVoltage"), file, "AccelerationVoltage")
                .ifPresent(v -> out.add(MetadataValue.number("voltage_kv", v / 1000, "kV")));
        number(path(root, "SpatialScale", "pixelSize", "x", "numericValue"), file, "pixelSize")
                .ifPresent(v -> out.add(MetadataValue.number("pixel_size_angstrom", v * 1e10, "Å")));
        number(path(root, "microscopeData", "acquisition", "camera", "ExposureTime"), file, "ExposureTime")
                .or(() -> number(first(root, "ExposureTime"), file, "ExposureTime"))
                .ifPresent(v -> out.add(MetadataValue.number("exposure_time_s", v, "s")));
        number(customData(root, "Dose"), file, "Dose")
                .ifPresent(v -> out.add(MetadataValue.number("dose_e_per_angstrom2", v * 1e-20, "e/Å²")));
        number(customData(root, "AppliedDefocus"), file, "AppliedDefocus")
                .or(() -> number(path(root, "microscopeData", "optics", "Defocus"), file, "Defocus"))
                .ifPresent(v -> out.add(MetadataValue.number("nominal_defocus_um", -v * 1e6, "µm")));
        return out;
    }

    private static Document parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(in);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException(file + ": not well-formed XML (" + e.getMessage() + ")", e);
        }
    }

    private static Element path(Element from, String... names) {
        Element at = from;
        for (String n : names) {
            at = child(at, n);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element first(Element root, String localName) {
        NodeList list = root.getElementsByTagNameNS("*", localName);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    /** EPU CustomData: KeyValueOfstringanyType items with Key and Value children. */
    private static Element customData(Element root, String key) {
        NodeList keys = root.getElementsByTagNameNS("*", "Key");
        for (int i = 0; i < keys.getLength(); i++) {
            Element k = (Element) keys.item(i);
            if (key.equals(k.getTextContent().trim()) && k.getParentNode() instanceof Element pair) {
                return child(pair, "Value");
            }
        }
        return null;
    }

    private static java.util.Optional<Double> number(Element e, Path file, String what) {
        if (e == null) {
            return java.util.Optional.empty();
        }
        String text = e.getTextContent().trim();
        try {
            return java.util.Optional.of(Double.parseDouble(text));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(file + ": " + what + " value '" + text + "' is not a number");
        }
    }
}
