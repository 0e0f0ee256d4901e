package besa.vetting.web;

import besa.intel.search.Page;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelFileKind;
import besa.vetting.personnel.PersonnelImport;
import besa.vetting.personnel.PersonnelImportResult;
import besa.vetting.personnel.PersonnelMapping;
import besa.vetting.personnel.PersonnelReader;
import besa.vetting.personnel.PersonnelRegister;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/vetting/personnel")
@Tag(name = "Vetting: personnel register", description = "The HR personnel register for the vetting unit (role VETTING_OFFICER, own vetting cleared)")
public class PersonnelApi {
    private final PersonnelReader reader;
    private final PersonnelImport importer;

    public PersonnelApi(PersonnelReader reader, PersonnelImport importer) {
        this.reader = reader;
        this.importer = importer;
    }

    @GetMapping
    @Operation(summary = "List officers", description = "By id, name, unit or rank (contained, any case), ordered by id; the reader's own record is never listed.")
    public Page<PersonnelRegister.Summary> list(@Parameter(description = "Text to look for") @RequestParam(defaultValue = "") String q,
            @Parameter(description = "Zero-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Officers per page, 1 to 100") @RequestParam(defaultValue = "50") int size) {
        PersonnelBadRequest.paging(page, size);
        return reader.list(q, page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One officer", description = "Identifiers (with origin), duties and declarations. An unknown id and the reader's own record both answer 404.")
    public Officer officer(@PathVariable String id) {
        return reader.officer(id).orElseThrow(() -> new PersonnelNotFound(id));
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import an HR file (multipart)",
            description = "Parts: file (CSV) and optionally mapping (YAML, as a file or a text field). 200 with counts when stored; "
                    + "422 with every bad row (line, column, value, reason) when refused, nothing stored; 400 when the mapping or header cannot be used.")
    public ResponseEntity<?> importMultipart(@RequestParam String kind, @RequestParam(defaultValue = "false") boolean wholeRegister,
            @RequestParam(defaultValue = "false") boolean skipInvalid, @RequestParam("file") MultipartFile file,
            jakarta.servlet.http.HttpServletRequest request) throws IOException {
        // The mapping as a text field is a parameter; as a file part it is a file of the (wrapped) multipart request.
        String mapping = request.getParameter("mapping");
        var multipart = org.springframework.web.util.WebUtils.getNativeRequest(request, org.springframework.web.multipart.MultipartHttpServletRequest.class);
        if (mapping == null && multipart != null && multipart.getFile("mapping") != null) {
            mapping = new String(multipart.getFile("mapping").getBytes(), StandardCharsets.UTF_8);
        }
        return run(kind, mapping, new String(file.getBytes(), StandardCharsets.UTF_8), wholeRegister, skipInvalid);
    }

    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Operation(summary = "Import an HR file (CSV body)", description = "The CSV as the body; the mapping (YAML) as the parameter 'mapping' when not the default.")
    public ResponseEntity<?> importBody(
            @Parameter(description = "register, duties or declarations") @RequestParam String kind,
            @Parameter(description = "register only: officers the file does not carry are marked inactive") @RequestParam(defaultValue = "false") boolean wholeRegister,
            @Parameter(description = "import the valid rows and report the others, instead of refusing the file") @RequestParam(defaultValue = "false") boolean skipInvalid,
            @Parameter(description = "YAML mapping: separator and columns (field: column)") @RequestParam(required = false) String mapping,
            @RequestBody byte[] csv) {
        return run(kind, mapping, new String(csv, StandardCharsets.UTF_8), wholeRegister, skipInvalid);
    }

    private ResponseEntity<?> run(String kind, String mappingYaml, String csv, boolean wholeRegister, boolean skipInvalid) {
        PersonnelFileKind k = PersonnelFileKind.parse(kind);
        if (k == null) throw new PersonnelBadRequest("kind", kind, "kind must be register, duties or declarations");
        PersonnelImportResult r = importer.importCsv(PersonnelMapping.load(k, mappingYaml), csv, wholeRegister, skipInvalid);
        if (r.committed()) return ResponseEntity.ok(r);
        return ResponseEntity.unprocessableContent().body(refused(r.problems().size() + " problem(s) in " + r.refused() + " row(s); nothing was stored", r));
    }

    static ProblemDetail refused(String detail, Object result) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
        p.setType(URI.create("urn:besa:problem:invalid-rows"));
        p.setTitle("The file has invalid rows");
        p.setProperty("result", result);
        return p;
    }
}
