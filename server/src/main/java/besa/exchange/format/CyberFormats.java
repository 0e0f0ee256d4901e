package besa.exchange.format;

import besa.access.ReadScope;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.format.StixException.Problem;
import besa.intel.ingest.ImportOptions;
import besa.intel.ingest.ImportResult;
import besa.intel.ingest.Ingestion;
import besa.intel.ingest.RowError;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/**
 * STIX 2.1 import and export of cyber intelligence, and signed export packages (docs/exchange.md,
 * "Formats"). Imports go through the FollowTheMoney import ({@link Ingestion#importFtm}), so the
 * importer's access rights, his handling clearance and the COLLECTION audit apply as to any import.
 * Exports read through the FtM export with the user's scope: he exports only what he may read.
 */
@Service
public class CyberFormats {
    /** What a STIX import stored, and the objects it left out (types Besa does not model). */
    public record StixResult(ImportResult result, List<Problem> skipped) {}

    /** What to put in a package, for whom and why. {@code ids} empty = the whole source. */
    public record PackageRequest(String source, Collection<String> ids, String recipient, String legalBasis, String reason) {
        public PackageRequest {
            ids = ids == null ? List.of() : List.copyOf(ids);
            for (String[] f : new String[][] {{"source", source}, {"recipient", recipient}, {"legalBasis", legalBasis}, {"reason", reason}}) {
                if (f[1] == null || f[1].isBlank()) throw new IllegalArgumentException(f[0] + " is required");
            }
        }
    }

    /** Sources of this prefix hold what a partner sent (the exchange's receiving side). */
    static final String PARTNER_SOURCE = besa.intel.store.BulkWriter.PARTNER_SOURCE_PREFIX;

    private final Ingestion ingestion;
    private final ObjectProvider<AuditLog> audit;
    private final PackageKey key;
    private final Clock clock;
    private final String agency;

    CyberFormats(Ingestion ingestion, ObjectProvider<AuditLog> audit, PackageKey key, Clock clock,
            @Value("${besa.exchange.agency:Albanian State Police}") String agency) {
        this.ingestion = ingestion;
        this.audit = audit;
        this.key = key;
        this.clock = clock;
        this.agency = agency;
    }

    /** Imports a bundle in one transaction; a bad bundle throws {@link StixException} and stores nothing. */
    public StixResult importStix(byte[] bundle, StixImport options, ReadScope scope, String justification) {
        StixReader.Result read = new StixReader(options).read(bundle);
        if (read.entities().isEmpty()) {
            throw new StixException(List.of(new Problem(-1, null, "objects", "nothing Besa models (indicators, observables, threat actors, "
                    + "intrusion sets, relationships between them)")));
        }
        Path file = null;
        try {
            file = Files.createTempFile("besa-stix", ".jsonl");
            Files.write(file, read.entities().stream().map(StixReader.Converted::line).toList(), StandardCharsets.UTF_8);
            ImportResult r = ingestion.importFtm(file, "STIX bundle", null, new ImportOptions(false, null, null, scope, justification));
            if (r.status() == ImportResult.Status.ROLLED_BACK) {
                List<Problem> problems = new ArrayList<>();
                for (RowError e : r.errors()) {
                    var c = read.entities().get((int) e.row() - 1); // one line per converted object
                    problems.add(new Problem(c.index(), c.stixId(), null, e.reason()));
                }
                throw new StixException(problems);
            }
            return new StixResult(r, read.skipped());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the bundle: " + e.getMessage(), e);
        } finally {
            if (file != null) file.toFile().delete();
        }
    }

    /** A source's cyber intelligence (only entities in {@code ids}, when given) as a STIX bundle; audited as EXPORT. */
    public byte[] exportStix(String source, Collection<String> ids, ReadScope scope, String reason) {
        byte[] bundle = new StixWriter(clock.instant()).write(entities(source, ids, scope));
        record(scope, AuditAction.EXPORT, "STIX bundle of source " + source + (ids.isEmpty() ? "" : " (" + ids.size() + " entities)"), reason, "");
        return bundle;
    }

    /**
     * A signed package for a partner without a Besa node: FtM lines of everything exported, the STIX
     * bundle of its cyber part (when there is one), the manifest, its detached ES256 signature and
     * the public key. Audited as DISCLOSURE to the recipient.
     */
    public byte[] exportPackage(PackageRequest req, ReadScope scope) {
        if (req.source().startsWith(PARTNER_SOURCE)) {
            // A partner's material goes to a third party only with its recorded permission, and a package's recipient is no
            // partner a permission could name: refused, and audited as a refused disclosure.
            String why = "onward transfer: " + req.source() + " holds what a partner sent; it is not passed on in a package";
            record(scope, AuditAction.DISCLOSURE, "export package of source " + req.source() + " refused", why, req.recipient(), AuditOutcome.DENIED);
            throw new IllegalArgumentException("source: " + why);
        }
        List<String> lines = lines(req.source(), req.ids(), scope);
        List<StixWriter.Entity> entities = lines.stream().map(StixWriter::entity).toList();
        Set<String> codes = new TreeSet<>();
        entities.forEach(e -> e.statements().forEach(s -> codes.add(s.path("handling").asString())));
        List<String[]> files = new ArrayList<>(); // path, media type, content
        files.add(new String[] {"data/entities.ftm.jsonl", "application/x-ndjson", lines.isEmpty() ? "" : String.join("\n", lines) + "\n"});
        if (entities.stream().anyMatch(e -> StixWriter.stixType(e) != null && !"relationship".equals(StixWriter.stixType(e)))) {
            files.add(new String[] {"data/indicators.stix.json", "application/stix+json;version=2.1",
                new String(new StixWriter(clock.instant()).write(entities), StandardCharsets.UTF_8)});
        }
        ObjectNode m = StixReader.JSON.createObjectNode();
        m.put("format", "besa-export-package/1");
        m.put("id", UUID.randomUUID().toString());
        m.put("createdAt", clock.instant().toString());
        ObjectNode by = m.putObject("createdBy");
        by.put("user", scope.username());
        by.put("node", key.signer());
        by.put("agency", agency);
        m.put("recipient", req.recipient());
        m.put("legalBasis", req.legalBasis());
        m.put("reason", req.reason());
        m.put("source", req.source());
        m.put("entities", entities.size());
        codes.forEach(m.putArray("handlingCodes")::add);
        var list = m.putArray("files");
        for (String[] f : files) {
            byte[] b = f[2].getBytes(StandardCharsets.UTF_8);
            ObjectNode e = list.addObject();
            e.put("path", f[0]);
            e.put("mediaType", f[1]);
            e.put("size", b.length);
            e.put("sha256", PackageVerifier.sha256(b));
        }
        ECKey k = key.signingKey();
        ObjectNode sig = m.putObject("signature");
        sig.put("file", PackageVerifier.SIGNATURE);
        sig.put("alg", "ES256");
        sig.put("kid", k.getKeyID());
        sig.put("publicKey", PackageVerifier.PUBLIC_KEY);
        byte[] manifest = StixReader.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m).getBytes(StandardCharsets.UTF_8);
        String jws;
        try {
            JWSObject o = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(k.getKeyID())
                    .type(new JOSEObjectType("besa-manifest+jws")).build(), new Payload(manifest));
            o.sign(new ECDSASigner(k));
            jws = o.serialize(true); // detached: the payload is manifest.json itself
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the manifest: " + e.getMessage(), e);
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            put(out, PackageVerifier.MANIFEST, manifest);
            put(out, PackageVerifier.SIGNATURE, (jws + "\n").getBytes(StandardCharsets.US_ASCII));
            put(out, PackageVerifier.PUBLIC_KEY, k.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8));
            for (String[] f : files) put(out, f[0], f[2].getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        record(scope, AuditAction.DISCLOSURE, "export package " + m.path("id").asString() + " of source " + req.source() + ": "
                + entities.size() + " entities, handling " + String.join(",", codes) + ", legal basis " + req.legalBasis(), req.reason(), req.recipient());
        return zip.toByteArray();
    }

    private List<StixWriter.Entity> entities(String source, Collection<String> ids, ReadScope scope) {
        return lines(source, ids, scope).stream().map(StixWriter::entity).toList();
    }

    /** The FtM lines of a source as {@code scope} may read it, only those of {@code ids} when given. */
    private List<String> lines(String source, Collection<String> ids, ReadScope scope) {
        if (!ingestion.sourceReadable(source, scope)) throw new SourceNotFoundException(source);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ingestion.exportFtm(source, out, scope);
        Set<String> wanted = Set.copyOf(ids);
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                .filter(l -> wanted.isEmpty() || wanted.contains(StixReader.JSON.readTree(l).path("id").asString())).toList();
    }

    private void record(ReadScope scope, AuditAction action, String what, String reason, String recipient) {
        record(scope, action, what, reason, recipient, AuditOutcome.SUCCESS);
    }

    private void record(ReadScope scope, AuditAction action, String what, String reason, String recipient, AuditOutcome outcome) {
        if (scope.isSystem()) return;
        AuditLog log = audit.getIfAvailable();
        if (log == null) throw new besa.audit.AuditUnavailableException("an export needs the audit trail, and there is none here", null);
        log.record(new AuditEvent(scope.username(), action, what, reason == null ? "" : reason, recipient, outcome, ""));
    }

    private static void put(ZipOutputStream out, String name, byte[] data) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(data);
        out.closeEntry();
    }

    /** The source does not exist or the user may not read it (not told apart). */
    public static class SourceNotFoundException extends RuntimeException {
        public SourceNotFoundException(String source) {
            super("there is no source '" + source + "'");
        }
    }
}
