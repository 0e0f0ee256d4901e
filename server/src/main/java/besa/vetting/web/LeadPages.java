package besa.vetting.web;

import besa.intel.search.Page;
import besa.vetting.lead.Lead;
import besa.vetting.lead.LeadImport;
import besa.vetting.lead.LeadImportResult;
import besa.vetting.lead.LeadReader;
import besa.vetting.lead.LeadStore;
import besa.vetting.personnel.MappingProblems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The leads page: the list with its filters, and the import form with its result. */
@Controller
public class LeadPages {
    private final LeadReader reader;
    private final LeadImport importer;

    public LeadPages(LeadReader reader, LeadImport importer) {
        this.reader = reader;
        this.importer = importer;
    }

    @GetMapping("/vetting/leads")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String platform,
            @RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String originator,
            @RequestParam(defaultValue = "1") int page, Model model) {
        fill(model, q, platform, kind, originator, page);
        return "vetting/leads";
    }

    @PostMapping("/vetting/leads/import")
    String upload(@RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "csv") String format,
            @RequestParam(defaultValue = "false") boolean skipInvalid, Model model, HttpServletResponse response) throws IOException {
        try {
            LeadImport.Format f = "json".equalsIgnoreCase(format) ? LeadImport.Format.JSON : LeadImport.Format.CSV;
            LeadImportResult r = importer.importFile(f, new String(file.getBytes(), StandardCharsets.UTF_8), skipInvalid);
            model.addAttribute("result", r);
            if (!r.committed()) response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        } catch (MappingProblems e) {
            model.addAttribute("problems", e.problems());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        fill(model, "", "", "", "", 1);
        return "vetting/leads";
    }

    private void fill(Model model, String q, String platform, String kind, String originator, int page) {
        int p = Math.max(page, 1);
        Lead.Kind k = Lead.Kind.parse(kind);
        Page<Lead> leads = reader.list(new LeadStore.Filter(q, platform, k, originator), p - 1, PersonnelPages.PAGE_SIZE);
        model.addAttribute("q", q);
        model.addAttribute("platform", platform);
        model.addAttribute("kind", k == null ? "" : k.name());
        model.addAttribute("originator", originator);
        model.addAttribute("kinds", Lead.Kind.values());
        model.addAttribute("leads", leads.items());
        model.addAttribute("total", leads.total());
        model.addAttribute("page", p);
        model.addAttribute("pages", Math.max(1, (leads.total() + PersonnelPages.PAGE_SIZE - 1) / PersonnelPages.PAGE_SIZE));
        model.addAttribute("time", new PersonnelPages.Times());
    }
}
