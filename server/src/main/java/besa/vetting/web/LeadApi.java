package besa.vetting.web;

import besa.intel.search.Page;
import besa.vetting.lead.Lead;
import besa.vetting.lead.LeadImport;
import besa.vetting.lead.LeadImportResult;
import besa.vetting.lead.LeadReader;
import besa.vetting.lead.LeadStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/vetting/leads")
@Tag(name = "Vetting: integrity leads", description = "Partner-supplied integrity intelligence; a lead is readable only up to the reader's clearance")
public class LeadApi {
    private final LeadReader reader;
    private final LeadImport importer;

    public LeadApi(LeadReader reader, LeadImport importer) {
        this.reader = reader;
        this.importer = importer;
    }

    @GetMapping
    @Operation(summary = "List leads", description = "Newest first; only leads whose handling code is at most the reader's clearance.")
    public Page<Lead> list(@Parameter(description = "Text in value, reference or attribution") @RequestParam(defaultValue = "") String q,
            @Parameter(description = "Platform, e.g. SKY_ECC") @RequestParam(defaultValue = "") String platform,
            @Parameter(description = "PHONE, IMEI, ACCOUNT, PIN, NAME, VEHICLE or ADDRESS") @RequestParam(defaultValue = "") String kind,
            @Parameter(description = "Originator, e.g. Europol") @RequestParam(defaultValue = "") String originator,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        PersonnelBadRequest.paging(page, size);
        Lead.Kind k = kind.isBlank() ? null : Lead.Kind.parse(kind);
        if (!kind.isBlank() && k == null) throw new PersonnelBadRequest("kind", kind, "kind must be one of " + java.util.Arrays.toString(Lead.Kind.values()));
        return reader.list(new LeadStore.Filter(q, platform, k, originator), page, size);
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import leads (multipart)", description = "Part 'file': CSV with the fixed header, or a JSON array (format=json, or a .json file name).")
    public ResponseEntity<?> importMultipart(@RequestParam("file") MultipartFile file, @RequestParam(required = false) String format,
            @RequestParam(defaultValue = "false") boolean skipInvalid) throws IOException {
        String f = format != null ? format : file.getOriginalFilename() != null && file.getOriginalFilename().toLowerCase().endsWith(".json") ? "json" : "csv";
        return run(f, new String(file.getBytes(), StandardCharsets.UTF_8), skipInvalid);
    }

    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Import leads (body)", description = "text/csv or application/json body. 200 with counts and new ids; 422 with every bad row when refused.")
    public ResponseEntity<?> importBody(@RequestHeader("Content-Type") String contentType, @RequestParam(defaultValue = "false") boolean skipInvalid,
            @RequestBody byte[] body) {
        return run(contentType.toLowerCase().contains("json") ? "json" : "csv", new String(body, StandardCharsets.UTF_8), skipInvalid);
    }

    private ResponseEntity<?> run(String format, String text, boolean skipInvalid) {
        LeadImport.Format f = switch (format.strip().toLowerCase()) {
            case "csv" -> LeadImport.Format.CSV;
            case "json" -> LeadImport.Format.JSON;
            default -> throw new PersonnelBadRequest("format", format, "format must be csv or json");
        };
        LeadImportResult r = importer.importFile(f, text, skipInvalid);
        if (r.committed()) return ResponseEntity.ok(r);
        return ResponseEntity.unprocessableContent().body(PersonnelApi.refused(r.problems().size() + " problem(s) in " + r.refused()
                + " row(s); nothing was stored", r));
    }
}
