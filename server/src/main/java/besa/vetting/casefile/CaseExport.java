package besa.vetting.casefile;

import besa.vetting.casefile.CaseFile.Evidence;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evidence export for a referral, a ZIP of three parts bound by hashes:
 * <ul>
 *   <li>{@code records/…}: every piece of evidence exactly as stored (alerts and entities as the JSON
 *       frozen when they were linked, notes as text, files as uploaded), so each file's SHA-256 is
 *       the one the case recorded;</li>
 *   <li>{@code manifest.json}: the export's metadata and every record's path, size and SHA-256;</li>
 *   <li>{@code report.pdf}: the case in words, with every record's hash and the manifest's own hash.</li>
 * </ul>
 * The report cannot be listed in the manifest whose hash it prints; its hash goes to the response
 * header and the audit event instead.
 */
@Component
public class CaseExport {
    static final String FORMAT = "besa-vetting-export/1";

    private final CaseReport report;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    CaseExport(CaseReport report) {
        this.report = report;
    }

    /** Who exports, when, to whom, why. */
    public record Meta(String exportedBy, Instant exportedAt, String recipient, String reason) {}

    /** One file of the ZIP listed in the manifest. */
    public record Entry(String path, long evidenceId, byte[] bytes, String sha256) {}

    public record Export(String filename, byte[] zip, String manifestSha256, String reportSha256) {}

    Export build(CaseFile c, Map<Long, byte[]> contents, Meta meta, Locale locale) {
        List<Entry> records = new ArrayList<>();
        int n = 0;
        for (Evidence e : c.evidence()) {
            byte[] bytes = contents.getOrDefault(e.id(), new byte[0]);
            String path = "records/" + String.format(Locale.ROOT, "%03d", ++n) + "-" + e.pillar().name().toLowerCase(Locale.ROOT) + "-"
                    + e.kind().name().toLowerCase(Locale.ROOT) + "-" + e.id() + suffix(e);
            records.add(new Entry(path, e.id(), bytes, sha256(bytes)));
        }
        byte[] manifest = manifest(c, meta, records);
        String manifestHash = sha256(manifest);
        byte[] pdf = report.render(c, records, meta, manifestHash, locale);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            put(zip, "report.pdf", pdf);
            put(zip, "manifest.json", manifest);
            for (Entry r : records) put(zip, r.path(), r.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = c.summary().reference() + "-evidence.zip";
        return new Export(name, out.toByteArray(), manifestHash, sha256(pdf));
    }

    private byte[] manifest(CaseFile c, Meta meta, List<Entry> records) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("hashAlgorithm", "SHA-256");
        m.put("case", c.summary().reference());
        m.put("officerId", c.summary().officerId());
        m.put("officerName", c.summary().officerName());
        m.put("status", c.summary().status());
        m.put("outcome", c.summary().outcome() == null ? null : c.summary().outcome().name());
        m.put("exportedBy", meta.exportedBy());
        m.put("exportedAt", meta.exportedAt().toString());
        m.put("recipient", meta.recipient());
        m.put("reason", meta.reason());
        m.put("files", records.stream().map(r -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", r.path());
            f.put("sha256", r.sha256());
            f.put("size", r.bytes().length);
            f.put("evidence", r.evidenceId());
            return f;
        }).toList());
        return json.writeValueAsBytes(m);
    }

    private static String suffix(Evidence e) {
        return switch (e.kind()) {
            case ALERT, ENTITY -> ".json";
            case NOTE -> ".txt";
            case FILE -> {
                String safe = e.title().replaceAll("[^A-Za-z0-9._-]", "_");
                yield "-" + (safe.length() > 80 ? safe.substring(safe.length() - 80) : safe);
            }
        };
    }

    private static void put(ZipOutputStream zip, String path, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Lower-case hex SHA-256, as {@code sha256sum} prints it. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
