package besa.vetting.web;

import besa.intel.search.Page;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.MappingProblems;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelFileKind;
import besa.vetting.personnel.PersonnelImport;
import besa.vetting.personnel.PersonnelImportResult;
import besa.vetting.personnel.PersonnelMapping;
import besa.vetting.personnel.PersonnelReader;
import besa.vetting.personnel.PersonnelRegister;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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

/** The personnel register's pages: the list, one officer, and the HR import form with its result. */
@Controller
public class PersonnelPages {
    static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Europe/Tirane"));

    private final PersonnelReader reader;
    private final PersonnelImport importer;
    private final VettingAccess access;

    public PersonnelPages(PersonnelReader reader, PersonnelImport importer, VettingAccess access) {
        this.reader = reader;
        this.importer = importer;
        this.access = access;
    }

    @GetMapping("/vetting/personnel")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page, Model model) {
        int p = Math.max(page, 1);
        Page<PersonnelRegister.Summary> officers = reader.list(q, p - 1, PAGE_SIZE);
        model.addAttribute("q", q);
        model.addAttribute("officers", officers.items());
        model.addAttribute("total", officers.total());
        model.addAttribute("page", p);
        model.addAttribute("pages", Math.max(1, (officers.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        return "vetting/personnel";
    }

    @GetMapping("/vetting/personnel/{id}")
    String officer(@PathVariable String id, Model model) {
        // An unknown id and the reader's own record: the same 404, nothing more.
        Officer o = reader.officer(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("officer", o);
        model.addAttribute("time", new Times());
        return "vetting/officer";
    }

    @GetMapping("/vetting/personnel/import")
    String form(Model model) {
        access.read(scope -> true); // 403 for anyone who does no vetting work, like the upload
        model.addAttribute("kinds", PersonnelFileKind.values());
        model.addAttribute("kind", "register");
        return "vetting/personnel-import";
    }

    @PostMapping("/vetting/personnel/import")
    String upload(@RequestParam String kind, @RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "") String mapping,
            @RequestParam(defaultValue = "false") boolean wholeRegister, @RequestParam(defaultValue = "false") boolean skipInvalid, Model model,
            HttpServletResponse response) throws IOException {
        model.addAttribute("kinds", PersonnelFileKind.values());
        model.addAttribute("kind", kind);
        model.addAttribute("mapping", mapping);
        PersonnelFileKind k = PersonnelFileKind.parse(kind);
        try {
            if (k == null) throw new MappingProblems(List.of("kind: register, duties or declarations"));
            PersonnelImportResult r = importer.importCsv(PersonnelMapping.load(k, mapping), new String(file.getBytes(), StandardCharsets.UTF_8),
                    wholeRegister, skipInvalid);
            model.addAttribute("result", r);
            if (!r.committed()) response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        } catch (MappingProblems e) {
            model.addAttribute("problems", e.problems());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return "vetting/personnel-import";
    }

    /** Instants as Tirana local time on the pages. */
    public static final class Times {
        public String of(Instant i) {
            return i == null ? "" : TIME.format(i);
        }
    }
}
