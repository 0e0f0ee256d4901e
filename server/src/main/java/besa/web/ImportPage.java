package besa.web;

import besa.access.AccessPolicy;
import besa.api.ImportApi;
import besa.intel.ingest.ImportJob;
import besa.intel.ingest.ImportJobs;
import besa.intel.ingest.MappingException;
import besa.intel.model.InvalidValueException;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The import page: an upload form, then the job's page, whose progress htmx refreshes every second
 * (without JavaScript a plain refresh link does the same), and finally the report of refused rows.
 */
@Controller
public class ImportPage {
    private static final int ERRORS_SHOWN = 200;

    private final ImportJobs jobs;
    private final AccessPolicy policy;

    public ImportPage(ImportJobs jobs, AccessPolicy policy) {
        this.jobs = jobs;
        this.policy = policy;
    }

    /** The form only for those who may import (403 otherwise, as the upload). */
    @GetMapping("/import")
    String form() {
        policy.requireCollect();
        return "import";
    }

    @PostMapping("/import")
    String start(@RequestParam("file") MultipartFile file, @RequestParam(name = "mapping", required = false) MultipartFile mapping,
            @RequestParam(defaultValue = "csv") String format, @RequestParam(defaultValue = "false") boolean skipInvalid,
            @RequestParam(required = false) String source, @RequestParam(required = false) String originator,
            @RequestParam(required = false) String legalBasis, @RequestParam(required = false) String evaluation,
            @RequestParam(required = false) String handling, Principal user, Model model,
            jakarta.servlet.http.HttpServletResponse response) throws IOException {
        try {
            ImportJobs.Importer importer = ImportApi.importer(policy); // 403 before anything is read
            ImportJob job = ImportApi.start(jobs, file, mapping, format, skipInvalid, source, null, originator, legalBasis,
                    evaluation, handling, importer);
            return "redirect:/import/" + job.id();
        } catch (MappingException e) {
            model.addAttribute("problems", e.problems());
        } catch (ImportApi.BadImportRequest | InvalidValueException e) {
            model.addAttribute("problems", List.of(e.getMessage()));
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return "import";
    }

    @GetMapping("/import/{id}")
    String job(@PathVariable String id, Principal user, Model model) {
        model.addAttribute("job", job(id, user));
        model.addAttribute("errorsShown", ERRORS_SHOWN);
        return "import";
    }

    /** The progress fragment htmx polls while the job runs. */
    @GetMapping("/import/{id}/progress")
    String progress(@PathVariable String id, Principal user, Model model) {
        model.addAttribute("job", job(id, user));
        model.addAttribute("errorsShown", ERRORS_SHOWN);
        return "import :: progress";
    }

    /** The refused rows with their reasons, as CSV. */
    @GetMapping("/import/{id}/rejects")
    org.springframework.http.ResponseEntity<org.springframework.core.io.Resource> rejects(@PathVariable String id, Principal user) {
        ImportJob job = job(id, user);
        if (job.rejects() == null) throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no refused rows");
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"rejects.csv\"")
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .body(new org.springframework.core.io.FileSystemResource(job.rejects()));
    }

    private ImportJob job(String id, Principal user) {
        try {
            return ImportApi.owned(jobs, id, user.getName());
        } catch (ImportApi.NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }
}
